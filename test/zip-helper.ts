// Hand-built xlsx parts for tests, in any entry order, stored or deflated; the zip itself is the fuzzer's
// tiny reader/writer (test/fuzz/zip.mjs), typed here.
import type { XlsxLimits } from '../src/read/xlsx.js';
// @ts-expect-error plain ESM helper shared with the stand-alone fuzz runner
import { zip as zipEntries, unzip as unzipEntries } from './fuzz/zip.mjs';

/** packed: the deflated bytes to write instead of deflating data (a corrupt stream for tests). */
export type Part = [name: string, data: string | Buffer, options?: { store?: boolean; packed?: Buffer }];

export function zip(parts: Part[]): Buffer {
  return zipEntries(
    parts.map(([name, data, options]) => ({
      name,
      data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data,
      method: options?.store ? 0 : 8,
      ...(options?.packed ? { raw: options.packed } : {}),
    })),
  );
}

/** The entries of a zip, inflated, in directory order. */
export function unzip(bytes: Buffer): Part[] {
  return (unzipEntries(bytes) as { name: string; data: Buffer }[]).map((e) => [e.name, e.data]);
}

const CT =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>';
const CT_SHEET = (i: number) =>
  `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/**
 * An xlsx from sheet XML bodies (whole <worksheet> documents) and an optional shared-strings document.
 * sstFirst: false puts sharedStrings.xml after the sheets in the zip (as some writers do).
 */
export function xlsx(
  sheets: [name: string, xml: string][],
  options: { sst?: string; sstFirst?: boolean; store?: boolean } = {},
): Buffer {
  const wb = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
    .map(([name], i) => `<sheet name="${escapeAttr(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join(
      '',
    )}${options.sst ? `<Relationship Id="rIdS" Type="${REL}sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`;
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

const SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
/** A <worksheet> document around a sheetData body (and anything after it, e.g. mergeCells). */
export const worksheet = (rows: string, after = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${SHEET_NS}><sheetData>${rows}</sheetData>${after}</worksheet>`;

/** Read limits for reader tests: the CLI's defaults, a minute of time. */
export const LIMITS: XlsxLimits = {
  maxRows: 5_000_000,
  maxSheets: 100,
  timeoutMs: 60_000,
  maxUncompressedBytes: 2 ** 30,
  maxZipEntries: 10_000,
};
