// Looks at a zip's central directory before anything inflates it: a truncated file has none, and a
// zip bomb declares sizes far beyond what the file could honestly hold.
import { FatalError } from '../findings.js';

const MAX_RATIO = 1100;

export interface ZipLimits {
  maxUncompressedBytes: number;
  maxZipEntries: number;
}

/** Throws for a truncated or oversized zip (reasons are codes worded in messages.ts); returns the declared unpacked size. */
export function checkZip(bytes: Uint8Array, file: string, limits: ZipLimits): number {
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
  if (entries === 0xffff || dirOffset === 0xffffffff) throw new FatalError('workbook-too-large', { file, reason: 'zip64' });
  if (dirOffset + dirSize > eocd) throw new FatalError('workbook-corrupt', { file, reason: 'zip-directory-range' });
  if (entries > limits.maxZipEntries) throw new FatalError('workbook-too-large', { file, reason: 'zip-entries', entries, limit: limits.maxZipEntries });
  let total = 0;
  let p = dirOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50) throw new FatalError('workbook-corrupt', { file, reason: 'zip-bad-directory' });
    const compressed = view.getUint32(p + 20, true);
    const uncompressed = view.getUint32(p + 24, true);
    if (uncompressed === 0xffffffff) throw new FatalError('workbook-too-large', { file, reason: 'zip64' });
    // Deflate cannot shrink data more than about 1032 : 1; a larger declared ratio is a lie (a zip bomb).
    if (uncompressed > 2 ** 20 && uncompressed > compressed * MAX_RATIO) {
      throw new FatalError('workbook-too-large', { file, reason: 'zip-ratio', size: Math.round(uncompressed / 2 ** 20), compressed });
    }
    total += uncompressed;
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  if (total > limits.maxUncompressedBytes) {
    throw new FatalError('workbook-too-large', { file, reason: 'zip-total', size: Math.round(total / 2 ** 20), limit: Math.round(limits.maxUncompressedBytes / 2 ** 20) });
  }
  return total;
}
