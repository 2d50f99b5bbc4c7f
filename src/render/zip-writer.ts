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

/** One entry being written: pieces go through its own deflate stream; only compressed bytes are kept. */
export class ZipEntryWriter {
  crc = 0;
  size = 0;
  compressedSize = 0;
  readonly compressed: Buffer[] = [];
  closed = false;
  private readonly deflate = zlib.createDeflateRaw({ level: LEVEL, chunkSize: 256 * 1024 });
  private text: string[] = [];
  private textLength = 0;

  constructor(
    readonly name: string,
    private readonly limit: number,
  ) {
    this.deflate.on('data', (c: Buffer) => {
      this.compressed.push(c);
      this.compressedSize += c.length;
    });
  }

  /** Adds a piece; the promise (only when pieces were handed to zlib) must be awaited before the next write. */
  write(piece: string | Uint8Array): Promise<void> | undefined {
    if (typeof piece === 'string') {
      this.text.push(piece);
      this.textLength += piece.length;
      return this.textLength >= PIECE ? this.flushText() : undefined;
    }
    return this.flushText().then(() => this.feed(piece));
  }

  async close(): Promise<void> {
    try {
      await this.flushText();
      this.deflate.end();
      await once(this.deflate, 'end');
    } finally {
      this.deflate.destroy();
      this.closed = true;
    }
  }

  /** Stops without writing the rest (an error elsewhere): frees zlib's memory. */
  abort(): void {
    this.deflate.destroy();
    this.closed = true;
  }

  private async flushText(): Promise<void> {
    if (!this.textLength) return;
    const joined = this.text.join('');
    this.text = [];
    this.textLength = 0;
    await this.feed(utf8.encode(joined));
  }

  private async feed(bytes: Uint8Array): Promise<void> {
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    if (this.size > this.limit) throw tooLarge(this.size);
    if (!this.deflate.write(bytes)) await once(this.deflate, 'drain');
  }
}

const utf8 = new TextEncoder();

/**
 * A zip built in memory from entries deflated as they are written. Several entries may be open at once (the
 * report writes every sheet in one pass over the counties); they are laid out in the order they were opened.
 */
export class ZipWriter {
  private readonly entries: ZipEntryWriter[] = [];

  /** `limit`: the largest size or offset (tests lower it; the format's own is 4 GiB − 1). */
  constructor(private readonly limit = MAX_BYTES) {}

  /** Opens an entry; write to it, then close it before finish(). */
  open(name: string): ZipEntryWriter {
    if (this.entries.length >= MAX_ENTRIES) throw tooLarge(0);
    const entry = new ZipEntryWriter(name, this.limit);
    this.entries.push(entry);
    return entry;
  }

  /** Adds one whole entry from its pieces of text (UTF-8) or bytes. */
  async add(name: string, pieces: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<void> {
    const entry = this.open(name);
    try {
      for await (const piece of pieces) await entry.write(piece);
      await entry.close();
    } catch (e) {
      entry.abort();
      throw e;
    }
  }

  /** Every entry's local header and data, the central directory and its end record: the zip as one array. */
  finish(): Uint8Array {
    const out: Uint8Array[] = [];
    let offset = 0;
    const push = (bytes: Uint8Array) => {
      out.push(bytes);
      offset += bytes.length;
      if (offset > this.limit) throw tooLarge(offset);
    };
    const written: Written[] = [];
    for (const e of this.entries) {
      if (!e.closed) throw new Error(`zip entry ${e.name} is still open`);
      const nameBytes = utf8.encode(e.name);
      const header = new Uint8Array(30 + nameBytes.length);
      const h = new DataView(header.buffer);
      h.setUint32(0, 0x04034b50, true);
      h.setUint16(4, 20, true); // version needed: 2.0 (deflate)
      h.setUint16(6, 0x0800, true); // names in UTF-8
      h.setUint16(8, 8, true); // deflate
      h.setUint16(10, DOS_TIME, true);
      h.setUint16(12, DOS_DATE, true);
      h.setUint32(14, e.crc, true);
      h.setUint32(18, e.compressedSize, true);
      h.setUint32(22, e.size, true);
      h.setUint16(26, nameBytes.length, true);
      header.set(nameBytes, 30);
      written.push({ name: nameBytes, crc: e.crc, compressed: e.compressedSize, size: e.size, offset });
      push(header);
      for (const c of e.compressed) push(c);
      e.compressed.length = 0;
    }
    const dirStart = offset;
    for (const e of written) {
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
      push(d);
    }
    const dirSize = offset - dirStart;
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, written.length, true);
    v.setUint16(10, written.length, true);
    v.setUint32(12, dirSize, true);
    v.setUint32(16, dirStart, true);
    push(end);
    const all = new Uint8Array(offset);
    let p = 0;
    for (const c of out) {
      all.set(c, p);
      p += c.length;
    }
    return all;
  }
}
