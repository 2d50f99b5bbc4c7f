// Issue 11, acceptance 4, the CSV side in-process: a character above U+FFFF is four bytes in UTF-8 and in
// GB18030; cut between read chunks at any byte, it is decoded whole and the encoding is still recognised.
import { describe, expect, it } from 'vitest';
import { csvEncoding, decodeChunks } from '../src/read/csv.js';

// "𠈋县,𠀋乡\n" with GB18030 bytes: U+2020B = 95 32 B6 39, 县 = CF D8, U+2000B = 95 32 83 37, 乡 = CF E7.
const GB = Buffer.from([0x95, 0x32, 0xb6, 0x39, 0xcf, 0xd8, 0x2c, 0x95, 0x32, 0x83, 0x37, 0xcf, 0xe7, 0x0a]);
const TEXT = '\u{2020B}县,\u{2000B}乡\n';

/** The bytes cut in two at every offset. */
const cuts = (b: Buffer) => Array.from({ length: b.length + 1 }, (_, i) => [b.subarray(0, i), b.subarray(i)]);

describe('characters above U+FFFF in a CSV cut between chunks', () => {
  it('GB18030: the four-byte sequences decode whole wherever the cut falls', () => {
    expect(new TextDecoder('gb18030').decode(GB)).toBe(TEXT);
    for (const chunks of cuts(GB)) {
      expect(csvEncoding(chunks)).toBe('gb18030');
      expect([...decodeChunks(chunks, 'gb18030')].join('')).toBe(TEXT);
    }
  });

  it('UTF-8: the same text, recognised as UTF-8 and decoded whole wherever the cut falls', () => {
    const utf8 = Buffer.from(TEXT, 'utf8');
    for (const chunks of cuts(utf8)) {
      expect(csvEncoding(chunks)).toBe('utf-8');
      expect([...decodeChunks(chunks, 'utf-8')].join('')).toBe(TEXT);
    }
  });
});
