// Looks at a zip's central directory before anything inflates it: a truncated file has none, and a
// zip bomb declares sizes far beyond what the file could honestly hold. Entries are inflated by
// node:zlib in chunks, bounded by their declared size, so a corrupt stream fails fast and never loops.
import { createInflateRaw, crc32 } from 'node:zlib';
import { FatalError } from '../findings.js';

const MAX_RATIO = 1100;
const MAX_TIGHT_RATIO = 100;
const MAX_TIGHT_BYTES = 32 * 2 ** 20;

export interface ZipLimits {
  maxUncompressedBytes: number;
  maxZipEntries: number;
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** Throws for a truncated or oversized zip; returns the declared unpacked size. */
export function checkZip(bytes: Uint8Array, file: string, limits: ZipLimits): number {
  return listZip(bytes, file, limits).reduce((n, e) => n + e.size, 0);
}

/** The central directory's entries, checked against the limits. */
export function listZip(bytes: Uint8Array, file: string, limits: ZipLimits): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 65 535 bytes, at the very end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new FatalError('workbook-corrupt', { file, reason: 'zip-no-directory' });
  const entries = view.getUint16(eocd + 10, true);
  const dirSize = view.getUint32(eocd + 12, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || dirOffset === 0xffffffff)
    throw new FatalError('workbook-too-large', { file, reason: 'zip64' });
  if (dirOffset + dirSize > eocd) throw new FatalError('workbook-corrupt', { file, reason: 'zip-directory-range' });
  if (entries > limits.maxZipEntries)
    throw new FatalError('workbook-too-large', { file, reason: 'zip-entries', entries, limit: limits.maxZipEntries });
  let total = 0;
  let tight = 0;
  let p = dirOffset;
  const out: ZipEntry[] = [];
  const names = new TextDecoder('utf-8');
  for (let n = 0; n < entries; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50)
      throw new FatalError('workbook-corrupt', { file, reason: 'zip-bad-directory' });
    const compressed = view.getUint32(p + 20, true);
    const uncompressed = view.getUint32(p + 24, true);
    if (uncompressed === 0xffffffff) throw new FatalError('workbook-too-large', { file, reason: 'zip64' });
    // Deflate cannot shrink data more than about 1032 : 1; a larger declared ratio is a lie (a zip bomb).
    if (uncompressed > 2 ** 20 && uncompressed > compressed * MAX_RATIO) {
      throw new FatalError('workbook-too-large', {
        file,
        reason: 'zip-ratio',
        size: Math.round(uncompressed / 2 ** 20),
        compressed,
      });
    }
    // Real sheets compress 3-30 : 1; parts that pack tighter than 100 : 1 are mostly repetition (empty cells
    // by the million), which would cost seconds per MiB of file to scan for nothing: 32 MiB of them at most.
    if (uncompressed > compressed * MAX_TIGHT_RATIO) tight += uncompressed;
    if (tight > MAX_TIGHT_BYTES)
      throw new FatalError('workbook-too-large', {
        file,
        reason: 'zip-tight',
        size: Math.round(tight / 2 ** 20),
        ratio: MAX_TIGHT_RATIO,
      });
    total += uncompressed;
    const nameLength = view.getUint16(p + 28, true);
    if (p + 46 + nameLength > eocd) throw new FatalError('workbook-corrupt', { file, reason: 'zip-bad-directory' });
    out.push({
      name: names.decode(bytes.subarray(p + 46, p + 46 + nameLength)).replace(/\\/g, '/'),
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      crc: view.getUint32(p + 16, true),
      compressedSize: compressed,
      size: uncompressed,
      localOffset: view.getUint32(p + 42, true),
    });
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  if (total > limits.maxUncompressedBytes) {
    throw new FatalError('workbook-too-large', {
      file,
      reason: 'zip-total',
      size: Math.round(total / 2 ** 20),
      limit: Math.round(limits.maxUncompressedBytes / 2 ** 20),
    });
  }
  return out;
}

/** Bytes an entry may inflate to beyond its declared size before it counts as corrupt. */
const SLACK = 64 * 1024;
const CHUNK = 64 * 1024;

/**
 * An entry's content in chunks of at most 64 KiB: stored or deflated (node:zlib), never more than its
 * declared size (+ slack), its CRC checked at the end. Every problem is a FatalError 'workbook-corrupt'.
 */
export async function* inflateEntry(bytes: Uint8Array, entry: ZipEntry, file: string): AsyncGenerator<Buffer> {
  // `kind` is a reason code (messages.ts REASONS): the part and what is wrong with it, in the user's language.
  const corrupt = (kind: string, extra: Record<string, string | number> = {}) =>
    new FatalError('workbook-corrupt', { file, reason: 'part-damaged', part: entry.name, kind, ...extra });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw corrupt('part-local-header');
  if (entry.flags & 1) throw corrupt('part-encrypted');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw corrupt('part-range');
  const data = Buffer.from(bytes.buffer, bytes.byteOffset + start, entry.compressedSize);
  let crc = 0;
  let total = 0;
  if (entry.method === 0) {
    for (let p = 0; p < data.length; p += CHUNK) {
      const chunk = data.subarray(p, Math.min(data.length, p + CHUNK));
      crc = crc32(chunk, crc);
      yield chunk;
    }
    total = data.length;
  } else if (entry.method === 8) {
    const inflater = createInflateRaw({ chunkSize: CHUNK });
    inflater.end(data);
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > entry.size + SLACK) throw corrupt('part-too-long');
        crc = crc32(chunk, crc);
        yield chunk;
      }
    } catch (e) {
      if (e instanceof FatalError) throw e;
      throw corrupt('part-inflate');
    } finally {
      inflater.destroy();
    }
  } else throw corrupt('part-method', { method: entry.method });
  if (total !== entry.size) throw corrupt('part-size', { size: total, declared: entry.size });
  if (crc >>> 0 !== entry.crc >>> 0) throw corrupt('part-crc');
}
