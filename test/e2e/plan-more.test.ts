// issue 14 (plan-more): the demo's plan through the built CLI: teachers counted once in totals and budget.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, run, runJson } from './helpers.js';
import { tempDir } from './plan-helpers.js';

const dir = tempDir('bc-plan-more-');

const COSTS = 'fixtures/profiles/plan-costs.json';

describe('plan: one new teacher counts for every kind (demo)', () => {
  it('明德小学: the 11 teachers hired for 生师比 carry 高学历 +3 and 骨干 +2: 11 hires, said in the text', () => {
    const r = runJson(['plan', DEMO]);
    const plan = r.json.counties[0];
    const primary = plan.totals.find((t: { level: string }) => t.level === 'primary');
    expect(primary.amounts).toMatchObject({ teachers: 11, qualifiedTeachers: 3, backboneTeachers: 2 });
    expect(primary.teachersHired).toBe(11);
    expect(plan.teacherRule).toBe('largest-kind');
    const text = run(['plan', DEMO]).stdout;
    expect(text).toContain('教师按人计：一名新教师可同时计入高学历、骨干、体艺教师和生师比');
    expect(run(['plan', DEMO, '--lang', 'en']).stdout).toContain('Teachers are counted as people');
  });

  it('with unit costs the budget prices 11 + 1 hires, not every kind: about 1170 万元', () => {
    const r = runJson(['plan', DEMO, '--profile', COSTS]);
    expect(r.status).toBe(1);
    const plan = r.json.counties[0];
    expect(plan.totals.map((t: { teachersHired?: number }) => t.teachersHired ?? 0)).toEqual([11, 1]);
    // 11 + 1 teachers × 12 万, not 11 + 3 + 2 + 2 + 1; the 9 classes by grade × 30 万 included.
    expect(plan.budget).toBe(11_704_060);
    const text = run(['plan', DEMO, '--profile', COSTS]).stdout;
    expect(text).toContain('龙潭镇高岭中学：骨干教师 +1人，新聘教师 +1人（兼计上述各类）');
    expect(text).toContain('预算约 11,704,060 元');
  });
});

/** A basic-2012 county whose two small schools have 5–8 × the resources of the rest: composite 1.045 > 0.65. */
function wideBasicCounty(): string {
  const rows = [
    [1200, 1, 1, 1, 1, 1, 1, 1, 1],
    [900, 0.5, 0.4, 0.5, 0.4, 0.5, 1, 0.6, 0.5],
    [400, 0.4, 0.5, 0.3, 0.3, 0.4, 1, 0.6, 0.7],
    [200, 6, 8, 6, 7, 8, 1.8, 1.8, 1.8],
    [1500, 0.6, 0.5, 0.5, 0.6, 0.5, 0.9, 0.7, 0.6],
    [150, 5, 7, 6, 6, 6, 1.9, 1.8, 1.9],
  ];
  const head =
    '学校代码,学校名称,学校类型,在校生数,班级数,专任教师数,高于规定学历教师数,中级及以上职称教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,计算机台数,图书册数';
  const lines = rows.map(([n, ta, sa, eq, co, bo, te, qu, ti], i) => {
    const t = Math.round((n! / 15) * te!);
    return [
      `33019900${10 + i}`,
      `试点第${i + 1}小学`,
      '小学',
      n,
      Math.ceil(n! / 40),
      t,
      Math.min(t, Math.round((n! / 15) * 0.8 * qu!)),
      Math.min(t, Math.round((n! / 15) * 0.5 * ti!)),
      Math.round(n! * 5 * ta!),
      Math.round(n! * 9 * sa!),
      Math.round(n! * 2500 * eq!),
      Math.round(n! * 0.15 * co!),
      Math.round(n! * 30 * bo!),
    ].join(',');
  });
  const file = join(dir, 'basic-wide.csv');
  writeFileSync(file, `${[head, ...lines].join('\n')}\n`);
  return file;
}

describe('plan: basic-2012 composite what-if (built CLI)', () => {
  it('composite 1.045 → within 0.65 by further additions; the written scenario passes the composite', () => {
    const file = wideBasicCounty();
    const scenario = join(dir, 'basic-plan.json');
    const args = ['plan', file, '--standard', 'basic-2012', '--county', '试点县'];
    const r = runJson([...args, '--write-scenario', scenario]);
    expect(r.status).toBe(1);
    const [comp] = r.json.counties[0].composite;
    expect(comp).toMatchObject({ level: 'primary', limit: 0.65, pass: true });
    expect(comp.before).toBeCloseTo(1.045, 3);
    expect(comp.after).toBeLessThanOrEqual(0.65);
    expect(comp.further.length).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(scenario, 'utf8')).changes).toEqual(r.json.counties[0].changes);
    const after = runJson([...args, '--scenario', scenario]);
    expect(after.status).toBe(1); // the real data's verdict
    const sc = after.json.scenario.counties[0];
    expect(sc.verdict).toEqual({ before: 'fail', after: 'pass' });
    expect(sc.checks.find((c: { id: string }) => c.id === 'composite')).toMatchObject({ before: false, after: true });
    const text = run(args).stdout;
    expect(text).toContain('综合差异系数（各项差异系数的均值；现状 → 学校补足后 → 追加后，限值）');
    expect(text).toContain('✓ 1.045 → 1.045 → 0.650（≤ 0.65）');
    expect(text).toContain('综合差异系数仍超限时，把超过同一上限的各项差异系数都压到这个上限');
    expect(run([...args, '--lang', 'en']).stdout).toContain('Composite CV (the mean of the CVs;');
  });
});

describe('plan: classes by grade (demo: its class sheet names grades)', () => {
  it('a grade whose pupils do not fit gets its class, though the school as a whole would fit', () => {
    const r = run(['plan', DEMO]);
    // 实验小学 after 280 pupils move: 2000 in 50 classes fits (40 each), but 六年级 419 in 9 does not.
    expect(r.stdout).toContain(
      '青山县实验小学 50 个班 2000 人，最大班 47 人：增加 1 个班（消除大班额需 0、超大班额需 0）；按年级：六年级 +1',
    );
    expect(run(['plan', DEMO, '--lang', 'en']).stdout).toContain('; by grade: grade 6 +1');
    const j = runJson(['plan', DEMO]).json.counties[0];
    const gap = j.classes.find((c: { name: string }) => c.name === '青山县实验小学');
    expect(gap.grades.find((g: { grade: string }) => g.grade === '6')).toMatchObject({
      classes: 9,
      pupils: 419,
      add: 1,
    });
    expect(j.changes).toContainEqual({ op: 'classes', school: gap.code, level: 'primary', add: 1, grades: { '6': 1 } });
  });
});

describe('plan: 班师比 from a profile (fixtures/profiles/class-teacher-ratio.json, example figures)', () => {
  it('the larger of the 生师比 and 班师比 shortfalls, saying which binds', () => {
    const args = ['plan', DEMO, '--profile', 'fixtures/profiles/class-teacher-ratio.json'];
    const text = run(args).stdout;
    expect(text).toContain('专任教师（生师比 19 : 1，班师比 1 : 2.2）');
    expect(text).toContain('龙潭镇高岭小学 96 人、11 名教师：+3 人（生师比缺 0，班师比缺 3（6 个班），按班师比）');
    expect(text).toContain(
      '青山县明德小学 1260 人、56 名教师：+11 人（生师比缺 11，班师比缺 10（30 个班），按生师比）',
    );
    const gap = runJson(args).json.counties[0].staffing.find((s: { name: string }) => s.name === '龙潭镇高岭小学');
    expect(gap).toMatchObject({ add: 3, byPupils: 0, byClasses: 3, classes: 6, classRatio: 2.2, binds: 'classes' });
    expect(run([...args, '--lang', 'en']).stdout).toContain(
      '龙潭镇高岭小学 96 pupils, 11 teachers: +3 (short 0 by pupils, 3 by classes (6 classes): the teachers-per-class norm binds)',
    );
    // Without it, as before: 生师比 only.
    expect(run(['plan', DEMO]).stdout).not.toContain('龙潭镇高岭小学 96 人');
  });
});
