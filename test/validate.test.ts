import { describe, it, expect } from 'vitest';
import { workbook, goodPrimary, run } from './helpers.js';

const codes = (r: ReturnType<typeof run>) => r.findings.map((f) => [f.code, f.severity, f.sheet, f.row, f.column]);

describe('cell validation', () => {
  it('locates a text value in a number column with sheet, Excel row, column letter, header and value', () => {
    const r = run(workbook([goodPrimary('3301000001', 500), goodPrimary('3301000002', '三百' as unknown as number)]));
    const f = r.findings.find((x) => x.code === 'type-error')!;
    expect(f).toMatchObject({ severity: 'error', sheet: '学校', row: 3, header: '在校生数', value: '三百' });
    expect(f.column).toBe('D');
  });

  it('reads numbers stored as text, full-width digits and thousands separators', () => {
    const r = run(
      workbook([
        goodPrimary('3301000001', 500, { teaching_area: '２,５００', sports_area: ' 4500 ' }),
        goodPrimary('3301000002', 600),
      ]),
    );
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const u = r.counties[0]!.units.find((x) => x.code === '3301000001')!;
    expect(u.indicators.find((i) => i.id === 'teaching_area_per_pupil')!.value).toBe(5);
  });

  it('rejects negative and fractional counts', () => {
    const r = run(
      workbook([
        goodPrimary('3301000001', 500, { teachers: -3, multimedia_rooms: 2.5 }),
        goodPrimary('3301000002', 600),
      ]),
    );
    expect(r.findings.map((f) => f.code).sort()).toEqual(['negative-value', 'not-integer']);
  });

  it('reports a missing required column once, naming it and the standard, not once per row', () => {
    const rows = [goodPrimary('3301000001', 500), goodPrimary('3301000002', 600), goodPrimary('3301000003', 700)].map(
      ({ sports_area: _s, ...rest }) => rest,
    );
    const r = run(workbook(rows));
    const missing = r.findings.filter((f) => f.code === 'missing-column');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({
      severity: 'error',
      header: '体育运动场馆面积',
      params: { standard: 'quality-2017' },
    });
  });

  it('accepts the degree breakdown instead of the 高于规定学历 column', () => {
    const rows = [goodPrimary('3301000001', 500), goodPrimary('3301000002', 600)].map(
      ({ qualified_teachers: _q, ...rest }) => ({
        ...rest,
        postgrad_teachers: 1,
        bachelor_teachers: 20,
        associate_teachers: 10,
      }),
    );
    expect(run(workbook(rows)).findings.filter((f) => f.code === 'missing-column')).toEqual([]);
  });
});

describe('cross-field checks (docs/input.md)', () => {
  it('subsets may not exceed totals', () => {
    const r = run(
      workbook([
        goodPrimary('3301000001', 500, { teachers: 30, backbone_teachers: 31 }),
        goodPrimary('3301000002', 600),
      ]),
    );
    expect(codes(r)).toContainEqual(['subset-exceeds-total', 'error', '学校', 2, expect.any(String)]);
    expect(r.findings[0]!.header).toBe('县级以上骨干教师数');
  });

  it('a (学校代码, 学段) pair appears once', () => {
    const r = run(workbook([goodPrimary('3301000001', 500), goodPrimary('3301000001', 500)]));
    expect(r.findings.map((f) => [f.code, f.row, f.params])).toContainEqual(['duplicate-school', 3, { firstRow: 2 }]);
  });

  it('a multi-level school needs a row per level', () => {
    const r = run(
      workbook([
        { ...goodPrimary('3301000001', 500), type: '九年一贯制学校', level: '小学' },
        goodPrimary('3301000002', 600),
      ]),
    );
    expect(r.findings.map((f) => [f.code, f.params])).toContainEqual(['missing-level-row', { level: 'junior' }]);
  });

  it('classes must belong to a known school; class pupils should add up to the school’s (warning)', () => {
    const r = run(
      workbook(
        [goodPrimary('3301000001', 90, { classes: 2 }), goodPrimary('3301000002', 600)],
        [
          { code: '3301000001', grade: '一年级', class: '1班', students: 45 },
          { code: '3301000001', grade: '一年级', class: '2班', students: 44 },
          { code: '3309999999', grade: '一年级', class: '1班', students: 40 },
        ],
      ),
    );
    expect(codes(r)).toContainEqual(['unknown-school', 'error', '班级', 4, 'A']);
    expect(r.findings.find((f) => f.code === 'class-students-mismatch')).toMatchObject({
      severity: 'warning',
      sheet: '学校',
      row: 2,
      params: { sum: 89 },
    });
  });

  it('warns of implausible magnitudes (a unit mistake), without failing the data', () => {
    const r = run(
      workbook([goodPrimary('3301000001', 500, { teaching_area: 500 * 250 }), goodPrimary('3301000002', 600)]),
    );
    expect(r.findings.filter((f) => f.code !== 'not-assessed').map((f) => [f.code, f.severity])).toEqual([
      ['implausible-value', 'warning'],
    ]);
  });

  it('skips blank and 合计 rows and says how many', () => {
    const wb = workbook([goodPrimary('3301000001', 500), goodPrimary('3301000002', 600)]);
    const rows = wb.sheets[0]!.rows;
    rows.push({ row: 4, cells: rows[1]!.cells.map(() => null) });
    rows.push({
      row: 5,
      cells: rows[1]!.cells.map((c, i) => (i === 1 ? '合计' : typeof c === 'number' ? 9999 : null)),
    });
    const r = run(wb);
    expect(r.findings.filter((f) => f.code !== 'not-assessed').map((f) => [f.code, f.params])).toEqual([
      ['rows-skipped', { summary: 1, blank: 1 }],
    ]);
    expect(r.counties[0]!.units).toHaveLength(2);
  });
});

describe('fast path for plain cells', () => {
  it('agrees with the zod schemas on every value it accepts', async () => {
    const fc = (await import('fast-check')).default;
    const { fastCell, count, amount, text } = await import('../src/validate/schemas.js');
    const cell = fc.oneof(
      fc.integer({ min: -1000, max: 1e9 }),
      fc.double({ noNaN: false }),
      fc.constantFrom('', ' ', '12', '012', '1.5', '-3', '1e3', '３００', '1,234', '三百', '12.', '.5', '0'),
      fc.stringMatching(/^[0-9.\-e]{0,8}$/),
      fc.string(),
    );
    fc.assert(
      fc.property(cell, (v) => {
        for (const schema of [count, amount, text]) {
          const fast = fastCell(schema, v);
          if (!fast) continue;
          const slow = schema.safeParse(v);
          if (!slow.success || !Object.is(slow.data, fast.value)) return false;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});
