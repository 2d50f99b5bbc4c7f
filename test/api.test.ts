import { describe, it, expect } from 'vitest';
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
// The package imports itself by name, as another program would.
import { assess, Report } from 'balance-check';

describe('library API', () => {
  it('assess() returns the report the CLI renders, valid against the report schema', async () => {
    const report = await assess(['fixtures/demo-county.xlsx']);
    expect(() => Report.parse(report)).not.toThrow();
    expect(report).toMatchObject({ schemaVersion: 1, standard: 'quality-2017', exitCode: 1, verdict: 'fail' });
    const county = report.counties[0]!;
    expect(county.county).toBe('青山县');
    expect(county.levels.map((l) => [l.level, l.unitCount])).toEqual([
      ['primary', 19],
      ['junior', 9],
    ]);
    expect(county.classSize).toMatchObject({ assessed: true, overLimit: 23, large: 6, superLarge: 1 });
    expect(county.classSize.largeShare).toBeCloseTo(6 / county.classSize.classes, 12);
  });

  it('takes bytes as well as paths, and reports an unreadable input without throwing', async () => {
    const report = await assess([{ path: 'x.xlsx', bytes: new Uint8Array([1, 2, 3, 4, 5]) }], { lang: 'en' });
    expect(report.exitCode).toBe(3);
    expect(report.inputs[0]).toMatchObject({ path: 'x.xlsx', status: 'error' });
    expect(report.inputs[0]!.message).toMatch(/not an Excel workbook/);
  });
});

describe('demo fixture', () => {
  it('is what the generator script writes, byte for byte', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bc-demo-'));
    const out = join(dir, 'demo.xlsx');
    const r = spawnSync(process.execPath, ['fixtures/make-demo.mjs', out], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(Buffer.compare(await readFile(out), await readFile('fixtures/demo-county.xlsx'))).toBe(0);
  });
});
