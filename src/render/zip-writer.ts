// issue 13: a small zip writer for the xlsx report. Each entry is deflated as it is produced (a node:zlib
// stream fed in pieces), so a national sheet is never one giant string; only the compressed bytes are kept.
// Sizes and CRC go in the local header (no data descriptors): every reader, old Excel included, takes that.
import { once } from 'node:events';
import * as zlib from 'node:zlib';
import { FatalError } from '../findings.js';

/** Without ZIP64 the format counts sizes and offsets in 32 bits and entries in 16. */
const MAX_BYTES = 0xffffffff;
const MAX_ENTRIES = 0xffff;
/** Text is batched to about this many characters before it is encoded and handed to zlib (fewer round trips
 * to zlib's thread: most of the write's time was waiting on 64 KiB pieces). */
const PIECE = 1024 * 1024;
/** Sheet XML is repetitive: level 4 is within a few per cent of 6 in size, and faster. */
const LEVEL = 4;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 by table (ISO-HDLC, as zip uses it), continued from `crc`. */
export function crc32Table(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** node:zlib's native CRC-32 where Node has it (20.15+; src/read/zip.ts uses it too), else the table. */
export const crc32: (bytes: Uint8Array, crc?: number) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? zlib.crc32 : crc32Table;

interface Written {
  name: Uint8Array;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** A fixed DOS date (1980-01-01): the same report gives the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

const tooLarge = (bytes: number) =>
  new FatalError('report-too-large', { size: Math.round(bytes / 2 ** 20), format: 'xlsx' });

export class ZipWriter {
  private readonly out: Uint8Array[] = [];
  private offset = 0;
  private readonly entries: Written[] = [];
  private readonly utf8 = new TextEncoder();

  /** `limit`: the largest size or offset (tests lower it; the format's own is 4 GiB − 1). */
  constructor(private readonly limit = MAX_BYTES) {}

  /** Adds one entry, deflated from its pieces of text (UTF-8) or bytes as they come. */
  async add(name: string, pieces: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<void> {
    if (this.entries.length >= MAX_ENTRIES) throw tooLarge(this.offset);
    const deflate = zlib.createDeflateRaw({ level: LEVEL, chunkSize: 256 * 1024 });
    const compressed: Buffer[] = [];
    let compressedSize = 0;
    deflate.on('data', (c: Buffer) => {
      compressed.push(c);
      compressedSize += c.length;
    });
    let crc = 0;
    let size = 0;
    let text: string[] = [];
    let textLength = 0;
    const feed = async (bytes: Uint8Array) => {
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (size > this.limit) throw tooLarge(this.offset + size);
      if (!deflate.write(bytes)) await once(deflate, 'drain');
    };
    const flushText = async () => {
      if (!textLength) return;
      const joined = text.join('');
      text = [];
      textLength = 0;
      await feed(this.utf8.encode(joined));
    };
    try {
      for await (const piece of pieces) {
        if (typeof piece === 'string') {
          text.push(piece);
          textLength += piece.length;
          if (textLength >= PIECE) await flushText();
        } else {
          await flushText();
          await feed(piece);
        }
      }
      await flushText();
      deflate.end();
      await once(deflate, 'end');
    } finally {
      deflate.destroy();
    }
    const nameBytes = this.utf8.encode(name);
    const header = new Uint8Array(30 + nameBytes.length);
    const h = new DataView(header.buffer);
    h.setUint32(0, 0x04034b50, true);
    h.setUint16(4, 20, true); // version needed: 2.0 (deflate)
    h.setUint16(6, 0x0800, true); // names in UTF-8
    h.setUint16(8, 8, true); // deflate
    h.setUint16(10, DOS_TIME, true);
    h.setUint16(12, DOS_DATE, true);
    h.setUint32(14, crc, true);
    h.setUint32(18, compressedSize, true);
    h.setUint32(22, size, true);
    h.setUint16(26, nameBytes.length, true);
    header.set(nameBytes, 30);
    const offset = this.offset;
    if (offset + header.length + compressedSize > this.limit) throw tooLarge(offset + header.length + compressedSize);
    this.push(header);
    for (const c of compressed) this.push(c);
    this.entries.push({ name: nameBytes, crc, compressed: compressedSize, size, offset });
  }

  /** The central directory and its end record; the whole zip as one array. */
  finish(): Uint8Array {
    const dirStart = this.offset;
    for (const e of this.entries) {
      const d = new Uint8Array(46 + e.name.length);
      const v = new DataView(d.buffer);
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 20, true); // made by: 2.0, MS-DOS attributes
      v.setUint16(6, 20, true);
      v.setUint16(8, 0x0800, true);
      v.setUint16(10, 8, true);
      v.setUint16(12, DOS_TIME, true);
      v.setUint16(14, DOS_DATE, true);
      v.setUint32(16, e.crc, true);
      v.setUint32(20, e.compressed, true);
      v.setUint32(24, e.size, true);
      v.setUint16(28, e.name.length, true);
      v.setUint32(42, e.offset, true);
      d.set(e.name, 46);
      this.push(d);
    }
    const dirSize = this.offset - dirStart;
    if (this.offset + 22 > this.limit) throw tooLarge(this.offset + 22);
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, this.entries.length, true);
    v.setUint16(10, this.entries.length, true);
    v.setUint32(12, dirSize, true);
    v.setUint32(16, dirStart, true);
    this.push(end);
    const all = new Uint8Array(this.offset);
    let p = 0;
    for (const c of this.out) {
      all.set(c, p);
      p += c.length;
    }
    this.out.length = 0;
    return all;
  }

  private push(bytes: Uint8Array): void {
    this.out.push(bytes);
    this.offset += bytes.length;
  }
}
