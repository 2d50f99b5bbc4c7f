// issue 10 (one read path): the CSV splitter gives what csv-parse gives over the whole text, however the text
// is cut into pieces; the encoding is decided over all the bytes, wherever the chunks end; level words take
// the fast path only where the schema agrees.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CsvSplitter, csvEncoding, decodeChunks, readCsvRows } from '../src/read/csv.js';
import { fastCell, ClassRow } from '../src/validate/schemas.js';
import type { RawRow } from '../src/read/index.js';
import { runs } from './quick.js';

const PARSE = { relax_column_count: true, relax_quotes: true } as const;

/** Records of `pieces` through the splitter, or the error code it threw. */
function split(pieces: string[]): string[][] | string {
  const out: string[][] = [];
  try {
    const s = new CsvSplitter('f.csv', (r) => out.push(r));
    for (const p of pieces) s.push(p);
    s.end();
  } catch (e) {
    return (e as { code?: string }).code ?? 'thrown';
  }
  return out;
}

describe('CsvSplitter', () => {
  it('agrees with csv-parse over the whole text, for LF, CRLF and CR files cut anywhere', () => {
    const text = fc
      .constantFrom('\n', '\r\n', '\r')
      .chain((eol) =>
        fc
          .array(fc.constantFrom('a', 'b', ',', '"', '""', ' ', '学', eol), { maxLength: 24 })
          .map((parts) => parts.join('')),
      );
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 4 }), (s, cuts) => {
        let whole: string[][] | string;
        try {
          whole = parse(s, PARSE) as string[][];
        } catch {
          whole = 'csv-malformed';
        }
        const at = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...at].map((from, i) => s.slice(from, [...at, s.length][i]));
        expect(split(pieces)).toEqual(whole);
        expect(split([...s])).toEqual(whole);
      }),
      { numRuns: runs(3000, 300) },
    );
  });

  it('names the line a malformed record starts near', () => {
    const out: unknown[] = [];
    const s = new CsvSplitter('f.csv', (r) => out.push(r));
    expect(() => {
      s.push('a,b\n1,2\n3,"x\n');
      s.end();
    }).toThrow(expect.objectContaining({ code: 'csv-malformed', params: expect.objectContaining({ line: 3 }) }));
  });
});

describe('csvEncoding', () => {
  const gbRow = Buffer.from([0xd0, 0xa1, 0xd1, 0xa7, 0xb3, 0xf5, 0xd6, 0xd0, 0x0a]); // 小学初中 in GB18030: not UTF-8
  const chunked = (b: Buffer, size: number) =>
    Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, (i + 1) * size));

  it('ASCII for megabytes, then GB18030: GB18030, in any chunk size', () => {
    const bytes = Buffer.concat([Buffer.from('code,level\n' + '1,2\n'.repeat(300_000)), gbRow]);
    for (const size of [1 << 20, 65_536, 7]) expect(csvEncoding(chunked(bytes, size))).toBe('gb18030');
  });

  it('UTF-8 with characters cut at every chunk end is UTF-8; a BOM says UTF-8; a cut character at the end is not UTF-8', () => {
    const bytes = Buffer.from('学校代码,学段\n' + '一,二\n'.repeat(1000));
    for (const size of [1, 2, 3, 4, 5, 1 << 20]) expect(csvEncoding(chunked(bytes, size))).toBe('utf-8');
    expect(csvEncoding([Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), gbRow])])).toBe('utf-8');
    expect(csvEncoding([bytes.subarray(0, bytes.length - 1), Buffer.from('学').subarray(0, 2)])).toBe('gb18030');
  });

  it('decodes a character cut between chunks whole, and drops a BOM', () => {
    const bytes = Buffer.from('\uFEFF学校,代码\n');
    expect([...decodeChunks(chunked(bytes, 1), 'utf-8')].join('')).toBe('学校,代码\n');
    expect([...decodeChunks(chunked(Buffer.concat([Buffer.from('a,b\n'), gbRow]), 3), 'gb18030')].join('')).toBe(
      'a,b\n小学初中\n',
    );
  });
});

describe('readCsvRows', () => {
  const options = { encoding: 'auto', maxRows: 100, maxMemoryMb: 4096, timeoutMs: 60_000 } as const;
  it('a streamed read stops when the row handler says so, and reads nothing further', () => {
    const rows: RawRow[] = [];
    let pulled = 0;
    const bytes = Buffer.from('a,b\n'.repeat(200)); // over maxRows: reading on would throw
    const chunks = function* () {
      for (let i = 0; i < bytes.length; i += 16) {
        pulled++;
        yield bytes.subarray(i, i + 16);
      }
    };
    readCsvRows(chunks, 'f.csv', 'f.csv', options, [], (r) => {
      rows.push(r);
      return rows.length < 5;
    });
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
    // The encoding pass reads all 50 chunks; the row pass stops after the fifth row's chunk.
    expect(pulled).toBe(50 + 2);
  });
});

describe('fastCell for level words', () => {
  it('agrees with the zod schema on every value it accepts, and accepts the plain words', () => {
    const level = ClassRow.shape.level;
    for (const w of ['小学', '初中', '全校']) expect(fastCell(level, w)).toEqual({ ok: true, value: level.parse(w) });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom('小学', ' 小学', '小 学', '初中', 'PRIMARY', 'primary', 'junior', '高中', '', '全校'),
          fc.string(),
        ),
        (v) => {
          const fast = fastCell(level, v);
          if (!fast) return true;
          const slow = level.safeParse(v);
          return slow.success && slow.data === fast.value;
        },
      ),
      { numRuns: runs(2000, 200) },
    );
  });
});
