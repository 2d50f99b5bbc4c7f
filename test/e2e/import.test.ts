// issue 15: statistics exports (教基 2021/22 and 2024+, 基础基 2018–2020, the county-wide export) imported and
// assessed give the same results as the same county written in the canonical layout (fixtures/stats-forms.mjs),
// with the arithmetic traps of the peers avoided, each by a test that fails if the trap is fallen into.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { ROOT, expectValid, run, runJson, tempDir } from './helpers.js';
// @ts-expect-error: a plain .mjs fixture generator
import { statsCounty } from '../../fixtures/stats-forms.mjs';

interface Generated {
  dir: string;
  files: string[];
  canonical: string;
}
function generate(version: string, flags: string[] = [], options: object = {}): Generated {
  const dir = join(tempDir(), 'forms');
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, 'fixtures', 'stats-forms.mjs'),
      dir,
      '--version',
      version,
      ...flags,
      '--options',
      JSON.stringify(options),
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  const lines = r.stdout.trim().split('\n');
  return { dir, files: lines.slice(0, -1), canonical: lines.at(-1)! };
}

/** The counties without where each value was read. */
function located(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(located);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !['file', 'sheet', 'row', 'column'].includes(k))
        .map(([k, v]) => [k, located(v)]),
    );
  return value;
}

function sameAsTwin(g: Generated, extra: string[] = []) {
  for (const standard of ['quality-2017', 'basic-2012']) {
    const forms = runJson([g.dir, ...extra, '--county', '青石县', '-s', standard]);
    const twin = runJson([g.canonical, '--county', '青石县', '-s', standard]);
    expectValid(forms.json);
    expect(forms.json.counties.length).toBe(1);
    expect(located(forms.json.counties)).toEqual(located(twin.json.counties));
    expect(forms.status).toBe(twin.status);
    expect(forms.json.inputs[0].imported.layout).toBeTruthy();
  }
}

const county = statsCounty();
const byName = (name: string) => county.schools.find((s: any) => s.name === name);

describe('import and assess = canonical twin', () => {
  it('教基 2024+ (no frame)', () => sameAsTwin(generate('2024')));
  it('the text report says the files were imported, and through which layout', () => {
    const g = generate('2024');
    const r = run([g.dir, '--county', '青石县'], { COLUMNS: '400' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('教育统计报表，按版式 jiaoji-2024 导入 1 所学校');
  });
  it('教基 2024+ with the frame, values stored as text', () => sameAsTwin(generate('2024', ['--frame', '--text'])));
  it('教基 2021/22 (sheet suffix _<办学类型>, 4155 小学 and 4156 中学) with the frame', () =>
    sameAsTwin(generate('2021', ['--frame'])));
  it('基础基 2018–2020 (frame, 研究生 row, 体育/音乐/美术, 体育馆), values as text', () =>
    sameAsTwin(generate('2018', ['--text'])));
  it('the county-wide export (merged 4-row header, frame, text, 合计 row) with --merge-map for the annex', () => {
    const g = generate('wide', ['--frame', '--text']);
    sameAsTwin(g, ['--merge-map', join(g.dir, 'merge-map.json')]);
  });
  it('the county-wide export with a 所属学校 column merges the annex without a map', () =>
    sameAsTwin(generate('wide', [], { parentColumn: true })));

  it('plan imports and plans the export with the same options: --merge-map merges the annex, a missing --layout is exit 3', () => {
    const g = generate('wide', ['--frame', '--text']);
    const map = ['--merge-map', join(g.dir, 'merge-map.json'), '--county', '青石县'];
    const twin = runJson(['plan', g.canonical, '--county', '青石县']);
    const forms = runJson(['plan', g.dir, ...map]);
    expect(forms.status).toBe(twin.status);
    const a = forms.json.counties[0];
    const b = twin.json.counties[0];
    expect(a.verdict).toBe(b.verdict);
    // An imported county is planned as its twin is (plan's hook reaches the imported workbook too).
    expect([a.planned, b.planned]).toEqual([true, true]);
    expect(a.units.length).toBeGreaterThan(0);
    for (const part of ['units', 'cvs', 'totals', 'staffing', 'locales']) expect(a[part], part).toEqual(b[part]);
    // Without the map the annex is a school of its own: the plan differs, so the map was read.
    const unmapped = runJson(['plan', g.dir, '--county', '青石县']);
    expect(unmapped.stderr + JSON.stringify(unmapped.json.findings)).toContain('uncounted-unit');
    const missing = run(['plan', g.dir, '--layout', join(g.dir, 'no-such-layout.json')]);
    expect(missing.status).toBe(3);
    expect(run(['diff', g.dir, g.dir, '--layout', join(g.dir, 'no-such-layout.json')]).status).toBe(3);
  });
});

describe('balance-check import', () => {
  const g = generate('2024', ['--frame']);
  const out = join(tempDir(), '学校.xlsx');
  const r = run(['import', g.dir, '-o', out, '--format', 'json']);
  const report = JSON.parse(r.stdout);
  const school = (name: string) => report.schools.find((s: any) => s.name === name);
  const figure = (name: string, key: string, level: string) =>
    school(name).figures.find((f: any) => f.key === key && f.level === level);

  it('writes the canonical workbook (exit 0) and a report of kind balance-check-import', () => {
    expect(r.status).toBe(0);
    expect(report.kind).toBe('balance-check-import');
    expect(report.schools.length).toBe(8);
    expect(report.files.every((f: any) => f.layout === 'jiaoji-2024' && f.framed === true)).toBe(true);
  });

  it('the written workbook assesses like the twin', () => {
    const written = runJson([out, '--county', '青石县', '-s', 'basic-2012']);
    const twin = runJson([g.canonical, '--county', '青石县', '-s', 'basic-2012']);
    expect(located(written.json.counties)).toEqual(located(twin.json.counties));
    expect(written.status).toBe(twin.status);
  });

  it('names each figure source: form, rows × columns, cells', () => {
    expect(figure('北坑小学', 'students', '小学').source).toBe('教基3112 行 总计 × 在校生数 (教基3112!J7)');
    expect(figure('北坑小学', 'pe_art_teachers', '小学').source).toBe(
      '教基4155 行 小学 × 按授课课程分/体育与健康 + 按授课课程分/艺术/计 (教基4155!K9+L9)',
    );
  });

  it('trap 1: 体艺 = 体育与健康 + 艺术(计), never + 音乐 + 美术 again', () => {
    for (const s of county.schools)
      for (const [level, x] of Object.entries<any>(s.levels)) {
        if (s === county.annex.parent) continue;
        expect(figure(s.name, 'pe_art_teachers', level).value, s.name).toBe(x.pe + x.music + x.art);
      }
  });

  it('trap 2: 高于规定学历 includes 博士 (小学 to 专科, 初中 to 本科)', () => {
    const withDoctors = county.schools.filter((s: any) => Object.values<any>(s.levels).some((x) => x.d > 0));
    expect(withDoctors.length).toBeGreaterThan(0);
    for (const s of withDoctors)
      for (const [level, x] of Object.entries<any>(s.levels)) {
        if (s === county.annex.parent) continue;
        const want = x.d + x.m + x.b + (level === '小学' ? x.a : 0);
        expect(figure(s.name, 'qualified_teachers', level).value, s.name).toBe(want);
      }
  });

  it('trap 3: 室内体育用房 is read apart from 教学及辅助用房 (the assessment moves it to sports)', () => {
    const s = byName('北坑小学');
    expect(figure('北坑小学', 'teaching_area', '全校').value).toBe(s.fac.teaching);
    expect(figure('北坑小学', 'indoor_sports_area', '全校').value).toBe(s.fac.indoor);
    expect(s.fac.indoor).toBeGreaterThan(0);
  });

  it('trap 4: a 九年一贯制 school: a row per level with its pupils, facilities on a 全校 row only', () => {
    const wb = XLSX.read(readFileSync(out));
    const rows = XLSX.utils.sheet_to_json<any>(wb.Sheets['学校']!);
    const nine = rows.filter((x) => x['学校名称'] === '石门九年一贯制学校');
    expect(nine.map((x) => x['学段'])).toEqual(['小学', '初中', '全校']);
    const s = byName('石门九年一贯制学校');
    expect(nine[0]['在校生数']).toBe(s.levels.小学.students);
    expect(nine[1]['在校生数']).toBe(s.levels.初中.students);
    expect(nine[0]['教学及辅助用房面积']).toBeUndefined();
    expect(nine[1]['教学及辅助用房面积']).toBeUndefined();
    expect(nine[2]['教学及辅助用房面积']).toBe(s.fac.teaching);
    expect(nine[2]['教学仪器设备值']).toBe(Math.round(s.fac.equipmentWan * 10000 * 100) / 100);
  });

  it('标识码 stays 10-digit text; the music and art rooms are left blank, marked and listed', () => {
    const wb = XLSX.read(readFileSync(out));
    const ws = wb.Sheets['学校']!;
    expect(ws.B2?.t).toBe('s');
    const rows = XLSX.utils.sheet_to_json<any>(ws, { defval: null });
    expect(rows.every((x) => /^\d{10}$/.test(x['学校代码']))).toBe(true);
    expect(Object.keys(rows[0])).toContain('音乐专用教室数');
    expect(rows.every((x) => x['音乐专用教室数'] === null)).toBe(true);
    expect(report.toFill.map((t: any) => t.key)).toEqual(['music_rooms', 'art_rooms']);
    expect(wb.SheetNames).toContain('导入来源');
  });
});

describe('annexes, joins and what cannot be imported', () => {
  it('trap 5: an annex (是否计校数 = 0) with neither a merge map nor a 所属学校 column is a warning, listed', () => {
    const g = generate('wide');
    const r = runJson([g.dir, '--county', '青石县', '-s', 'basic-2012']);
    const f = r.json.findings.find((x: any) => x.code === 'uncounted-unit');
    expect(f.severity).toBe('warning');
    expect(f.message).toBe(
      '1 个不计校数（是否计校数 = 0）的校点没有指明所属学校，仍按独立学校评估：青石县第一小学东校区；请用 --merge-map 文件或「所属学校」列指明所属学校',
    );
  });

  it('trap 6: 学段 files without 标识码 are joined by name; a name that differs is reported as unmatched', () => {
    const joined = generate('wide', [], { codes: false });
    const r = run([
      'import',
      joined.dir,
      '-o',
      join(tempDir(), 'a.xlsx'),
      '--format',
      'json',
      '--merge-map',
      join(joined.dir, 'merge-map.json'),
    ]);
    const nine = JSON.parse(r.stdout).schools.find((s: any) => s.name === '石门九年一贯制学校');
    expect(
      nine.figures
        .filter((f: any) => f.key === 'students')
        .map((f: any) => f.level)
        .sort(),
    ).toEqual(['初中', '小学']);
    const renamed = generate('wide', [], { codes: false, juniorName: '石门学校' });
    const u = run([
      'import',
      renamed.dir,
      '-o',
      join(tempDir(), 'b.xlsx'),
      '--format',
      'json',
      '--merge-map',
      join(renamed.dir, 'merge-map.json'),
    ]);
    const unmatched = JSON.parse(u.stdout).findings.filter((f: any) => f.code === 'import-unmatched');
    expect(unmatched.map((f: any) => f.message)).toEqual([
      '「石门学校」在小学的文件中没有对应的行（先按学校标识码、再按校名匹配）：请检查校名或标识码是否一致',
      '「石门九年一贯制学校」在初中的文件中没有对应的行（先按学校标识码、再按校名匹配）：请检查校名或标识码是否一致',
    ]);
  });

  it('a workbook that is not a statistics export: exit 3, nothing guessed', () => {
    const r = run(['import', 'fixtures/demo-county.xlsx', '-o', join(tempDir(), 'x.xlsx')]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(
      'balance-check: fixtures/demo-county.xlsx 中没有可导入的教育统计报表（教基、基础基或县域导出表）\n',
    );
  });

  it('a needed form missing: exit 2, naming the form and its figures', () => {
    const g = generate('2024', [], { drop: ['教基5176'] });
    const r = run(['import', g.files[0]!, '-o', join(tempDir(), 'x.xlsx'), '--format', 'json']);
    expect(r.status).toBe(2);
    const f = JSON.parse(r.stdout).findings.filter((x: any) => x.code === 'import-form-missing');
    expect(f.map((x: any) => x.message)).toEqual([
      '缺少报表 教基5176：其中的 体育运动场馆面积（全校）、图书册数（全校）、网络多媒体教室数（全校）、教学仪器设备值（全校） 无法导入；请补上该工作表',
    ]);
    const assessed = runJson([g.dir, '--county', '青石县']);
    expect(assessed.status).toBe(2);
  });

  it('acceptance 3: a figure moved to another row code is read with a layout given by --layout', () => {
    const g = generate('2024', [], { moveBackbone: true });
    const before = run(['import', g.dir, '-o', join(tempDir(), 'x.xlsx'), '--format', 'json']);
    expect(before.status).toBe(2);
    const missing = JSON.parse(before.stdout).findings.find((x: any) => x.code === 'import-figure-missing');
    expect(missing.message).toBe(
      '教基1102续 中找不到「县级以上骨干教师数（小学）」：已尝试 县级及以上骨干教师(小学)|县级以上骨干教师(小学) × 栏1；请检查该表，或用 --layout 修正版式文件',
    );
    const layout = JSON.parse(readFileSync(join(ROOT, 'layouts', 'jiaoji-2024.json'), 'utf8'));
    for (const f of layout.figures)
      if (f.key === 'backbone_teachers') f.rows = [{ code: f.level === '小学' ? '31' : '32' }];
    const file = join(tempDir(), 'moved.json');
    writeFileSync(file, JSON.stringify(layout));
    const after = run(['import', g.dir, '-o', join(tempDir(), 'y.xlsx'), '--layout', file]);
    expect(after.status).toBe(0);
    sameAsTwin(g, ['--layout', file]);
  });

  it('a layout file that is not valid: exit 3 naming the field', () => {
    const file = join(tempDir(), 'bad.json');
    writeFileSync(file, JSON.stringify({ id: 'x', name: 'x', shape: 'school', recognise: {}, figures: [] }));
    const r = run(['import', 'fixtures/demo-county.xlsx', '-o', join(tempDir(), 'x.xlsx'), '--layout', file]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`版式文件 ${file} 无效：figures:`);
  });
});
