// Issue 10, acceptance 2: a new check is one module plus one registry line. The module below is what such a
// file holds; pushing it onto CHECKS stands for its registry line. Nothing else is touched, and the check is
// judged, named in both languages (its own words), listed in JSON, text and JUnit.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { assess } from '../src/assess.js';
import { CHECKS, type CheckModule } from '../src/judge/checks/index.js';
import { result, unitCoverage } from '../src/judge/checks/types.js';
import { render, type Rendered } from '../src/render/formatters.js';

const text = (r: Rendered) =>
  typeof r === 'string' ? r : r instanceof Uint8Array ? new TextDecoder().decode(r) : [...r].join('');

/** Every unit reports at least one computer per 10 pupils (advisory): a made-up rule over existing data. */
const computers: CheckModule = {
  id: 'computers-per-pupil',
  words: { zh: '计算机配备（每 10 名学生 1 台）', en: 'Computers (1 per 10 pupils)' },
  reads: [],
  enabled: () => true,
  binding: () => false,
  run(f, _levels, units) {
    const has = (u: (typeof f.units)[number]) => u.unit.quantities.computers !== undefined;
    const judged = f.units.filter(has);
    const failures = judged
      .filter((u) => u.unit.quantities.computers! * 10 < u.unit.students)
      .map((u) => ({ code: u.unit.code, name: u.unit.name, level: u.unit.level, value: u.unit.quantities.computers! }));
    return result(
      'computers-per-pupil',
      false,
      failures,
      units.length && judged.length ? failures.length === 0 : null,
      undefined,
      unitCoverage(f.units, has),
    );
  },
};

const registry = CHECKS as CheckModule[];
registry.push(computers);
afterAll(() => {
  registry.splice(registry.indexOf(computers), 1);
});

describe('adding a check', () => {
  const input = () => [{ path: 'demo-county.xlsx', bytes: readFileSync('fixtures/demo-county.xlsx') }];

  it('is judged and carried by the report, with its own words in meta and the v1 fields unchanged', async () => {
    const report = await assess(input(), { standard: 'basic-2012' });
    const check = report.counties[0]!.checks.find((c) => c.id === 'computers-per-pupil');
    expect(check).toMatchObject({ binding: false, assessed: 'full' });
    expect(typeof check!.pass).toBe('boolean');
    expect(report.meta?.checks.find((c) => c.id === 'computers-per-pupil')?.name).toEqual(computers.words);
  });

  it('is printed in text (zh and en) and JUnit without a line of render code', async () => {
    const zh = await assess(input(), { standard: 'basic-2012' });
    const en = await assess(input(), { standard: 'basic-2012', lang: 'en' });
    expect(text(await render(zh, 'text'))).toContain('计算机配备（每 10 名学生 1 台）');
    expect(text(await render(en, 'text'))).toContain('Computers (1 per 10 pupils)');
    expect(text(await render(zh, 'junit'))).toContain('computers-per-pupil (advisory)');
  });
});
