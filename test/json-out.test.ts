// The JSON report written through one reused buffer (issue 11, Render): byte-identical to the compact
// JSON.stringify of the report (with DEL and C1 controls escaped, as before), batched, never one string.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assess } from '../src/assess.js';
import { batches, writeOutput } from '../src/output.js';
import { formatter, renderJson, renderJsonChunks } from '../src/render/json.js';
import type { Report } from '../src/report/schema.js';
// @ts-expect-error: a plain .mjs script without types
import { generate } from '../bench/generate.mjs';

/** What the report's JSON was before the buffer: one stringify, every DEL/C1 character escaped. */
const reference = (value: unknown, indent?: number) =>
  JSON.stringify(value, null, indent).replace(
    /[\u007f-\u009f]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  ) + '\n';

/** The bytes the batches carry, each copied before the buffer is reused. */
function batchedBytes(
  pieces: Iterable<string>,
  size: number,
): { bytes: Buffer; count: number; buffers: Set<ArrayBufferLike> } {
  const parts: Buffer[] = [];
  const buffers = new Set<ArrayBufferLike>();
  for (const b of batches(pieces, size)) {
    parts.push(Buffer.from(b));
    if (b.byteLength <= size) buffers.add(b.buffer);
  }
  return { bytes: Buffer.concat(parts), count: parts.length, buffers };
}

const TRICKY = [
  '\u2028',
  '\u2029',
  '\ud800',
  '\udfff',
  '\udbff\udfff',
  '\u007f',
  '\u0080',
  '\u009b',
  '\u009f',
  '\u00a0',
  '·',
  '"',
  '\\',
  '\n',
  '\u0000',
  '\u001f',
  '😀',
  '𠀋乡',
  '</script>',
];
const TRICKY_NUMBERS = [
  -0,
  0,
  1e21,
  1e-7,
  5e-324,
  -5e-324,
  Number.MAX_VALUE,
  0.1 + 0.2,
  123456789012345680000,
  NaN,
  Infinity,
];

/** A report-like object: a head, then counties of units, strings and numbers where the report has them. */
function reportLike(
  name: string,
  values: number[],
  counties: { county: string; units: { name: string; value: number }[] }[],
) {
  return { schemaVersion: 1, standardName: name, values, counties: counties.map((c) => ({ ...c, n: c.units.length })) };
}

describe('JSON through a reused buffer', () => {
  it('the demo report: pieces and batches equal the compact stringify; the small report stays indented', async () => {
    const report = await assess([{ path: 'demo-county.xlsx', bytes: await readFile('fixtures/demo-county.xlsx') }]);
    expect([...renderJsonChunks(report)].join('')).toBe(reference(report));
    for (const size of [16, 1000, 1 << 20])
      expect(batchedBytes(renderJsonChunks(report), size).bytes.equals(Buffer.from(reference(report)))).toBe(true);
    expect(renderJson(report)).toBe(reference(report, 2));
    expect(formatter.render(report, { color: false, quiet: false })).toBe(reference(report, 2));
  });

  it('a generated multi-county report (> 2000 units) goes out in pieces and several batches, byte-identical', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-jsonout-'));
    const paths = await generate('many', 2100, 21, dir, { xlsx: false, classes: false });
    const report = await assess([paths.csv]);
    expect(report.counties).toHaveLength(21);
    const out = formatter.render(report, { color: false, quiet: false });
    // Not one string: one piece per county, the commas between them, the head and the tail.
    expect(typeof out).not.toBe('string');
    const pieces = [...(out as Iterable<string>)];
    expect(pieces).toHaveLength(2 + 21 + 20);
    const expected = Buffer.from(reference(report));
    expect(pieces.join('')).toBe(reference(report));
    const { bytes, count, buffers } = batchedBytes(pieces, 1 << 20);
    expect(bytes.equals(expected)).toBe(true);
    // A 1 MiB buffer: at least as many writes as MiB in the report, and more than one.
    expect(count).toBeGreaterThanOrEqual(Math.ceil(expected.length / 2 ** 20));
    expect(count).toBeGreaterThan(1);
    // Every batch is a view of the same buffer.
    expect(buffers.size).toBe(1);
    // -o: the file holds exactly those bytes, written through a 64 KiB buffer.
    const file = join(dir, 'r.json');
    await writeOutput(file, renderJsonChunks(report), {}, 1 << 16);
    expect(readFileSync(file).equals(expected)).toBe(true);
  }, 60_000);

  it('batches: full buffers, a piece larger than the buffer on its own, never a character split', () => {
    const pieces = ['ab', '乡'.repeat(5), '😀', 'x'.repeat(40), 'yz'];
    const sizes: number[] = [];
    const parts: Buffer[] = [];
    for (const b of batches(pieces, 16)) {
      sizes.push(b.byteLength);
      parts.push(Buffer.from(b));
    }
    // 'ab' + 乡×5 = 17 bytes: the 乡s go to the next batch with 😀 (15 + 4 > 16: flushed); 40 x alone.
    expect(sizes).toEqual([2, 15, 4, 40, 2]);
    expect(parts.map((p) => p.toString('utf8'))).toEqual(['ab', '乡'.repeat(5), '😀', 'x'.repeat(40), 'yz']);
  });

  it('tricky strings and numbers: escaped exactly as JSON.stringify does (lone surrogates, U+2028/2029), C1 as \\u', () => {
    const r = reportLike(TRICKY.join(''), TRICKY_NUMBERS, [
      {
        county: TRICKY.join('|'),
        units: TRICKY.map((name, i) => ({ name, value: TRICKY_NUMBERS[i % TRICKY_NUMBERS.length]! })),
      },
      { county: '\u0085', units: [] },
    ]);
    const text = [...renderJsonChunks(r as unknown as Report)].join('');
    expect(text).toBe(reference(r));
    expect(text).toContain('"\\ud800"');
    expect(text).toContain('\u2028');
    expect(text).toContain('\\u009b');
    expect(text).toContain('\\u0085');
    expect(text).toContain('1e+21');
    expect(text).toContain('5e-324');
    expect(text).not.toContain('-0');
    for (const size of [1, 3, 4, 7, 64])
      expect(batchedBytes(renderJsonChunks(r as unknown as Report), size).bytes.equals(Buffer.from(reference(r)))).toBe(
        true,
      );
  });

  it('property: random report-like objects, batched through random small buffers, equal the reference bytes', () => {
    const char = fc.oneof(
      fc.constantFrom(...TRICKY),
      fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
      fc.integer({ min: 0x10000, max: 0x10ffff }).map((u) => String.fromCodePoint(u)),
      fc.constantFrom('a', '学', '校', ' '),
    );
    const str = fc.array(char, { maxLength: 12 }).map((a) => a.join(''));
    const num = fc.oneof(fc.double(), fc.constantFrom(...TRICKY_NUMBERS), fc.integer());
    const county = fc.record({ county: str, units: fc.array(fc.record({ name: str, value: num }), { maxLength: 6 }) });
    fc.assert(
      fc.property(
        str,
        fc.array(num, { maxLength: 5 }),
        fc.array(county, { maxLength: 6 }),
        fc.integer({ min: 1, max: 200 }),
        (name, values, counties, size) => {
          const r = reportLike(name, values, counties) as unknown as Report;
          const expected = reference(r);
          expect([...renderJsonChunks(r)].join('')).toBe(expected);
          expect(batchedBytes(renderJsonChunks(r), size).bytes.equals(Buffer.from(expected))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
