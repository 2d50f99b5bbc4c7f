// issue 14: `plan` through the built CLI: the demo's plan closes the loop through the scenario it writes
// (acceptance 1), a merge scenario equals the hand-merged workbook (acceptance 3), an unknown school is a
// located error (exit 3), the demo's text fits a screen per level (acceptance 5).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, run, runJson } from './helpers.js';
import { goodPrimary } from '../helpers.js';
import { type Row, schoolsCsv as writeCsv, tempDir } from './plan-helpers.js';
import { PlanReport } from '../../src/plan/report.js';

const dir = tempDir('bc-plan-');
const schoolsCsv = (name: string, rows: Row[]) => writeCsv(dir, name, rows);

describe('plan: the demo county', () => {
  it('writes its additions as a scenario; applied, every planned unit and check passes (acceptance 1)', () => {
    const scenario = join(dir, 'demo-plan.json');
    const planned = runJson(['plan', DEMO, '--write-scenario', scenario]);
    expect(planned.status).toBe(1);
    expect(planned.stderr).toContain(`已写出方案文件 ${scenario}`);
    expect(PlanReport.safeParse(planned.json).success).toBe(true);
    const plan = planned.json.counties[0];
    const written = JSON.parse(readFileSync(scenario, 'utf8'));
    expect(written).toMatchObject({ kind: 'balance-check-scenario', version: 1, county: '青山县' });
    expect(written.changes).toEqual(plan.changes);

    const r = runJson(['plan', DEMO, '--scenario', scenario]);
    // The exit code is the real data's (未达标): a passing what-if never reads as 达标.
    expect(r.status).toBe(1);
    const after = r.json.scenario.counties[0];
    expect(after.verdict).toEqual({ before: 'fail', after: 'pass' });
    for (const id of ['cv', 'per-school', 'class-size', 'school-size', 'special-rooms'])
      expect(after.checks.find((c: { id: string }) => c.id === id)).toMatchObject({ before: false, after: true });
    for (const g of plan.units) {
      const u = after.units.find((x: { code: string; level: string }) => x.code === g.code && x.level === g.level);
      expect(u).toMatchObject({ before: false, after: true });
    }
    for (const cv of plan.cvs) {
      const x = after.cvs.find(
        (c: { level: string; indicator: string }) => c.level === cv.level && c.indicator === cv.indicator,
      );
      expect(x.after.pass).toBe(true);
      expect(x.after.cv).toBeCloseTo(cv.after, 12);
    }
  });

  it('the text says what each school lacks, in whole units, and fits one screen per level (acceptance 5)', () => {
    const r = run(['plan', DEMO]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('青山县实验小学 2280 人（上限 2000），超出 280 人 → 分流到 青山县明德小学');
    expect(r.stdout).toContain('柳河镇王庄小学 6 个班，需各 1 间：音乐 +0，美术 +1');
    expect(r.stdout).toContain('龙潭镇高岭中学：仪器设备 +136,660元（骨干教师可不达标，按相对缺口最小选择）');
    expect(r.stdout).toContain('✓ 运动场馆 0.546 → 0.485 → 0.485（≤ 0.5）');
    const lines = r.stdout.split('\n');
    const start = (w: string) => lines.indexOf(w);
    const primary = lines.slice(start('小学'), start('初中'));
    const junior = lines.slice(
      start('初中'),
      lines.findIndex((l) => l.startsWith('标准配置')),
    );
    for (const block of [primary, junior]) {
      expect(block.length).toBeGreaterThan(2);
      expect(block.length).toBeLessThanOrEqual(24);
    }
    const en = run(['plan', DEMO, '--lang', 'en']);
    expect(en.stdout).toContain('青山县实验小学 2280 pupils (cap 2000), 280 over → move them to 青山县明德小学');
    for (const zh of ['可不达标', '分流', '合计', '个班']) expect(en.stdout).not.toContain(zh);
  });

  it('a scenario naming an unknown school: located error, exit 3', () => {
    const file = join(dir, 'unknown.json');
    writeFileSync(
      file,
      JSON.stringify({
        kind: 'balance-check-scenario',
        version: 1,
        changes: [
          { op: 'add', school: '2133010001', amounts: { sportsArea: 100 } },
          { op: 'close', school: '没有这所学校' },
        ],
      }),
    );
    const r = run(['plan', DEMO, '--scenario', file]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`方案文件 ${file} 有误：changes[1].school：数据中没有学校「没有这所学校」`);
    expect(r.stdout).toBe('');
    const en = run(['plan', DEMO, '--scenario', file, '--lang', 'en']);
    expect(en.stderr).toContain(`The scenario file ${file} is wrong: changes[1].school: no school "没有这所学校"`);
  });

  it('a malformed scenario: the JSON path of the bad field, exit 3', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        kind: 'balance-check-scenario',
        version: 1,
        changes: [{ op: 'add', school: 'x', amounts: { teachingArea: -5 } }],
      }),
    );
    const r = run(['plan', DEMO, '--scenario', file]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('changes[0].amounts.teachingArea');
  });
});

describe('plan --scenario merge equals the hand-merged workbook (acceptance 3)', () => {
  const schools = [
    goodPrimary('3301000001', 420, { name: '甲小学', sports_area: 2400 }),
    goodPrimary('3301000002', 900, { name: '乙小学', teaching_area: 3800 }),
    goodPrimary('3301000003', 1300, { name: '丙小学' }),
    goodPrimary('3301000004', 600, { name: '丁小学', equipment_value: 1_000_000 }),
  ];
  it('merging 甲 into 乙 gives the CVs, means and verdicts of one row holding both', () => {
    const file = schoolsCsv('merge.csv', schools);
    const [a, b, ...rest] = schools as [Row, Row, ...Row[]];
    const merged: Row = { ...b };
    for (const [k, v] of Object.entries(a)) if (typeof v === 'number') merged[k] = Number(b[k]) + v;
    const hand = schoolsCsv('merged-by-hand.csv', [merged, ...rest]);
    const scenario = join(dir, 'merge.json');
    writeFileSync(
      scenario,
      JSON.stringify({
        kind: 'balance-check-scenario',
        version: 1,
        changes: [{ op: 'merge', school: '甲小学', into: '3301000002' }],
      }),
    );
    const r = runJson(['plan', file, '--county', '测试县', '--scenario', scenario]);
    const h = runJson([hand, '--county', '测试县']);
    expect(h.status).toBe(r.status);
    const after = r.json.scenario.counties[0];
    const county = h.json.counties[0];
    expect(after.verdict.after).toBe(county.verdict);
    const primary = county.levels.find((l: { level: string }) => l.level === 'primary');
    for (const i of primary.indicators) {
      const x = after.cvs.find(
        (c: { level: string; indicator: string }) => c.level === 'primary' && c.indicator === i.id,
      );
      expect(x.after.cv).toBeCloseTo(i.cv, 12);
      expect(x.after.mean).toBeCloseTo(i.mean, 12);
      expect(x.after.pass).toBe(i.pass);
    }
    const units = after.units.filter((u: { after: boolean | null; metAfter: number | null }) => u.metAfter !== null);
    expect(units.map((u: { code: string }) => u.code).sort()).toEqual(
      county.units.map((u: { code: string }) => u.code).sort(),
    );
    for (const u of county.units) {
      const x = units.find((y: { code: string }) => y.code === u.code);
      expect([x.after, x.metAfter]).toEqual([u.pass, u.met]);
    }
  });
});

describe('plan: a scenario in a run of several counties', () => {
  it('must name its county, or it is a usage error (exit 3) listing the counties', () => {
    const rows = [
      goodPrimary('3301000001', 420, { county: '东县' }),
      goodPrimary('3301000002', 900, { county: '东县' }),
      goodPrimary('3302000001', 500, { county: '西县' }),
      goodPrimary('3302000002', 700, { county: '西县', sports_area: 2000 }),
    ];
    const file = schoolsCsv('two-counties.csv', rows);
    const unnamed = join(dir, 'unnamed.json');
    const change = { op: 'add', school: '3302000002', amounts: { sportsArea: 3000 } };
    writeFileSync(unnamed, JSON.stringify({ kind: 'balance-check-scenario', version: 1, changes: [change] }));
    const r = run(['plan', file, '--scenario', unnamed]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`方案文件 ${unnamed} 适用于哪个县区？数据中的县区为 东县, 西县`);
    const named = join(dir, 'named.json');
    writeFileSync(
      named,
      JSON.stringify({ kind: 'balance-check-scenario', version: 1, county: '西县', changes: [change] }),
    );
    const ok = runJson(['plan', file, '--scenario', named]);
    expect(ok.status).toBe(1);
    const west = ok.json.scenario.counties;
    expect(west.map((c: { county: string }) => c.county)).toEqual(['西县']);
    expect(west[0].units.find((u: { code: string }) => u.code === '3302000002')).toMatchObject({
      before: false,
      after: true,
    });
  });
});

describe('plan: usage', () => {
  it('only text and json', () => {
    const r = run(['plan', DEMO, '-f', 'csv']);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('--format');
  });
});
