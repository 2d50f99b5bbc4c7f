// issue 14, acceptance 1 over every fixture county (the demo's own test is in plan.test.ts): `plan` writes its
// additions as a scenario; applied with --scenario, every unit the plan fills passes the per-school rule, every CV
// it claims is within its limit (and the composite under basic-2012), class size and school size pass — and the
// exit code stays the real data's. Run on the bundled workbooks under both standards, a clerk-style workbook and
// its CSV, and the bench county of 300 schools with class rows.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { writeClerk } from '../../fixtures/clerk.mjs';
// @ts-expect-error: a plain .mjs script without types
import { generate } from '../../bench/generate.mjs';
import { run, runJson, tempDir } from './helpers.js';

const dir = tempDir();
const cases: [string, string[]][] = [
  ['demo', ['fixtures/demo-county.xlsx']],
  ['demo, basic-2012', ['fixtures/demo-county.xlsx', '-s', 'basic-2012']],
  ['basic county', ['fixtures/basic-county.xlsx']],
  ['basic county, basic-2012', ['fixtures/basic-county.xlsx', '-s', 'basic-2012']],
  ['quality county', ['fixtures/quality-county.xlsx']],
  ['demo as GBK csv', ['fixtures/messy/demo-gbk.csv']],
];

beforeAll(async () => {
  const clerk = writeClerk(join(dir, 'clerk'), { seed: 7 });
  cases.push(['clerk workbook', [clerk.xlsx]], ['clerk csv', [clerk.csv]]);
  const bench = join(dir, 'bench');
  await generate('county', 300, 1, bench, { classes: true });
  const files = ['county.xlsx', 'county-classes.csv'].map((f) => join(bench, f)).filter(existsSync);
  cases.push(['300 schools with class rows', files]);
}, 120_000);

describe('plan closes the loop on every fixture county (acceptance 1)', () => {
  it('applied, each planned unit, CV, composite, class size and school size passes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(9);
    for (const [name, args] of cases) {
      const scenario = join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.json`);
      const planned = runJson(['plan', ...args, '--write-scenario', scenario]);
      const assessed = runJson(args);
      expect(planned.status, `${name}: plan exits as the assessment`).toBe(assessed.status);
      const plans = planned.json.counties.filter((c: any) => c.planned);
      expect(plans.length, name).toBeGreaterThan(0);
      const r = runJson(['plan', ...args, '--scenario', scenario]);
      expect(r.status, `${name}: the real data's exit code`).toBe(assessed.status);
      for (const plan of plans) {
        const after = r.json.scenario.counties.find((c: any) => c.county === plan.county);
        const check = (id: string) => after.checks.find((c: any) => c.id === id);
        for (const id of ['per-school', 'class-size', 'school-size', 'special-rooms'])
          if (check(id) && check(id).after !== null) expect(check(id).after, `${name}: ${id}`).toBe(true);
        for (const g of plan.units) {
          const u = after.units.find((x: any) => x.code === g.code && x.level === g.level);
          expect(u.after, `${name}: ${g.name} ${g.level}`).toBe(true);
        }
        for (const cv of plan.cvs.filter((x: any) => x.pass)) {
          const x = after.cvs.find((c: any) => c.level === cv.level && c.indicator === cv.indicator);
          expect(x.after.cv, `${name}: ${cv.level} ${cv.indicator}`).toBeLessThanOrEqual(cv.limit);
          expect(x.after.cv).toBeCloseTo(cv.after, 9);
        }
        for (const comp of plan.composite ?? [])
          if (comp.pass) expect(check('composite')?.after ?? true, `${name}: composite`).toBe(true);
        // A plan that claims everything passes leaves nothing failing after it.
        if (plan.stillFailing === 0) expect(after.verdict.after, name).not.toBe('fail');
      }
      // The what-if never changes the verdict of the real data.
      expect(r.json.counties.map((c: any) => c.verdict)).toEqual(assessed.json.counties.map((c: any) => c.verdict));
    }
  }, 600_000);

  it('a plan written to the input is refused (exit 3), the input unchanged', () => {
    const input = join(dir, 'input.xlsx');
    copyFileSync('fixtures/demo-county.xlsx', input);
    const before = readFileSync(input);
    const r = run(['plan', input, '--write-scenario', input]);
    expect(r.status).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(input).equals(before)).toBe(true);
  });
});
