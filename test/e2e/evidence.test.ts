// End-to-end, issue 9 (evidence): no 达标 without evidence. Every case runs the built CLI on a file generated
// here, and asserts the exit code and the words a user reads.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import * as XLSX from 'xlsx';
import { SCHOOL_COLUMNS, CLASS_COLUMNS } from '../../src/map/columns.js';
import { assess } from '../../src/index.js';
import { goodPrimary } from '../helpers.js';
import { BIN, DEMO, ROOT, expectOneLineNoStack, run, runJson, tempDir, expectValid } from './helpers.js';

type Row = Record<string, string | number | null | undefined>;
type Cell = string | number | null;

function table(cols: typeof SCHOOL_COLUMNS, rows: Row[], keys?: string[]): Cell[][] {
  const ks = keys ?? cols.map((c) => c.key).filter((k) => rows.some((r) => k in r));
  return [
    ks.map((k) => cols.find((c) => c.key === k)!.headers[0]!),
    ...rows.map((r) => ks.map((k) => (r[k] ?? null) as Cell)),
  ];
}

function writeBook(path: string, sheets: Record<string, Cell[][]>): string {
  const wb = XLSX.utils.book_new();
  for (const [name, aoa] of Object.entries(sheets))
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), name);
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
  return path;
}

const csv = (aoa: Cell[][]) => aoa.map((r) => r.map((c) => (c === null ? '' : String(c))).join(',')).join('\n') + '\n';
const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Three good primary schools (exit 0 material). */
const schools = (): Row[] => [
  goodPrimary('3301000001', 800),
  goodPrimary('3301000002', 600),
  goodPrimary('3301000003', 400),
];
const classesOf = (code: string, n: number, size = 40): Row[] =>
  Array.from({ length: n }, (_, i) => ({ code, grade: '一年级', class: `${i + 1}班`, students: size }));

describe('--county: a filter that matches nothing never passes', () => {
  it('--county 青山 on the demo (青山县): exit 3, one line naming the counties in the data (zh and en)', () => {
    const before = hash(join(ROOT, DEMO));
    const r = run([DEMO, '--county', '青山']);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expectOneLineNoStack(r.stderr);
    expect(r.stderr).toBe('balance-check: 数据中没有县区「青山」：数据中的县区为 青山县\n');
    const en = run([DEMO, '--county', '青山', '--lang', 'en']);
    expect(en.status).toBe(3);
    expect(en.stderr).toBe('balance-check: No county "青山" in the data; its counties are: 青山县\n');
    expect(hash(join(ROOT, DEMO))).toBe(before);
  });

  it('validate and --format json: exit 3, report.error says so, and the JSON validates', () => {
    const v = run(['validate', DEMO, '--county', '青山']);
    expect(v.status).toBe(3);
    expect(v.stderr).toContain('数据中没有县区「青山」');
    const j = runJson([DEMO, '--county', '青山']);
    expect(j.status).toBe(3);
    expect(j.json).toMatchObject({ exitCode: 3, verdict: 'error', error: { code: 'county-not-found' }, counties: [] });
    expectValid(j.json);
  });

  it('the library: exitCode 3 and a report-level error', async () => {
    const report = await assess([join(ROOT, DEMO)], { county: '青山' });
    expect(report.exitCode).toBe(3);
    expect(report.error).toMatchObject({ code: 'county-not-found' });
    expect(report.error!.message).toContain('青山县');
    const ok = await assess([join(ROOT, DEMO)], { county: ['青山县'] });
    expect(ok.exitCode).toBe(1);
    expect(ok.counties.map((c) => c.county)).toEqual(['青山县']);
  });

  it('--county repeats or takes a comma list; one missing name of several is still exit 3', () => {
    const both = runJson([DEMO, '--county', '青山县', '--county', '青山县']);
    expect(both.status).toBe(1);
    expect(both.json.counties).toHaveLength(1);
    const list = runJson([DEMO, '--county', '青山县,东湖县']);
    expect(list.status).toBe(3);
    expect(list.json.counties.map((c: any) => c.county)).toEqual(['青山县']);
    expect(list.stderr).toContain('数据中没有县区「东湖县」');
  });
});

describe('nothing assessed never passes', () => {
  it('an empty directory, a directory of other files, a directory named x.xlsx: exit 3 saying what was found', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'empty'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'readme.txt'), 'hello');
    mkdirSync(join(dir, 'x.xlsx'));
    const e = run([join(dir, 'empty')]);
    expect(e.status).toBe(3);
    expect(e.stderr).toBe(
      `balance-check: ${join(dir, 'empty')} 是目录，其中没有 .xlsx、.xls 或 .csv 文件（有 0 个其他文件）\n`,
    );
    const d = run([join(dir, 'docs'), '--lang', 'en']);
    expect(d.status).toBe(3);
    expect(d.stderr).toBe(
      `balance-check: ${join(dir, 'docs')} is a directory without .xlsx, .xls or .csv files (1 other files)\n`,
    );
    const x = run([join(dir, 'x.xlsx')]);
    expect(x.status).toBe(3);
    expect(x.stderr).toBe(`balance-check: 是目录而不是文件：${join(dir, 'x.xlsx')}\n`);
    const j = runJson(['validate', join(dir, 'empty')]);
    expect(j.status).toBe(3);
    expectValid(j.json);
  });

  it('a glob matching nothing: exit 3', () => {
    const dir = tempDir();
    const r = run([join(dir, '*.xlsx')]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(`balance-check: 没有文件与 ${join(dir, '*.xlsx')} 匹配\n`);
  });

  it('a CSV with a header and no school, header then 100 000 blank lines, only 合计/小计 rows: exit 2 no-schools', () => {
    const dir = tempDir();
    const header = table(SCHOOL_COLUMNS, schools())[0]!;
    const cases: [string, string, string][] = [
      ['header.csv', csv([header]), '（空行 0 行，合计/小计/备注行 0 行）'],
      [
        'blank.csv',
        csv([header]) +
          ','
            .repeat(header.length - 1)
            .concat('\n')
            .repeat(100_000),
        '（空行 100000 行，合计/小计/备注行 0 行）',
      ],
      [
        'totals.csv',
        csv([header, ['合计', null, null, 1800], ['小计', null, null, 900]]),
        '（空行 0 行，合计/小计/备注行 2 行）',
      ],
    ];
    for (const [name, text, detail] of cases) {
      const path = join(dir, name);
      writeFileSync(path, text);
      // Wide enough that the finding line is not wrapped (issue 13: text fits the terminal).
      const r = run([path], { COLUMNS: '400' });
      expect(r.status, `${name}: ${r.stdout}${r.stderr}`).toBe(2);
      expect(r.stdout).toContain(
        `✗ ${name} 第1行  学校表只有表头，没有一所学校${detail}：请在表头下每校每学段填写一行 [no-schools]`,
      );
      const v = runJson(['validate', path]);
      expect(v.status).toBe(2);
      expect(v.json.findings.filter((f: any) => f.severity === 'error').map((f: any) => [f.code, f.row])).toEqual([
        ['no-schools', 1],
      ]);
    }
  });

  it('a class table alone (--table classes): no school assessed, exit 2 no-assessment, in validate too', () => {
    const dir = tempDir();
    const path = join(dir, 'classes.csv');
    writeFileSync(path, csv(table(CLASS_COLUMNS, classesOf('3301000001', 2))));
    const r = run([path, '--table', 'classes']);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('✗ 没有评估任何学校：输入中没有学校数据 [no-assessment]');
    const v = run(['validate', path, '--table', 'classes']);
    expect(v.status).toBe(2);
    expect(v.stdout).toContain('[no-assessment]');
  });

  it('an xlsx 学校 sheet with its header only: exit 2 no-schools (also in English)', () => {
    const dir = tempDir();
    const path = writeBook(join(dir, 'header.xlsx'), { 学校: [table(SCHOOL_COLUMNS, schools())[0]!] });
    const r = run([path, '--lang', 'en']);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('The schools table has a header and no school (0 blank rows, 0 total/note rows)');
  });

  it('every school out of scope: county verdict incomplete (nothing-assessed), exit 2, never pass', () => {
    const dir = tempDir();
    const rows: Row[] = [
      { ...goodPrimary('3301000001', 30, { teachers: 6 }), type: '教学点' },
      { ...goodPrimary('3301000002', 40, { teachers: 6 }), type: '教学点' },
      { ...goodPrimary('3301000003', 120), type: '特殊教育学校', level: '小学' },
    ];
    const path = writeBook(join(dir, 'scope.xlsx'), { 学校: table(SCHOOL_COLUMNS, rows) });
    const j = runJson([path]);
    expect(j.status).toBe(2);
    expect(j.json.counties[0]).toMatchObject({ verdict: 'incomplete', reason: 'nothing-assessed' });
    expect(j.json.findings.find((f: any) => f.code === 'nothing-assessed')).toMatchObject({
      severity: 'error',
      value: 'scope',
    });
    expectValid(j.json);
    const t = run([path], { COLUMNS: '400' });
    expect(t.status).toBe(2);
    expect(t.stdout).toContain('scope  结论：评估不完整（没有可评估的学校）');
    expect(t.stdout).toContain(
      '县区「scope」没有一项判定规则有数据可评估（3 所学校或学段均不参评，见不参评学校）：不能判定为达标 [nothing-assessed]',
    );
  });
});

describe('class data: no rows is not assessed, some rows is partly assessed', () => {
  it('a 班级 sheet with its header only: class size 未评估 (no-class-data), not "✓ 0 个超标准班额"', () => {
    const dir = tempDir();
    const path = writeBook(join(dir, 'c.xlsx'), {
      学校: table(SCHOOL_COLUMNS, schools()),
      班级: [CLASS_COLUMNS.map((c) => c.headers[0]!)],
    });
    const j = runJson([path]);
    expect(j.json.counties[0].checks.find((c: any) => c.id === 'class-size')).toMatchObject({
      pass: null,
      reason: 'no-class-data',
      assessed: 'none',
    });
    const t = run([path]);
    expect(t.stdout).toMatch(/– 班额 +未评估：没有班级数据（未提供班级表，或班级表没有班级行）/);
    expect(t.stdout).not.toContain('0 个超标准班额');
    // The verdict line, often the only one read, says the pass covers what was assessed.
    expect(t.stdout).toContain('结论：达标（仅就已评估部分；有未评估或部分评估的项目，见下）');
    expect(run([path, '--lang', 'en']).stdout).toContain(
      'Verdict: pass (for what was assessed; some items are not or only partly assessed, see below)',
    );
  });

  it('a 班级 sheet covering some schools: 部分评估, the others listed, a partial-coverage warning; --max-warnings 0 → exit 1', () => {
    const dir = tempDir();
    const classes = [...classesOf('3301000001', 20)];
    const path = writeBook(join(dir, 'part.xlsx'), {
      学校: table(SCHOOL_COLUMNS, schools()),
      班级: table(CLASS_COLUMNS, classes),
    });
    const j = runJson([path]);
    const check = j.json.counties[0].checks.find((c: any) => c.id === 'class-size');
    expect(check).toMatchObject({
      pass: true,
      assessed: 'partial',
      coverage: { assessed: 1, total: 3, unit: 'units' },
    });
    expect(check.coverage.missing.map((m: any) => m.code)).toEqual(['3301000002', '3301000003']);
    expectValid(j.json);
    const warning = j.json.findings.find((f: any) => f.code === 'partial-coverage');
    expect(warning).toMatchObject({ severity: 'warning' });
    expect(warning.message).toBe(
      '班额部分评估：3 个学校学段中 1 个有数据，其余 2 个未评估（学校3301000002，学校3301000003），结论只针对已评估的部分',
    );
    const t = run([path]);
    expect(t.stdout).toMatch(/✓ 班额 +部分评估（1\/3 有数据）：0 个超标准班额/);
    const gate = run([path, '--max-warnings', '0']);
    expect(gate.status).toBe(1);
    expect(gate.stderr).toMatch(/^balance-check: 警告 \d+ 个，超过 --max-warnings 0\n$/);
    const gateJson = runJson([path, '--max-warnings', '0']);
    expect(gateJson.json).toMatchObject({ exitCode: 1, maxWarnings: { limit: 0, exceeded: true } });
    expectValid(gateJson.json);
    const validate = run(['validate', path, '--max-warnings', '0']);
    expect(validate.status).toBe(1);
    expect(run(['validate', path, '--max-warnings', '100']).status).toBe(0);
  });

  it('band columns and 班级数, no 班级 sheet: the over-limit share is of all classes (Σ 班级数), not 100 %', () => {
    const dir = tempDir();
    const rows = schools().map((r) => ({ ...r, classes: 20 }));
    const keys = [...table(SCHOOL_COLUMNS, rows)[0]!];
    const aoa = table(SCHOOL_COLUMNS, rows);
    aoa[0] = [...keys, '46-55人班级数', '56-65人班级数', '66人及以上班级数'];
    for (let i = 1; i < aoa.length; i++) aoa[i] = [...aoa[i]!, 1, 0, 0];
    const path = writeBook(join(dir, 'bands.xlsx'), { 学校: aoa });
    const j = runJson([path]);
    expect(j.json.counties[0].classSize).toMatchObject({ classes: 60, overLimit: 3 });
    expect(j.json.counties[0].classSize.overLimitShare).toBeCloseTo(0.05, 12);
    const t = run([path]);
    expect(t.stdout).toMatch(/│ 小学 │ 60 +│ 3（5\.0%） /);
    expect(t.stdout).not.toContain('100.0%');
  });
});

describe('template', () => {
  it('the untouched template never passes: exit 2 no-schools', () => {
    const dir = tempDir();
    const tpl = join(dir, 't.xlsx');
    expect(run(['template', '-o', tpl]).status).toBe(0);
    const r = run([tpl]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('[no-schools]');
    expect(r.stdout).not.toContain('政府保障程度');
  });

  it('the 示例 sheet is not read; its example rows copied into 学校 are recognised (template-example-rows)', () => {
    const dir = tempDir();
    const tpl = join(dir, 't.xlsx');
    run(['template', '-o', tpl]);
    const wb = XLSX.read(readFileSync(tpl));
    const examples = XLSX.utils.sheet_to_json<Cell[]>(wb.Sheets['示例']!, { header: 1, defval: null });
    const header = examples[1]!;
    const rows = examples.slice(2, 6);
    wb.Sheets['学校'] = XLSX.utils.aoa_to_sheet([header, ...rows]);
    const path = join(dir, 'copied.xlsx');
    writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const r = runJson([path]);
    expect(r.status).toBe(2);
    expect(r.json.findings.find((f: any) => f.code === 'template-example-rows')).toMatchObject({
      severity: 'error',
      sheet: '学校',
      row: 2,
      column: 'B',
      value: '示例县第一小学',
    });
  });
});

describe('data checks', () => {
  it('two 在校生数 columns that differ: a located error naming both columns; equal: a warning only', () => {
    const dir = tempDir();
    const aoa = table(SCHOOL_COLUMNS, schools());
    const col = aoa[0]!.indexOf('在校生数');
    const letter = XLSX.utils.encode_col(aoa[0]!.length);
    const differ = aoa.map((r, i) => [...r, i === 0 ? '在校生数' : i === 2 ? 999 : r[col]!]);
    const p1 = writeBook(join(dir, 'differ.xlsx'), { 学校: differ });
    const j = runJson([p1]);
    expect(j.status).toBe(2);
    const f = j.json.findings.find((x: any) => x.code === 'duplicate-column-conflict');
    expect(f).toMatchObject({ severity: 'error', sheet: '学校', row: 3, column: letter, header: '在校生数' });
    expect(f.message).toBe(
      `「在校生数」与 ${XLSX.utils.encode_col(col)} 列「在校生数」是同一字段（students），但 1 行的值不同（第一处：第 3 行 600 与 999）：请删除错误的一列`,
    );
    const same = aoa.map((r) => [...r, r[col]!]);
    const p2 = writeBook(join(dir, 'same.xlsx'), { 学校: same });
    const k = runJson([p2]);
    expect(k.status).toBe(0);
    expect(
      k.json.findings.filter((x: any) => x.code.startsWith('duplicate-column')).map((x: any) => [x.code, x.severity]),
    ).toEqual([['duplicate-column', 'warning']]);
  });

  it('a required column present but entirely blank: one error naming it', () => {
    const dir = tempDir();
    const rows = schools().map((r) => ({ ...r, teachers: null }));
    const aoa = table(SCHOOL_COLUMNS, rows, [...Object.keys(schools()[0]!)]);
    const path = writeBook(join(dir, 'blank.xlsx'), { 学校: aoa });
    const j = runJson([path]);
    expect(j.status).toBe(2);
    const blank = j.json.findings.filter((x: any) => x.code === 'blank-column');
    expect(blank).toHaveLength(1);
    expect(blank[0]).toMatchObject({
      severity: 'error',
      row: 1,
      header: '专任教师数',
      message: '「专任教师数」整列为空（3 行）：标准 quality-2017 需要此列的数据',
    });
  });

  it('万元 figures under a plain 教学仪器设备值 header, areas per pupil over 200 m²: warnings naming the slip', () => {
    const dir = tempDir();
    const rows = [
      goodPrimary('3301000001', 800, { equipment_value: 200 }),
      goodPrimary('3301000002', 600, { sports_area: 600 * 300 }),
      goodPrimary('3301000003', 400),
    ];
    const path = writeBook(join(dir, 'units.xlsx'), { 学校: table(SCHOOL_COLUMNS, rows) });
    const j = runJson([path]);
    const found = j.json.findings.filter((x: any) => x.code === 'implausible-value');
    expect(found.map((x: any) => [x.row, x.header, x.severity])).toEqual([
      [2, '教学仪器设备值', 'warning'],
      [3, '体育运动场馆面积', 'warning'],
    ]);
    expect(found[0].message).toBe(
      '生均约 0.25，低于合理下限 10：可能是把万元数填在了以元为单位的表头下（表头可写「教学仪器设备值(万元)」）',
    );
    expect(found[1].message).toBe('生均约 300，超过合理上限 200：可能是单位错误（如亩填成平方米）或多填了位数');
  });

  it('a 9-digit school code (a lost leading 0): a located warning suggesting text format', () => {
    const dir = tempDir();
    const rows = [goodPrimary('301000001', 800), goodPrimary('3301000002', 600)];
    const path = join(dir, 'codes.csv');
    writeFileSync(path, csv(table(SCHOOL_COLUMNS, rows)));
    const j = runJson([path]);
    const f = j.json.findings.filter((x: any) => x.code === 'code-leading-zero');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', row: 2, column: 'A', value: '301000001' });
    expect(f[0].message).toContain('前导 0');
  });
});

describe('findings without recursion limits', () => {
  it('150 000 type errors: exit 2, the JSON parses and holds them all, the text caps the list', {
    timeout: 240_000,
  }, () => {
    const dir = tempDir();
    const path = join(dir, 'bad.csv');
    const lines = ['学校代码,学校名称,学校类型,在校生数'];
    for (let i = 0; i < 150_000; i++) lines.push(`33${String(i).padStart(8, '0')},学校${i},小学,abc`);
    writeFileSync(path, lines.join('\n'));
    const before = hash(path);
    const go = (args: string[]) =>
      spawnSync(process.execPath, [BIN, ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 200_000,
        maxBuffer: 1 << 30,
        env: { ...process.env, NO_COLOR: '1' },
      });
    const j = go([path, '--format', 'json']);
    expect(j.stderr).not.toMatch(/Maximum call stack|内部错误/);
    expect(j.status).toBe(2);
    const json = JSON.parse(j.stdout);
    expect(json.findings.filter((f: any) => f.code === 'type-error')).toHaveLength(150_000);
    const t = go([path]);
    expect(t.status).toBe(2);
    expect(t.stdout).toContain('另有 149980 个同类问题 [type-error]');
    expect(hash(path)).toBe(before);
  });
});

describe('a valid table followed by a million one-value rows in a table column', () => {
  it('exit 2: validation stops after 200 000 problems with one located error saying so; bounded time and memory', {
    timeout: 120_000,
  }, () => {
    const dir = tempDir();
    const path = join(dir, 'million.csv');
    const demo = readFileSync(join(ROOT, 'fixtures/messy/demo-utf8.csv'), 'utf8').trimEnd();
    writeFileSync(path, demo + '\n' + ',x\n'.repeat(1_000_000));
    const before = hash(path);
    const r = spawnSync(process.execPath, ['--max-old-space-size=1536', BIN, path, '--format', 'json'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 100_000,
      maxBuffer: 1 << 30,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(2);
    const json = JSON.parse(r.stdout);
    const stop = json.findings.filter((f: any) => f.code === 'too-many-findings');
    expect(stop).toHaveLength(1);
    expect(stop[0]).toMatchObject({ severity: 'error', sheet: 'million.csv' });
    expect(stop[0].message).toMatch(/^此表的数据问题超过 200000 个，从这一行起未再校验（其余 \d+ 行）/);
    expect(json.findings.some((f: any) => f.code === 'template-example-rows')).toBe(false);
    expect(hash(path)).toBe(before);
  });
});

describe('--max-warnings', () => {
  it('rejects a value that is not a whole number ≥ 0 (exit 3)', () => {
    const r = run([DEMO, '--max-warnings', '-1']);
    expect(r.status).toBe(3);
  });

  it('a run with no warning passes --max-warnings 0', () => {
    const dir = tempDir();
    const rows = schools().map((r) => ({ ...r, computers: 100, books: 20000, titled_teachers: 10 }));
    const classes = [...classesOf('3301000001', 20), ...classesOf('3301000002', 15), ...classesOf('3301000003', 10)];
    const path = writeBook(join(dir, 'full.xlsx'), {
      学校: table(SCHOOL_COLUMNS, rows),
      班级: table(CLASS_COLUMNS, classes),
    });
    // issue 12: --county names it (a county named after the file is a warning).
    const r = runJson([path, '--max-warnings', '0', '--standard', 'basic-2012', '--county', '东湖县']);
    expect(r.json.findings.filter((f: any) => f.severity === 'warning')).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.json.maxWarnings).toEqual({ limit: 0, warnings: 0, exceeded: false });
  });
});
