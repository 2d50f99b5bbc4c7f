// A tiny zip reader/writer for tests: hand-built xlsx parts in any entry order, stored or deflated.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { listZip } from '../src/read/zip.js';

/** packed: the deflated bytes to write instead of deflating data (a corrupt stream for tests). */
export type Part = [name: string, data: string | Buffer, options?: { store?: boolean; packed?: Buffer }];

export function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content, options] of parts) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const packed = options?.packed ?? (options?.store ? data : deflateRawSync(data));
    const fname = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(options?.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fname.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x800, 8);
    dir.writeUInt16LE(options?.store ? 0 : 8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(fname.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, fname, packed);
    central.push(dir, fname);
    offset += 30 + fname.length + packed.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

/** The entries of a zip, inflated, in directory order. */
export function unzip(bytes: Buffer): Part[] {
  return listZip(bytes, 'test.zip', { maxUncompressedBytes: 2 ** 31, maxZipEntries: 100_000 }).map((e) => {
    const at = e.localOffset;
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const raw = bytes.subarray(start, start + e.compressedSize);
    return [e.name, e.method === 0 ? Buffer.from(raw) : inflateRawSync(raw)];
  });
}

const CT = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>';
const CT_SHEET = (i: number) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
const ROOT_RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/**
 * An xlsx from sheet XML bodies (whole <worksheet> documents) and an optional shared-strings document.
 * sstFirst: false puts sharedStrings.xml after the sheets in the zip (as some writers do).
 */
export function xlsx(sheets: [name: string, xml: string][], options: { sst?: string; sstFirst?: boolean; store?: boolean } = {}): Buffer {
  const wb = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
    .map(([name], i) => `<sheet name="${escapeAttr(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('')}${options.sst ? `<Relationship Id="rIdS" Type="${REL}sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`;
  const store = { store: options.store ?? false };
  const sheetParts: Part[] = sheets.map(([, xml], i) => [`xl/worksheets/sheet${i + 1}.xml`, xml, store]);
  const sst: Part[] = options.sst ? [['xl/sharedStrings.xml', options.sst, store]] : [];
  return zip([
    ['[Content_Types].xml', CT + sheets.map((_, i) => CT_SHEET(i + 1)).join('') + '</Types>', store],
    ['_rels/.rels', ROOT_RELS, store],
    ['xl/workbook.xml', wb, store],
    ['xl/_rels/workbook.xml.rels', rels, store],
    ...(options.sstFirst === false ? [...sheetParts, ...sst] : [...sst, ...sheetParts]),
  ]);
}

export const SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
/** A <worksheet> document around a sheetData body (and anything after it, e.g. mergeCells). */
export const worksheet = (rows: string, after = '') => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${SHEET_NS}><sheetData>${rows}</sheetData>${after}</worksheet>`;
