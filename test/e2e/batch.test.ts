// End-to-end: many inputs at once — a directory of 50 counties (read recursively), glob patterns
// expanded in-process, a provincial workbook holding 20 counties, and the exit code of several inputs.
// Every county workbook is generated here from fixtures/quality-county.xlsx into a temp dir.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { BAD, BIN, DEMO, ROOT, expectOneLineNoStack, run, runJson, tempDir, type RunResult } from './helpers.js';

const QUALITY = 'fixtures/quality-county.xlsx';
const N_BATCH = 50;
const N_PROVINCE = 20;
const countyName = (k: number) => `测试县${k}`;

/**
 * Like helpers.run, with a longer time limit: one invocation here reads up to 51 workbooks, and
 * helpers.run's 20 s limit is too tight for that on a slow or busy machine.
 */
function runLong(args: string[], cwd: string = ROOT): RunResult {
  if (!existsSync(join(ROOT, 'dist', 'cli.js')))
    throw new Error('dist/ is missing: run `npm run build` before the e2e tests');
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.COLUMNS; // issue 13: piped text is 100 columns wide unless the test says otherwise
  // No shell: a glob pattern reaches the CLI as one argument, unexpanded.
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function runLongJson(args: string[], cwd: string = ROOT): RunResult & { json: any } {
  const r = runLong([...args, '--format', 'json'], cwd);
  try {
    return { ...r, json: JSON.parse(r.stdout) };
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.status}): ${r.stdout.slice(0, 300)}\nstderr: ${r.stderr}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Generated counties: quality-county.xlsx with a new 县区, new school codes, and one school's
// 体育运动场馆面积 scaled by a k-dependent factor (so results differ from county to county).

type Row = unknown[];
const source = XLSX.read(readFileSync(join(ROOT, QUALITY)));
const aoa = (sheet: string): Row[] => {
  const ws = source.Sheets[sheet];
  if (!ws) throw new Error(`sheet ${sheet} missing in ${QUALITY}`);
  return XLSX.utils.sheet_to_json<Row>(ws, { header: 1, raw: true, defval: null });
};
const SCHOOLS = aoa('学校');
const CLASSES = aoa('班级');
const ITEMS = aoa('县域指标');
const col = (head: Row, name: string) => {
  const i = head.indexOf(name);
  if (i < 0) throw new Error(`column ${name} missing`);
  return i;
};
const S_COUNTY = col(SCHOOLS[0]!, '县区');
const S_CODE = col(SCHOOLS[0]!, '学校代码');
const S_SPORTS = col(SCHOOLS[0]!, '体育运动场馆面积');
const C_CODE = col(CLASSES[0]!, '学校代码');
const SPECIAL_ED_FUNDING = '特殊教育学校生均公用经费';

/** School codes unique across counties: the first four digits become 30kk. */
const recode = (code: unknown, k: number) => `30${String(k).padStart(2, '0')}${String(code).slice(4)}`;

interface CountyRows {
  schools: Row[];
  classes: Row[];
  /** 县域指标 in long form (指标, 值), one value perturbed. */
  items: Row[];
}

function countyRows(k: number): CountyRows {
  const schoolRows = SCHOOLS.slice(1);
  // Scale the sports area of one primary school (the first ten rows; which one and by how much
  // both depend on k).
  const target = k % 10;
  const schools = schoolRows.map((r, i) => {
    const x = [...r];
    x[S_COUNTY] = countyName(k);
    x[S_CODE] = recode(x[S_CODE], k);
    if (i === target && typeof x[S_SPORTS] === 'number')
      x[S_SPORTS] = Math.round(x[S_SPORTS] * (0.6 + 0.03 * k) * 10) / 10;
    return x;
  });
  const classes = CLASSES.slice(1).map((r) => {
    const x = [...r];
    x[C_CODE] = recode(x[C_CODE], k);
    return x;
  });
  const items = ITEMS.slice(1).map((r) => (r[0] === SPECIAL_ED_FUNDING ? [r[0], 6500 + 50 * k] : [...r]));
  return { schools, classes, items };
}

function writeBook(path: string, sheets: [string, Row[]][]): void {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of sheets) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name);
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

/** One county per workbook: sheets 学校, 班级, 县域指标 (long form without 县区, as in the fixture). */
function writeCountyFile(path: string, k: number): void {
  const c = countyRows(k);
  writeBook(path, [
    ['学校', [SCHOOLS[0]!, ...c.schools]],
    ['班级', [CLASSES[0]!, ...c.classes]],
    ['县域指标', [ITEMS[0]!, ...c.items]],
  ]);
}

/** All counties in one workbook; 县域指标 gains a 县区 column. */
function writeProvinceFile(path: string, ks: number[]): void {
  const all = ks.map((k) => ({ k, ...countyRows(k) }));
  writeBook(path, [
    ['学校', [SCHOOLS[0]!, ...all.flatMap((c) => c.schools)]],
    ['班级', [CLASSES[0]!, ...all.flatMap((c) => c.classes)]],
    ['县域指标', [['县区', ...ITEMS[0]!], ...all.flatMap((c) => c.items.map((r) => [countyName(c.k), ...r]))]],
  ]);
}

/** A county's result without where its units came from (file, sheet and row differ between layouts). */
function withoutLocations(county: any): any {
  const copy = structuredClone(county);
  delete copy.file; // issue 12: the county's file
  for (const u of copy.units) {
    delete u.file;
    delete u.sheet;
    delete u.row;
  }
  return copy;
}

const byName = (counties: any[]) => Object.fromEntries(counties.map((c: any) => [c.county, c]));
const sportsMean = (c: any) =>
  c.levels.find((l: any) => l.level === 'primary').indicators.find((i: any) => i.id === 'sports_area_per_pupil').mean;

let tmp: string;
let batchDir: string; // 50 county files in nested subfolders
const batchFiles: string[] = [];
beforeAll(() => {
  tmp = tempDir();
  batchDir = join(tmp, 'batch');
  for (let k = 0; k < N_BATCH; k++) {
    const sub = join(batchDir, `地区${k % 3}`, `片区${k % 5}`);
    mkdirSync(sub, { recursive: true });
    const file = join(sub, `county-${String(k).padStart(2, '0')}.xlsx`);
    writeCountyFile(file, k);
    batchFiles.push(file);
  }
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const ALL_NAMES = Array.from({ length: N_BATCH }, (_, k) => countyName(k));

describe('a directory of 50 county files (nested subfolders)', () => {
  let first: any; // the JSON of the clean run, reused below

  it('--format json: every file read, 50 distinct counties, one report, exit code from the verdicts', () => {
    const r = runLongJson([batchDir]);
    expect(r.stderr).toBe('');
    const j = r.json;
    first = j;
    expect(j.inputs).toHaveLength(N_BATCH);
    expect(j.inputs.every((i: any) => i.status === 'ok')).toBe(true);
    expect(new Set(j.inputs.map((i: any) => resolve(ROOT, i.path)))).toEqual(
      new Set(batchFiles.map((f) => resolve(f))),
    );
    expect(j.findings.filter((f: any) => f.severity === 'error')).toEqual([]);
    expect(j.counties).toHaveLength(N_BATCH);
    expect(j.counties.map((c: any) => c.county).sort()).toEqual([...ALL_NAMES].sort());
    for (const c of j.counties) {
      expect(c.units.length, c.county).toBe(17); // the units of fixtures/quality-county.xlsx
      expect(c.levels.map((l: any) => l.level).sort()).toEqual(['junior', 'primary']);
    }
    // The perturbation makes every county's primary sports-area mean different.
    const means = j.counties.map(sportsMean);
    expect(new Set(means).size).toBe(N_BATCH);
    // Counties 0–3 scale school k's sports area by 0.60–0.69: below 85 % of the standard, so that school
    // fails per-school (6 of 7); from 0.72 on it holds. One summary: the highest code, 1.
    const failing = j.counties
      .filter((c: any) => c.verdict !== 'pass')
      .map((c: any) => [c.county, c.verdict, c.checks.filter((x: any) => x.pass === false).map((x: any) => x.id)]);
    expect(failing.sort()).toEqual([0, 1, 2, 3].map((k) => [countyName(k), 'fail', ['per-school']]));
    expect(r.status).toBe(1);
    expect(j.exitCode).toBe(1);
  }, 240_000);

  it('text: the output starts with a summary table of all 50 counties, before any per-county section', () => {
    const r = runLong([batchDir]);
    expect(r.status).toBe(1); // counties 0–3 fail, as in the JSON run
    expect(r.stderr).toBe(''); // not a TTY: no progress bar
    const lines = r.stdout.split('\n');
    // issue 13: the section title 汇总, the number of counties under it.
    const summary = lines.indexOf('汇总');
    expect(summary, 'summary title').toBeGreaterThanOrEqual(0);
    expect(lines[summary + 1]).toBe(`  ${N_BATCH} 个县区`);
    expect(summary, 'the summary comes first (after the one-line banner)').toBeLessThanOrEqual(3);
    const sectionRe = /^(测试县\d+)\s+结论：/;
    const firstSection = lines.findIndex((l) => sectionRe.test(l));
    expect(firstSection).toBeGreaterThan(summary);
    const summaryBlock = lines.slice(summary, firstSection);
    // Once in each piece of the table (issue 13: a table wider than the terminal is split, the county repeated).
    const pieces = summaryBlock.filter((l) => l.startsWith('┌')).length;
    expect(pieces).toBeGreaterThanOrEqual(1);
    for (const name of ALL_NAMES) {
      expect(
        summaryBlock.filter((l) => new RegExp(`│\\s*${name}\\s*│`).test(l)),
        `${name} in the summary table`,
      ).toHaveLength(pieces);
    }
    // Then exactly one section per county.
    const sections = lines.map((l) => sectionRe.exec(l)?.[1]).filter((x): x is string => x !== undefined);
    expect(sections.sort()).toEqual([...ALL_NAMES].sort());
  }, 240_000);

  it('one corrupt file among them → exit 3, 51 inputs, exactly one error, the 50 counties still assessed', () => {
    const broken = join(batchDir, '地区1', 'broken.xlsx');
    copyFileSync(join(ROOT, BAD.randomBytes), broken);
    try {
      const r = runLongJson([batchDir]);
      expect(r.status).toBe(3);
      expect(r.json.exitCode).toBe(3);
      expect(r.json.verdict).toBe('error');
      expect(r.json.inputs).toHaveLength(N_BATCH + 1);
      const errors = r.json.inputs.filter((i: any) => i.status === 'error');
      expect(errors).toHaveLength(1);
      expect(resolve(ROOT, errors[0].path)).toBe(resolve(broken));
      expect(typeof errors[0].message).toBe('string');
      expect(r.json.inputs.filter((i: any) => i.status === 'ok')).toHaveLength(N_BATCH);
      expect(r.json.counties).toHaveLength(N_BATCH);
      // Same results as without the corrupt file.
      if (first) expect(r.json.counties).toEqual(first.counties);
      expectOneLineNoStack(r.stderr);
      expect(r.stderr).toContain('broken.xlsx');
    } finally {
      rmSync(broken, { force: true });
    }
  }, 240_000);
});

describe('glob patterns, expanded by the CLI itself (no shell)', () => {
  it('"<dir>/**/*.xlsx" as ONE argument → the same 50 counties', () => {
    const pattern = `${batchDir}/**/*.xlsx`;
    const r = runLongJson([pattern]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1); // counties 0–3 fail, as in the JSON run
    expect(r.json.inputs).toHaveLength(N_BATCH);
    expect(r.json.inputs.every((i: any) => i.status === 'ok')).toBe(true);
    expect(new Set(r.json.inputs.map((i: any) => resolve(ROOT, i.path)))).toEqual(
      new Set(batchFiles.map((f) => resolve(f))),
    );
    expect(r.json.counties.map((c: any) => c.county).sort()).toEqual([...ALL_NAMES].sort());
  }, 240_000);

  it('a relative pattern (one subfolder) → only the counties in it', () => {
    const sub = join(batchDir, '地区2');
    const expected = ALL_NAMES.filter((_, k) => k % 3 === 2).sort();
    const r = runLongJson([`${relative(ROOT, sub).split(sep).join('/')}/*/*.xlsx`]);
    expect(r.stderr).toBe('');
    expect(r.json.counties.map((c: any) => c.county).sort()).toEqual(expected);
  }, 240_000);

  it('a pattern that names a hidden folder explicitly (".data/**/*.xlsx") → its files, as the folder itself does', () => {
    // Hidden folders are skipped while searching *inside* a directory, but a pattern that names one
    // should still find its files — as passing the folder (".data") does.
    const work = join(tmp, 'hidden-cwd');
    mkdirSync(join(work, '.data', 'sub'), { recursive: true });
    for (const k of [0, 1]) copyFileSync(batchFiles[k]!, join(work, '.data', 'sub', `county-${k}.xlsx`));
    const expected = [countyName(0), countyName(1)];
    const asDir = runLongJson(['.data'], work);
    expect(asDir.json.counties.map((c: any) => c.county).sort()).toEqual(expected);
    for (const pattern of ['.data/**/*.xlsx', '.data/sub/*.xlsx']) {
      const r = runLongJson([pattern], work);
      expect(
        r.json.inputs.map((i: any) => [i.path, i.status]),
        `${pattern} (cwd ${work})`,
      ).toEqual([
        ['.data/sub/county-0.xlsx', 'ok'],
        ['.data/sub/county-1.xlsx', 'ok'],
      ]);
      expect(r.json.counties.map((c: any) => c.county).sort()).toEqual(expected);
    }
  }, 60_000);

  it('a pattern that matches nothing → exit 3 with a one-line message naming it', () => {
    const pattern = `${batchDir}/**/*.nothing-matches-this`;
    const r = run([pattern]);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expectOneLineNoStack(r.stderr);
    expect(r.stderr).toContain('nothing-matches-this');
  });
});

describe('a provincial workbook of 20 counties', () => {
  let dir: string;
  let province: string;
  const files: string[] = [];
  const KS = Array.from({ length: N_PROVINCE }, (_, k) => k);
  beforeAll(() => {
    dir = join(tmp, 'province');
    mkdirSync(join(dir, 'separate'), { recursive: true });
    for (const k of KS) {
      const f = join(dir, 'separate', `county-${String(k).padStart(2, '0')}.xlsx`);
      writeCountyFile(f, k);
      files.push(f);
    }
    province = join(dir, '全省.xlsx');
    writeProvinceFile(province, KS);
  });

  it('gives per county the same results as the 20 separate files', () => {
    const sep = runLongJson(files);
    const prov = runLongJson([province]);
    expect(sep.stderr).toBe('');
    expect(prov.stderr).toBe('');
    for (const j of [sep.json, prov.json]) {
      expect(j.findings.filter((f: any) => f.severity === 'error')).toEqual([]);
      expect(j.counties.map((c: any) => c.county).sort()).toEqual(KS.map(countyName).sort());
    }
    expect(prov.json.inputs).toHaveLength(1);
    // No county-item warnings in the provincial file: its 县域指标 rows all name a county.
    expect(prov.json.findings.filter((f: any) => String(f.code).startsWith('county-items'))).toEqual([]);
    expect(prov.status).toBe(sep.status);
    expect(prov.json.exitCode).toBe(sep.json.exitCode);

    const a = byName(sep.json.counties);
    const b = byName(prov.json.counties);
    for (const k of KS) {
      const name = countyName(k);
      const s = withoutLocations(a[name]);
      const p = withoutLocations(b[name]);
      // The parts named in the brief first, for a readable diff; then the whole county.
      expect(p.levels, `${name} levels`).toEqual(s.levels);
      expect(
        p.levels.flatMap((l: any) => l.indicators.map((i: any) => [l.level, i.id, i.mean, i.sd, i.cv])),
        `${name} mean/sd/cv`,
      ).toEqual(s.levels.flatMap((l: any) => l.indicators.map((i: any) => [l.level, i.id, i.mean, i.sd, i.cv])));
      expect(p.units, `${name} units`).toEqual(s.units);
      expect(p.checks, `${name} checks`).toEqual(s.checks);
      expect(p, name).toEqual(s);
    }
    // The 县域指标 rows reached their county (the perturbed value is county k's own).
    for (const k of KS) {
      const items = b[countyName(k)].parts.flatMap((x: any) => x.items);
      expect(items.find((i: any) => i.id === 'special_ed_funding')?.value, countyName(k)).toBe(6500 + 50 * k);
    }
    // The counties really differ from one another.
    expect(new Set(prov.json.counties.map(sportsMean)).size).toBe(N_PROVINCE);
    // Units of the provincial file are located in it.
    for (const c of prov.json.counties) for (const u of c.units) expect(u.file).toBe(prov.json.inputs[0].path);
  }, 240_000);

  it('--county 测试县3 picks exactly that one county out of the provincial file', () => {
    const all = runLongJson([province]);
    const one = runLongJson([province, '--county', countyName(3)]);
    expect(one.stderr).toBe('');
    expect(one.json.counties).toHaveLength(1);
    expect(one.json.counties[0].county).toBe(countyName(3));
    expect(one.json.counties[0]).toEqual(all.json.counties.find((c: any) => c.county === countyName(3)));
    // The unit codes are those of county 3 only.
    expect(one.json.counties[0].units.every((u: any) => u.code.startsWith('3003'))).toBe(true);
    expect(one.status).toBe(one.json.counties[0].verdict === 'fail' ? 1 : 0);
  }, 240_000);
});

describe('exit code with several inputs: the highest wins', () => {
  it('demo (1) + quality (0) → 1; + a data error (2) → 2; + an unreadable file (3) → 3', () => {
    const cases: [string[], number][] = [
      [[QUALITY], 0],
      [[DEMO, QUALITY], 1],
      [[QUALITY, DEMO], 1],
      [[DEMO, QUALITY, BAD.typeError], 2],
      [[BAD.typeError, QUALITY, DEMO], 2],
      [[DEMO, QUALITY, BAD.typeError, BAD.randomBytes], 3],
      [[BAD.randomBytes, BAD.typeError, QUALITY, DEMO], 3],
    ];
    for (const [args, code] of cases) {
      const label = args.join(' ');
      const t = run(args);
      expect(t.status, `text: ${label}`).toBe(code);
      const j = runJson(args);
      expect(j.status, `json: ${label}`).toBe(code);
      expect(j.json.exitCode, `json exitCode: ${label}`).toBe(code);
      expect(j.json.verdict).toBe(['pass', 'fail', 'incomplete', 'error'][code]);
      // Every readable input is still assessed.
      const readable = args.filter((a) => a !== BAD.randomBytes);
      expect(j.json.inputs.map((i: any) => i.path)).toEqual(args);
      expect(j.json.counties.length, label).toBeGreaterThanOrEqual(readable.length);
    }
  }, 120_000);
});
