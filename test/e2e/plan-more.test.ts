// issue 14 (plan-more): the demo's plan through the built CLI: teachers counted once in totals and budget.
import { describe, expect, it } from 'vitest';
import { DEMO, run, runJson } from './helpers.js';

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

  it('with unit costs the budget prices 11 + 1 hires, not every kind: about 1020 万元', () => {
    const r = runJson(['plan', DEMO, '--profile', COSTS]);
    expect(r.status).toBe(1);
    const plan = r.json.counties[0];
    expect(plan.totals.map((t: { teachersHired?: number }) => t.teachersHired ?? 0)).toEqual([11, 1]);
    expect(plan.budget).toBe(10_204_060);
    const text = run(['plan', DEMO, '--profile', COSTS]).stdout;
    expect(text).toContain('龙潭镇高岭中学：骨干教师 +1人，新聘教师 +1人（兼计上述各类）');
    expect(text).toContain('预算约 10,204,060 元');
  });
});
