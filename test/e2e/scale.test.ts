// The benchmark's generator at small sizes: a national-style file equals its per-county split, class
// CSVs given beside a schools file are joined, and the bench runs end to end (a smoke of `npm run bench`).
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
// @ts-expect-error: a plain .mjs script without types
import { generate } from '../../bench/generate.mjs';

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['bin/balance-check.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 1 << 28,
  });
const json = (args: string[]) => JSON.parse(cli([...args, '-f', 'json']).stdout);
/** A county's results without where its rows came from (file names differ between the runs). */
const strip = (county: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(county, (k, v) => (k === 'file' || k === 'row' || k === 'sheet' ? undefined : v)));

describe('scale', () => {
  it('a multi-county file gives the same results as the same data split into per-county files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-scale-'));
    const paths = await generate('nation', 600, 6, dir, { xlsx: false, classes: true });
    const whole = json([paths.csv, paths.classes]);
    expect(whole.counties).toHaveLength(6);
    // Split the CSVs by county (the class rows follow their schools by code).
    const [head, ...lines] = readFileSync(paths.csv, 'utf8').trim().split('\n');
    const [classHead, ...classLines] = readFileSync(paths.classes, 'utf8').trim().split('\n');
    const split: string[] = [];
    for (const county of whole.counties.map((c: { county: string }) => c.county)) {
      const mine = lines.filter((l) => l.startsWith(`${county},`));
      const codes = new Set(mine.map((l) => l.split(',')[1]));
      const schools = join(dir, `${county}.csv`);
      const classes = join(dir, `${county}-classes.csv`);
      writeFileSync(schools, [head, ...mine].join('\n') + '\n');
      writeFileSync(classes, [classHead, ...classLines.filter((l) => codes.has(l.split(',')[0]))].join('\n') + '\n');
      split.push(schools, classes);
    }
    const parts = json(split);
    expect(parts.counties.map(strip)).toEqual(whole.counties.map(strip));
    expect(whole.counties[0].classSize.assessed).toBe(true);
  }, 60_000);

  it('joins a class CSV given beside a schools CSV, and reports classes of unknown schools once per code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-join-'));
    const classes = join(dir, 'classes.csv');
    writeFileSync(
      classes,
      '学校代码,学段,年级,班级,学生数\n9999999999,小学,一年级,1班,40\n9999999999,小学,一年级,2班,41\n2133010001,小学,一年级,9班,三十\n',
    );
    const r = json(['fixtures/messy/demo-utf8.csv', classes]);
    expect(r.exitCode).toBe(2);
    expect(r.inputs.map((i: { status: string }) => i.status)).toEqual(['ok', 'invalid']);
    expect(r.inputs[1].reading[0]).toMatchObject({ table: 'classes', rows: 3 });
    // Without the evidence warnings of issue 9 (parts not assessed), tested in evidence.test.ts.
    expect(
      r.findings
        .filter((f: { code: string }) => f.code !== 'not-assessed')
        .map((f: { code: string; row: number; column: string }) => [f.code, f.row, f.column]),
    ).toEqual([
      ['type-error', 4, 'E'],
      ['unknown-school', 2, 'A'],
    ]);
  });

  it('bench smoke: the runner generates its data, measures and writes a results table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-bench-'));
    const out = join(dir, 'RESULTS.md');
    const r = spawnSync(
      process.execPath,
      ['bench/run.mjs', '--sizes', '300', '--repeat', '1', '--out', out, '--data', dir],
      { encoding: 'utf8', maxBuffer: 1 << 26 },
    );
    expect(r.status).toBe(0);
    expect(existsSync(out)).toBe(true);
    const md = readFileSync(out, 'utf8');
    expect(md).toMatch(/\| 300 rows \| balance-check xlsx → json \| \d+\.\d\d \|/);
    expect(md).toMatch(/\| balance-check --help \|/);
    expect(md).toMatch(/\| target \| ratio \| limit \| met \|/);
  }, 120_000);
});

describe('the same county in two files', () => {
  it('is listed twice with a duplicate-county warning naming the other file', () => {
    const r = json(['fixtures/demo-county.xlsx', 'fixtures/bad/type-error.xlsx']);
    expect(r.counties.map((c: { county: string }) => c.county)).toEqual(['青山县', '青山县']);
    expect(r.findings.find((f: { code: string }) => f.code === 'duplicate-county')).toMatchObject({
      severity: 'warning',
      file: 'fixtures/bad/type-error.xlsx',
      value: '青山县',
    });
  });
});

describe('text report of many counties', () => {
  it('shows the summary and each county’s verdict, and points to --county for the detailed tables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-many-'));
    const paths = await generate('many', 1100, 11, dir, { xlsx: false, classes: false });
    const all = cli([paths.csv]).stdout;
    // issue 13: the section titles (汇总, 学校达标表) as every format has them.
    expect(all).toContain('\n汇总\n  11 个县区\n');
    expect(all).toContain('--county');
    expect(all).not.toContain(' 小学 学校达标表');
    const one = cli([paths.csv, '--county', '县0002']).stdout;
    expect(one).toContain('县0002 小学 学校达标表');
  }, 60_000);
});
