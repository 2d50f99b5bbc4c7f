// Issue 10 (formatters): one registry, every formatter reachable from the library, --quiet applied once
// before any formatter, the report never changed. The library is imported by name, as another program would.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import {
  assess,
  chooseFormat,
  expandInputs,
  FORMATS,
  formatters,
  loadFormatter,
  loadMapping,
  loadProfile,
  quietReport,
  render,
  validationReport,
  withMaxWarnings,
  type Report,
} from 'balance-check';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DEMO = join(ROOT, 'fixtures/demo-county.xlsx');
const QUALITY = join(ROOT, 'fixtures/quality-county.xlsx');

/** Text, bytes or chunks, as one string or buffer. */
const whole = (out: string | Uint8Array | Iterable<string>): string | Uint8Array =>
  typeof out === 'string' || out instanceof Uint8Array ? out : [...out].join('');

let demo: Report;
let two: Report;
beforeAll(async () => {
  demo = await assess([DEMO]);
  two = await assess([DEMO, QUALITY]);
});

describe('the formatter registry', () => {
  it('lists the formats the CLI offers, in order, each with a module that agrees with its registry line', async () => {
    expect(formatters.map((f) => f.id)).toEqual(['text', 'json', 'csv', 'markdown', 'junit', 'github', 'xlsx', 'html']);
    expect(FORMATS).toEqual(formatters.map((f) => f.id));
    for (const entry of formatters) {
      const f = await loadFormatter(entry.id);
      expect({ id: f.id, extensions: f.extensions, binary: f.binary }).toEqual({
        id: entry.id,
        extensions: entry.extensions,
        binary: entry.binary,
      });
    }
  });

  it('every formatter renders the demo report through the library: non-empty, of the right kind', async () => {
    for (const entry of formatters) {
      const out = whole(await render(demo, entry.id));
      expect(out.length, entry.id).toBeGreaterThan(100);
      if (entry.binary) {
        expect(out, entry.id).toBeInstanceOf(Uint8Array);
        expect(
          Buffer.from(out as Uint8Array)
            .subarray(0, 2)
            .toString('latin1'),
          entry.id,
        ).toBe('PK');
      } else {
        expect(typeof out, entry.id).toBe('string');
        expect(out as string, entry.id).toContain('青山县');
      }
    }
    expect(JSON.parse(whole(await render(demo, 'json')) as string)).toEqual(JSON.parse(JSON.stringify(demo)));
  });

  it('the -o extension → format mapping comes from the registry: every extension of every format, first listed wins', () => {
    for (const entry of formatters) {
      for (const ext of entry.extensions) {
        const first = formatters.find((f) => (f.extensions as readonly string[]).includes(ext))!;
        expect(chooseFormat(undefined, `out${ext.toUpperCase()}`)).toBe(first.id);
        expect(chooseFormat(entry.id, `out${ext}`)).toBe(entry.id);
      }
    }
    expect(chooseFormat(undefined, 'r.txt')).toBe('text');
  });

  it('an unknown format is a usage error naming the known ones', async () => {
    await expect(render(demo, 'pdf')).rejects.toMatchObject({ name: 'FatalError' });
    await expect(render(demo, 'pdf')).rejects.toThrow(/json/);
  });
});

describe('--quiet, validate and --max-warnings as pure functions', () => {
  it('quietReport keeps the counties that did not pass and the errors, and leaves the verdict and exit code', () => {
    expect(two.counties.map((c) => [c.county, c.verdict])).toEqual([
      ['青山县', 'fail'],
      ['清河县', 'pass'],
    ]);
    expect(two.findings.some((f) => f.severity === 'warning')).toBe(true);
    const before = structuredClone(two);
    const q = quietReport(two);
    expect(q.counties.map((c) => c.county)).toEqual(['青山县']);
    expect(q.findings.filter((f) => f.severity !== 'error')).toEqual([]);
    expect([q.exitCode, q.verdict]).toEqual([1, 'fail']);
    expect(two).toEqual(before);
  });

  it('render applies --quiet for every format, and never changes the report', async () => {
    const before = structuredClone(two);
    for (const entry of formatters.filter((f) => !f.binary)) {
      const loud = whole(await render(two, entry.id)) as string;
      const quiet = whole(await render(two, entry.id, { quiet: true })) as string;
      expect(loud, entry.id).toContain('清河县');
      expect(quiet, entry.id).not.toContain('清河县');
      expect(quiet, entry.id).toContain('青山县');
    }
    const wb = XLSX.read(whole(await render(two, 'xlsx', { quiet: true })));
    // issue 13: one county left, so no 汇总 sheet: its name is in the titles.
    const cells = wb.SheetNames.flatMap((n) =>
      XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[n]!, { header: 1 }).flat(),
    );
    expect(cells.some((v) => typeof v === 'string' && v.includes('青山县'))).toBe(true);
    expect(cells.some((v) => typeof v === 'string' && v.includes('清河县'))).toBe(false);
    expect(two).toEqual(before);
  });

  it('validationReport: a failed rule does not count, counties are not shown; the report given is unchanged', () => {
    const before = structuredClone(demo);
    const v = validationReport(demo);
    expect([v.exitCode, v.verdict, v.counties]).toEqual([0, 'pass', []]);
    expect(demo).toEqual(before);
    const w = withMaxWarnings(v, 0);
    expect([w.exitCode, w.verdict, w.maxWarnings]).toEqual([1, 'fail', { limit: 0, warnings: 1, exceeded: true }]);
    expect(Object.keys(w).at(-1)).toBe('counties'); // the chunked JSON writes counties last
    expect(v.exitCode).toBe(0);
    expect(withMaxWarnings(v, 1)).toMatchObject({ exitCode: 0, verdict: 'pass', maxWarnings: { exceeded: false } });
  });

  it('the text formatter in validate mode prints the per-input lines', async () => {
    const out = (await render(validationReport(demo), 'text', { mode: 'validate' })) as string;
    expect(out.split('\n')[0]).toMatch(/^✓|^!/);
    expect(out).toContain('demo-county.xlsx');
  });
});

describe('what else the CLI does, from the library', () => {
  it('profiles, column mappings and input expansion', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'balance-check-lib-'));
    const profilePath = join(dir, 'p.json');
    writeFileSync(profilePath, JSON.stringify({ extends: 'quality-2017', id: 'my-province' }));
    expect(loadProfile(profilePath).id).toBe('my-province');
    expect(await expandInputs([join(ROOT, 'fixtures/*.xlsx')])).toEqual(
      expect.arrayContaining([DEMO, QUALITY].map((p) => p.replace(/\\/g, '/'))),
    );
    const mapping = loadMapping(join(ROOT, 'fixtures/messy/demo-unknown-layout.columns.json'));
    expect(mapping).toMatchObject({ sheet: '基础数据', headerRow: 2, columns: { 单位编号: 'code' } });
    expect(Object.keys(mapping.columns)).toHaveLength(27); // the 27 headers of the mapping file
  });
});
