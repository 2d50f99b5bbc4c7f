// The compound-file (CFB, "OLE2") structure of an .xls, checked before SheetJS sees it: sector counts and
// positions within the file's size, FAT/DIFAT/directory/stream chains without cycles, a directory tree
// without loops. Also recognises encrypted workbooks (OOXML with a password is a CFB holding
// EncryptionInfo + EncryptedPackage; a BIFF workbook with a FILEPASS record).
import { FatalError } from '../findings.js';

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const MAX_REG_SECT = 0xfffffffa;
const NO_STREAM = 0xffffffff;

export interface CfbEntry {
  name: string;
  type: number;
  start: number;
  size: number;
}

export interface CfbInfo {
  entries: CfbEntry[];
  /** The BIFF workbook stream's bytes ('Workbook', or 'Book' for BIFF5), when there is one. */
  workbook?: Uint8Array;
}

/** Throws workbook-corrupt (reason code), workbook-encrypted or not-a-workbook; returns the directory. */
export function checkCfb(bytes: Uint8Array, file: string): CfbInfo {
  const corrupt = (reason: string) => new FatalError('workbook-corrupt', { file, reason });
  if (bytes.length < 512 || SIGNATURE.some((b, i) => bytes[i] !== b)) throw corrupt('cfb-header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  const shift = u16(30);
  if ((shift !== 9 && shift !== 12) || u16(32) !== 6) throw corrupt('cfb-header');
  const size = 1 << shift;
  const perSector = size / 4;
  // Sectors the file actually holds (the header takes the first sector's place); a short last one counts.
  const sectors = Math.ceil(Math.max(0, bytes.length - size) / size);
  const offset = (s: number) => (s + 1) * size;
  /** The 32-bit entries of a sector, the part past the file's end read as free. */
  const entriesOf = (s: number): number[] => {
    const out: number[] = [];
    for (let i = 0; i < perSector; i++) {
      const o = offset(s) + i * 4;
      out.push(o + 4 <= bytes.length ? u32(o) : 0xffffffff);
    }
    return out;
  };
  const fatCount = u32(44);
  const firstDir = u32(48);
  const miniCutoff = u32(56);
  const firstMiniFat = u32(60);
  const miniFatCount = u32(64);
  const firstDifat = u32(68);
  const difatCount = u32(72);
  if (fatCount === 0 || fatCount > sectors || difatCount > sectors || miniFatCount > sectors)
    throw corrupt('cfb-count');

  // FAT sectors: 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(u32(76 + i * 4));
  let d = firstDifat;
  const seenDifat = new Set<number>();
  while (fatSectors.length < fatCount) {
    if (d >= sectors) throw corrupt(d > MAX_REG_SECT ? 'cfb-count' : 'cfb-range');
    if (seenDifat.has(d)) throw corrupt('cfb-cycle');
    seenDifat.add(d);
    const e = entriesOf(d);
    for (let i = 0; i < perSector - 1 && fatSectors.length < fatCount; i++) fatSectors.push(e[i]!);
    d = e[perSector - 1]!;
  }
  const fat = new Uint32Array(fatCount * perSector);
  const seenFat = new Set<number>();
  fatSectors.forEach((s, k) => {
    if (s >= sectors) throw corrupt('cfb-range');
    if (seenFat.has(s)) throw corrupt('cfb-cycle');
    seenFat.add(s);
    fat.set(entriesOf(s), k * perSector);
  });

  /** A chain of sector numbers from `start`, checked for range and cycles. */
  const chain = (start: number, table: Uint32Array, limit: number): number[] => {
    const out: number[] = [];
    const seen = new Uint8Array(limit);
    let s = start;
    while (s !== END_OF_CHAIN) {
      // Other special values (free sector) end a chain, as readers do; a number past the file is damage.
      if (s > MAX_REG_SECT) break;
      if (s >= limit || s >= table.length) throw corrupt('cfb-range');
      if (seen[s]) throw corrupt('cfb-cycle');
      seen[s] = 1;
      out.push(s);
      s = table[s]!;
    }
    return out;
  };

  const dirSectors = chain(firstDir, fat, sectors);
  if (dirSectors.length === 0) throw corrupt('cfb-directory');
  const entries: CfbEntry[] = [];
  const links: [number, number, number][] = [];
  for (const s of dirSectors) {
    for (let k = 0; k < size / 128; k++) {
      const o = offset(s) + k * 128;
      if (o + 128 > bytes.length) break;
      const nameLength = Math.min(u16(o + 64), 64);
      let name = '';
      for (let i = 0; i + 2 < nameLength; i += 2) name += String.fromCharCode(u16(o + i));
      entries.push({ name, type: bytes[o + 66]!, start: u32(o + 116), size: u32(o + 120) });
      links.push([u32(o + 68), u32(o + 72), u32(o + 76)]);
    }
  }
  if (entries[0]?.type !== 5) throw corrupt('cfb-directory');
  // The directory tree (left, right, child) must reach each entry once at most.
  const reached = new Uint8Array(entries.length);
  const stack = [0];
  while (stack.length) {
    const i = stack.pop()!;
    if (reached[i]) throw corrupt('cfb-cycle');
    reached[i] = 1;
    for (const j of links[i]!) {
      if (j === NO_STREAM) continue;
      if (j >= entries.length) throw corrupt('cfb-directory');
      stack.push(j);
    }
  }

  // Streams: their chains must stay in the file and hold their declared size.
  const root = entries[0]!;
  const miniStream = root.size > 0 ? chain(root.start, fat, sectors) : [];
  if (miniStream.length * size < root.size) throw corrupt('cfb-stream-size');
  const miniFatSectors = miniFatCount > 0 ? chain(firstMiniFat, fat, sectors) : [];
  const miniFat = new Uint32Array(miniFatSectors.length * perSector);
  miniFatSectors.forEach((s, k) => miniFat.set(entriesOf(s), k * perSector));
  const miniSectors = Math.floor(root.size / 64);
  /** A stream's chain checked; its bytes copied out when `copy`. */
  const streamBytes = (e: CfbEntry, copy: boolean): Uint8Array | undefined => {
    if (e.size === 0) return new Uint8Array(0);
    if (e.size >= miniCutoff) {
      const c = chain(e.start, fat, sectors);
      if (c.length * size < e.size) throw corrupt('cfb-stream-size');
      if (!copy) return undefined;
      const out = new Uint8Array(c.length * size);
      c.forEach((s, k) => out.set(bytes.subarray(offset(s), Math.min(offset(s) + size, bytes.length)), k * size));
      return out.subarray(0, e.size);
    }
    const c = chain(e.start, miniFat, miniSectors);
    if (c.length * 64 < e.size) throw corrupt('cfb-stream-size');
    if (!copy) return undefined;
    const out = new Uint8Array(c.length * 64);
    c.forEach((m, k) => {
      const sector = miniStream[Math.floor((m * 64) / size)]!;
      const o = offset(sector) + ((m * 64) % size);
      out.set(bytes.subarray(o, Math.min(o + 64, bytes.length)), k * 64);
    });
    return out.subarray(0, e.size);
  };
  const streams = entries.filter((e) => e.type === 2);
  const names = new Set(streams.map((e) => e.name.toLowerCase()));
  if (names.has('encryptioninfo') && names.has('encryptedpackage'))
    throw new FatalError('workbook-encrypted', { file });
  let workbook: Uint8Array | undefined;
  for (const e of streams) {
    // Every stream's chain is checked, not only the workbook's: SheetJS reads them all.
    const n = e.name.toLowerCase();
    const wanted = !workbook && (n === 'workbook' || n === 'book');
    const data = streamBytes(e, wanted);
    if (wanted) workbook = data;
  }
  if (!workbook) throw new FatalError('not-a-workbook', { file });
  checkBiff(workbook, file);
  return { entries, workbook };
}

const BOF = [0x0809, 0x0409, 0x0209, 0x0009];
const EOF = 0x000a;
const FILEPASS = 0x002f;

/** BIFF records of the workbook stream: lengths within the stream; FILEPASS (a password) before the globals' EOF. */
function checkBiff(stream: Uint8Array, file: string): void {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  if (stream.length < 4 || !BOF.includes(view.getUint16(0, true)))
    throw new FatalError('workbook-corrupt', { file, reason: 'biff-bof' });
  let p = 0;
  let globals = true;
  while (p + 4 <= stream.length) {
    const type = view.getUint16(p, true);
    const length = view.getUint16(p + 2, true);
    if (p + 4 + length > stream.length) {
      // Zero padding after the last record is common; a record running past the stream is damage.
      if (type === 0) break;
      throw new FatalError('workbook-corrupt', { file, reason: 'biff-record' });
    }
    if (globals && type === FILEPASS) throw new FatalError('workbook-encrypted', { file });
    if (type === EOF) globals = false;
    p += 4 + length;
  }
}
