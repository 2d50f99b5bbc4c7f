// issue 14 (plan-out): `plan` and `diff` as xlsx and html through the built CLI. The workbook is read back with
// SheetJS: the 缺口 sheet's numbers are the JSON's changes per school and its 合计 the JSON's totals; the diff
// workbook holds the diff JSON's CVs, units and what got worse; the html pages have the tables and a chart per
// quantity and level with a bar per school (counted in the SVG), CVs before/after with a bar per value.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { goodPrimary } from '../helpers.js';
import { BAD, DEMO, expectOneLineNoStack, loadedModules, ROOT, run, runJson, sha256 } from './helpers.js';
import { schoolsCsv, tempDir } from './plan-helpers.js';

const dir = tempDir('bc-plan-formats-');
const COSTS = 'fixtures/profiles/plan-costs.json';
const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' }; // 2023-11-14 (UTC)
type Grid = (string | number | null)[][] & { merged?: Set<number> };

/** A sheet's rows; `merged` holds the rows whose first cell is merged across (titles, heading lines, notes). */
function sheetRows(file: string, sheet: string): Grid {
  const book = XLSX.read(readFileSync(file));
  const ws = book.Sheets[sheet];
  expect(ws, `sheet ${sheet} in ${book.SheetNames.join(', ')}`).toBeDefined();
  const rows = XLSX.utils.sheet_to_json(ws!, { header: 1, defval: null, raw: true, blankrows: true }) as Grid;
  rows.merged = new Set(
    (ws!['!merges'] ?? []).filter((m) => m.s.c === 0 && m.e.c > 0 && m.s.r === m.e.r).map((m) => m.s.r),
  );
  return rows;
}

/** The block titled `title`: its header row (the last header row) and its data rows, up to the first blank row. */
function block(rows: Grid, title: string, headRows = 1): { head: string[]; body: Grid } {
  const at = rows.findIndex((r) => r[0] === title);
  expect(at, `block ${title}`).toBeGreaterThanOrEqual(0);
  const head = rows[at + headRows]!.map((v) => (v === null ? '' : String(v)));
  const body: Grid = [];
  for (let r = at + headRows + 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.every((v) => v === null)) break;
    // Notes are one cell merged across the block.
    if (rows.merged?.has(r)) break;
    body.push(row);
  }
  return { head, body };
}

/** Each chart's data-* attributes and the bars its SVG draws (the bar series are the first data-series). */
function figures(html: string): { attrs: Record<string, string>; bars: number }[] {
  return [...html.matchAll(/<figure class="chart"([^>]*)>([\s\S]*?)<\/figure>/g)].map((m) => {
    const attrs = Object.fromEntries([...m[1]!.matchAll(/data-([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
    const series = Number(attrs.series);
    const bars = [...m[2]!.matchAll(/<path[^>]*ecmeta_series_index="(\d+)"/g)].filter(
      (p) => Number(p[1]) < series,
    ).length;
    return { attrs, bars };
  });
}

const CJK = /[\u3400-\u9fff\uff00-\uffef]/;

describe('plan as xlsx', () => {
  const file = join(dir, '缺口.xlsx');
  const r = run(['plan', DEMO, '--profile', COSTS, '-o', file], EPOCH);
  const json = runJson(['plan', DEMO, '--profile', COSTS]).json;
  const county = json.counties[0];

  it('exit code as the assessment; the 缺口 sheet first, with the heading and the date from SOURCE_DATE_EPOCH', () => {
    expect(r.status, r.stderr).toBe(1);
    const book = XLSX.read(readFileSync(file));
    expect(book.SheetNames[0]).toBe('缺口');
    const rows = sheetRows(file, '缺口');
    expect(rows[0]![0]).toBe('青山县 县域义务教育优质均衡发展督导评估 缺口与整改方案');
    expect(rows.map((x) => x[0])).toContain('生成日期：2023-11-14');
    expect(rows.map((x) => x[0])).toContain('填报单位：青山县');
  });

  it('each school row is the JSON changes for that school and level; the 合计 row is the JSON totals', () => {
    const rows = sheetRows(file, '缺口');
    for (const t of county.totals) {
      const levelWord = t.level === 'primary' ? '小学' : '初中';
      const { head, body } = block(rows, `青山县 ${levelWord} 缺口`);
      const total = body.at(-1)!;
      expect(total[1]).toBe('合计');
      const col = (h: string) => head.indexOf(h);
      // What the JSON changes add per school at this level, summed here independently of the renderer.
      const expected = new Map<string, Record<string, number>>();
      const roomLevel = new Map(county.rooms.map((x: any) => [x.code, x.level]));
      const add = (code: string, key: string, v: number) => {
        const e = expected.get(code) ?? {};
        e[key] = (e[key] ?? 0) + v;
        expected.set(code, e);
      };
      for (const c of county.changes) {
        if (c.op === 'add' && (c.level ?? roomLevel.get(c.school)) === t.level)
          for (const [q, v] of Object.entries(c.amounts as Record<string, number>)) if (v) add(c.school, q, v);
        if (c.op === 'classes' && c.level === t.level && c.add) add(c.school, 'classes', c.add);
        if (c.op === 'move' && c.level === t.level) add(c.from, 'moved', c.pupils);
      }
      expect(
        body
          .slice(0, -1)
          .map((x) => x[2])
          .sort(),
      ).toEqual([...expected.keys()].sort());
      const heads: Record<string, string> = {
        qualifiedTeachers: '高学历教师（人）',
        backboneTeachers: '骨干教师（人）',
        peArtTeachers: '体艺教师（人）',
        teachingArea: '教学用房（平方米）',
        sportsArea: '运动场馆（平方米）',
        equipmentValue: '仪器设备（元）',
        multimediaRooms: '多媒体室（间）',
        musicRooms: '音乐教室（间）',
        artRooms: '美术教室（间）',
        teachers: '新招教师（人）',
        classes: '增加班级（个）',
        moved: '调出学生（人）',
      };
      const amounts: Record<string, number> = { ...t.amounts, classes: t.classes, moved: t.pupilsMoved };
      for (const [q, v] of Object.entries(amounts)) {
        if (!v) continue;
        expect(col(heads[q]!), `${q} column`).toBeGreaterThan(0);
        expect(total[col(heads[q]!)], `合计 ${q}`).toBe(v);
        for (const row of body.slice(0, -1))
          expect(row[col(heads[q]!)] ?? 0).toBe(expected.get(String(row[2]))![q] ?? 0);
      }
      // The budget in 万元: the level's total, and the schools sum to it.
      const budget = col('估算经费（万元）');
      expect(total[budget]).toBeCloseTo(t.budget / 10_000, 6);
      const sum = body.slice(0, -1).reduce((a, x) => a + Number(x[budget]), 0);
      expect(sum).toBeCloseTo(t.budget / 10_000, 6);
      // The standard a school may leave unmet, from the JSON's units.
      for (const u of county.units.filter((x: any) => x.level === t.level && x.leftUnmet.length)) {
        const row = body.find((x) => x[2] === u.code);
        expect(row?.[col('可不达标指标')]).toBeTruthy();
      }
    }
    const budget = block(sheetRows(file, '经费估算'), '青山县 经费估算');
    expect(budget.body.at(-1)).toEqual(['合计', county.budget]);
  });

  it('the CV what-if, classes and checks sheets hold the JSON values', () => {
    const cv = block(sheetRows(file, '差异系数试算'), '青山县 差异系数试算');
    expect(cv.body).toHaveLength(county.cvs.length);
    for (const [i, x] of county.cvs.entries()) {
      const row = cv.body[i]!;
      expect(row.slice(2, 5)).toEqual([x.limit, x.before, x.afterPlan]);
      expect(row[8]).toBe(x.after);
      expect(row[9]).toBe(x.pass ? '达标' : '未达标');
    }
    const classes = block(sheetRows(file, '增加班级'), '青山县 增加班级');
    expect(classes.body.map((x) => [x[1], x[10]])).toEqual(county.classes.map((x: any) => [x.code, x.add]));
    const checks = block(sheetRows(file, '整改前后检查'), '青山县 整改前后检查');
    const word = (p: boolean | null) => (p === null ? '未评估' : p ? '达标' : '未达标');
    expect(checks.body.map((x) => [x[2], x[3]])).toEqual(
      county.checks.map((k: any) => [word(k.before), word(k.after)]),
    );
  });

  it('never written onto an input: exit 3, the workbook unchanged', () => {
    const before = sha256(DEMO);
    const again = run(['plan', DEMO, '-f', 'xlsx', '-o', DEMO]);
    expect(again.status).toBe(3);
    expectOneLineNoStack(again.stderr);
    expect(sha256(DEMO)).toBe(before);
  });
});

describe('diff as xlsx and html', () => {
  const schools = [
    goodPrimary('3301000001', 420, { name: '甲小学' }),
    goodPrimary('3301000002', 900, { name: '乙小学' }),
    goodPrimary('3301000003', 1300, { name: '丙小学' }),
    goodPrimary('3301000004', 600, { name: '丁小学' }),
  ];
  const old = schoolsCsv(dir, 'old.csv', schools);
  const halved = schools.map((s) => (s.code === '3301000003' ? { ...s, sports_area: Number(s.sports_area) / 2 } : s));
  const now = schoolsCsv(dir, 'new.csv', halved);
  const args = ['diff', old, now, '--county', '测试县'];
  const json = runJson(args).json;
  const c = json.counties[0];

  it('the workbook holds the diff JSON: CVs then and now, the changed unit, what got worse; exit 1', () => {
    const file = join(dir, 'diff.xlsx');
    const r = run([...args, '-o', file]);
    expect(r.status, r.stderr).toBe(1);
    const cv = block(sheetRows(file, '差异系数对比（小学）'), '测试县 小学 差异系数对比', 2);
    const primary = c.levels.find((l: any) => l.level === 'primary');
    expect(cv.body.map((x) => [x[2], x[3], x[4], x[5]])).toEqual(
      primary.indicators.map((i: any) => [i.cv.was, i.cv.now, i.mean.was, i.mean.now]),
    );
    const units = block(sheetRows(file, '学校结论变化'), '测试县 学校结论变化', 2);
    expect(units.body).toEqual([
      ['丙小学', '3301000003', '小学', '达标', '未达标', '运动场馆', 9, 4.5, '达标', '未达标'],
    ]);
    const worse = block(sheetRows(file, '变差项目'), '测试县 变差项目');
    expect(worse.body).toHaveLength(c.worse.length);
    expect(worse.body.map((x) => x[0])).toContain('结论');
    expect(worse.body).toContainEqual(['学校达标', '小学', '丙小学', null]);
  });

  it('the page: a CV chart per level with a bar per CV then and now', () => {
    const file = join(dir, 'diff.html');
    expect(run([...args, '-o', file]).status).toBe(1);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<h3 class="section-title">测试县 小学 差异系数对比</h3>');
    const charts = figures(html);
    const expected = c.levels
      .map((l: any) => ({
        level: l.level,
        bars: l.indicators.reduce(
          (a: number, i: any) => a + (i.cv.was !== null ? 1 : 0) + (i.cv.now !== null ? 1 : 0),
          0,
        ),
      }))
      .filter((x: any) => x.bars > 0);
    expect(charts.map((f) => ({ level: f.attrs.level, bars: f.bars }))).toEqual(expected);
    for (const f of charts) expect(Number(f.attrs.bars)).toBe(f.bars);
  });

  it('a file against itself: exit 0 in xlsx too', () => {
    const file = join(dir, 'same.xlsx');
    expect(run(['diff', DEMO, DEMO, '-o', file]).status).toBe(0);
    const rows = sheetRows(file, '变差项目');
    expect(rows.map((x) => x[0])).toContain('没有变差的项目');
  });
});

describe('plan as html', () => {
  const file = join(dir, 'plan.html');
  const r = run(['plan', DEMO, '--profile', COSTS, '-f', 'html', '-o', file]);
  const county = runJson(['plan', DEMO, '--profile', COSTS]).json.counties[0];
  const html = readFileSync(file, 'utf8');

  it('one self-contained page: CSP, no script, every section a table', () => {
    expect(r.status, r.stderr).toBe(1);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script|<link|src="http/);
    for (const title of ['青山县 小学 缺口', '青山县 初中 缺口', '青山县 差异系数试算', '青山县 经费估算'])
      expect(html).toContain(`<h3 class="section-title">${title}</h3>`);
  });

  it('a gap chart per level and quantity with a bar per school, largest first; the CV chart bars per value', () => {
    const charts = figures(html);
    const gaps = charts.filter((f) => f.attrs.chart === 'gap');
    const expected: string[] = [];
    for (const t of county.totals) {
      for (const [q, v] of Object.entries(t.amounts as Record<string, number>)) {
        if (!v) continue;
        const schools = new Set(
          county.changes
            .filter((c: any) => c.op === 'add' && c.amounts[q] && (c.level ?? t.level) === t.level)
            .map((c: any) => c.school),
        );
        expected.push(`${t.level}:${q}:${schools.size}`);
      }
      if (t.classes) {
        const n = county.changes.filter((c: any) => c.op === 'classes' && c.add && c.level === t.level).length;
        expected.push(`${t.level}:classes:${n}`);
      }
    }
    expect(gaps.map((f) => `${f.attrs.level}:${f.attrs.quantity}:${f.bars}`).sort()).toEqual(expected.sort());
    for (const f of gaps) expect(Number(f.attrs.bars)).toBe(f.bars);
    const cv = charts.filter((f) => f.attrs.chart === 'plan-cv');
    const levels = [...new Set(county.cvs.map((x: any) => x.level))];
    expect(cv.map((f) => f.attrs.level)).toEqual(levels);
    for (const f of cv) {
      const cvs = county.cvs.filter((x: any) => x.level === f.attrs.level);
      const further = cvs.some((x: any) => x.further.length);
      const keys = further ? ['before', 'afterPlan', 'after'] : ['before', 'afterPlan'];
      expect(f.bars).toBe(cvs.reduce((a: number, x: any) => a + keys.filter((k) => x[k] !== null).length, 0));
    }
    // The sports-ground chart: schools sorted by amount, the largest first.
    const sports = /data-quantity="sportsArea"[\s\S]*?<\/figure>/.exec(html)![0];
    expect(sports.indexOf('青山县实验小学')).toBeLessThan(sports.indexOf('青山县明德小学'));
  });

  it('--lang en: no CJK in the column heads, captions and sheet names', () => {
    const en = join(dir, 'plan-en.html');
    expect(run(['plan', DEMO, '--profile', COSTS, '--lang', 'en', '-o', en]).status).toBe(1);
    const page = readFileSync(en, 'utf8');
    const heads = [...page.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]!);
    expect(heads.length).toBeGreaterThan(20);
    expect(heads.filter((h) => CJK.test(h))).toEqual([]);
    const captions = [...page.matchAll(/<figcaption>([^<]*)<\/figcaption>/g)].map((m) => m[1]!);
    expect(captions.length).toBeGreaterThan(3);
    expect(captions.filter((h) => CJK.test(h))).toEqual([]);
    const book = join(dir, 'plan-en.xlsx');
    expect(run(['plan', DEMO, '--lang', 'en', '-o', book]).status).toBe(1);
    const names = XLSX.read(readFileSync(book)).SheetNames;
    expect(names[0]).toBe('gaps');
    expect(names.filter((n) => CJK.test(n))).toEqual([]);
  });
});

describe('plan of a county with data errors as xlsx', () => {
  it('exit 2; the 缺口 sheet says there is no plan, the 数据问题 sheet says why', () => {
    const file = join(dir, 'bad.xlsx');
    const r = run(['plan', BAD.typeError, '-o', file]);
    expect(r.status, r.stderr).toBe(2);
    const gaps = sheetRows(file, '缺口');
    expect(gaps.map((x) => x[0])).toContain('数据有错误，未作方案：请先改正数据问题');
    const findings = runJson(['plan', BAD.typeError]).json.findings;
    const problems = block(sheetRows(file, '数据问题'), '数据问题');
    expect(problems.body.map((x) => [x[1], x[4], x[8]])).toEqual(
      findings.map((f: any) => [f.code, f.row ?? null, f.message]),
    );
  });
});

describe('plan --scenario as xlsx', () => {
  it('the scenario sheet holds each CV before → after and the schools whose result changed', () => {
    const scenario = join(dir, 'own.json');
    expect(run(['plan', DEMO, '--write-scenario', scenario]).status).toBe(1);
    const file = join(dir, 'scenario.xlsx');
    expect(run(['plan', DEMO, '--scenario', scenario, '-o', file]).status).toBe(1);
    const sc = runJson(['plan', DEMO, '--scenario', scenario]).json.scenario.counties[0];
    const cv = block(sheetRows(file, '方案试算'), '青山县 方案试算');
    const shown = sc.cvs.filter((x: any) => x.before.cv !== null || x.after.cv !== null);
    expect(cv.body.map((x) => [x[2], x[3]])).toEqual(shown.map((x: any) => [x.before.cv, x.after.cv]));
    const units = block(sheetRows(file, '方案试算学校'), '青山县 方案试算学校', 2);
    const changed = sc.units.filter((u: any) => u.before !== u.after || u.metBefore !== u.metAfter);
    expect(units.body.map((x) => x[1])).toEqual(changed.map((u: any) => u.code));
    expect(units.body.length).toBeGreaterThan(0);
  });
});

describe('plan and diff formats', () => {
  it('-f and the -o extension: contradicting is exit 3 with one line; csv is not a plan format', () => {
    const mismatch = run(['plan', DEMO, '-f', 'html', '-o', join(dir, 'x.xlsx')]);
    expect(mismatch.status).toBe(3);
    expectOneLineNoStack(mismatch.stderr);
    expect(mismatch.stderr).toContain('x.xlsx');
    const csv = run(['diff', DEMO, DEMO, '-f', 'csv']);
    expect(csv.status).toBe(3);
    expect(csv.stderr).toBe('balance-check: 选项 --format 的值「csv」无效：text, json, xlsx, html\n');
    const md = run(['plan', DEMO, '-o', join(dir, 'plan.md')]);
    expect(md.status).toBe(3);
    expectOneLineNoStack(md.stderr);
  });

  it('the format from the -o extension: .json is JSON, .html a page, .txt text', () => {
    const j = join(dir, 'p.json');
    expect(run(['plan', DEMO, '-o', j]).status).toBe(1);
    expect(JSON.parse(readFileSync(j, 'utf8')).kind).toBe('plan');
    const t = join(dir, 'p.txt');
    expect(run(['plan', DEMO, '-o', t]).status).toBe(1);
    expect(readFileSync(t, 'utf8')).toContain('缺口与整改方案');
    const h = join(dir, 'p.htm');
    expect(run(['diff', DEMO, DEMO, '-o', h]).status).toBe(0);
    expect(readFileSync(h, 'utf8').startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('ECharts and the workbook writer load only for html and xlsx', () => {
    const heavy = (u: string) => /\/echarts\/|^src\/render\/(charts|xlsx-writer|plan-out)\.ts$/.test(u);
    const text = loadedModules(['plan', join(ROOT, DEMO)]);
    expect(text).toContain('src/render/plan-text.ts');
    expect(text.filter(heavy)).toEqual([]);
    const book = loadedModules(['plan', join(ROOT, DEMO), '-o', join(dir, 'lazy.xlsx')]);
    expect(book).toContain('src/render/xlsx-writer.ts');
    expect(book.filter((u) => /\/echarts\/|^src\/render\/charts\.ts$/.test(u))).toEqual([]);
    const page = loadedModules(['diff', join(ROOT, DEMO), join(ROOT, DEMO), '-o', join(dir, 'lazy.html')]);
    expect(page).toContain('src/render/charts.ts');
  });
});
