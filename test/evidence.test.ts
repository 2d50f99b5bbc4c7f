// issue 9 (evidence), the pure parts: the evidence rule in judge, coverage, the data checks of map and
// validate, findings collected without spreading, --max-warnings. The built CLI is in e2e/evidence.test.ts.
import { describe, it, expect } from 'vitest';
import type { Cell, RawWorkbook } from '../src/read/index.js';
import { workbook, goodPrimary, run } from './helpers.js';
import { append, maxOf } from '../src/group.js';
import { classCounts } from '../src/compute/index.js';
import { builtInProfile } from '../src/profiles/index.js';
import { PLAUSIBLE } from '../src/validate/plausible.js';
import { FACILITY_KEYS } from '../src/quantities.js';
import { applyMaxWarnings, localise } from '../src/assess.js';
import { FINDINGS, labelOf } from '../src/i18n/messages.js';
import type { Report } from '../src/report/schema.js';

const quality = builtInProfile('quality-2017');
const three = () => [goodPrimary('3301000001', 800), goodPrimary('3301000002', 600), goodPrimary('3301000003', 400)];
const classes = (code: string, n: number, size = 40) =>
  Array.from({ length: n }, (_, i) => ({ code, grade: '一年级', class: `${i + 1}班`, students: size }));

describe('evidence rule (judge)', () => {
  it('a class sheet without rows: class size null (no-class-data), county classSize not assessed', () => {
    const { counties } = run(workbook(three(), []));
    expect(counties[0]!.checks.find((c) => c.id === 'class-size')).toMatchObject({
      pass: null,
      reason: 'no-class-data',
      assessed: 'none',
    });
    expect(counties[0]!.classSize.assessed).toBe(false);
  });

  it('classes for some schools: pass for what was assessed, partial, the others listed; a warning finding', () => {
    const { counties, findings } = run(workbook(three(), classes('3301000001', 20, 50)));
    const check = counties[0]!.checks.find((c) => c.id === 'class-size')!;
    expect(check).toMatchObject({
      pass: false,
      assessed: 'partial',
      coverage: { assessed: 1, total: 3, unit: 'units' },
    });
    expect(check.coverage!.missing).toEqual([
      { code: '3301000002', name: '学校3301000002', level: 'primary' },
      { code: '3301000003', name: '学校3301000003', level: 'primary' },
    ]);
    expect(findings.find((f) => f.code === 'partial-coverage')).toMatchObject({
      severity: 'warning',
      value: '测试县',
      params: {
        check: 'class-size',
        what: 'units',
        assessed: 1,
        total: 3,
        count: 2,
        names: '学校3301000002\n学校3301000003',
      },
    });
  });

  it('full class coverage: assessed full, no coverage field, no partial warning', () => {
    const { counties, findings } = run(
      workbook(three(), [...classes('3301000001', 20), ...classes('3301000002', 15), ...classes('3301000003', 10)]),
    );
    const check = counties[0]!.checks.find((c) => c.id === 'class-size')!;
    expect(check).toMatchObject({ pass: true, assessed: 'full' });
    expect(check.coverage).toBeUndefined();
    expect(findings.some((f) => f.code === 'partial-coverage')).toBe(false);
  });

  it('music/art rooms given for some schools only: partial (schools)', () => {
    const rows = three();
    delete rows[2]!.music_rooms;
    delete rows[2]!.art_rooms;
    const { counties } = run(workbook(rows));
    expect(counties[0]!.checks.find((c) => c.id === 'special-rooms')).toMatchObject({
      pass: true,
      assessed: 'partial',
      coverage: { assessed: 2, total: 3, unit: 'schools', missing: [{ code: '3301000003', name: '学校3301000003' }] },
    });
  });

  it('every school out of scope: verdict incomplete with reason nothing-assessed and an error finding, never pass', () => {
    const { counties, findings } = run(
      workbook([{ ...goodPrimary('3301000001', 30, { teachers: 6 }), type: '教学点' }]),
    );
    expect(counties[0]).toMatchObject({ verdict: 'incomplete', reason: 'nothing-assessed' });
    expect(counties[0]!.checks.every((c) => c.pass === null)).toBe(true);
    expect(findings.find((f) => f.code === 'nothing-assessed')).toMatchObject({
      severity: 'error',
      value: '测试县',
      params: { excluded: 1 },
    });
  });

  it('binding checks or parts without data: one not-assessed warning naming them', () => {
    const { findings } = run(workbook(three()));
    expect(findings.filter((f) => f.code === 'not-assessed').map((f) => [f.severity, f.params])).toEqual([
      ['warning', { checks: 'class-size', parts: 'quality,recognition' }],
    ]);
    const zh = localise(findings.find((f) => f.code === 'not-assessed')!, 'zh');
    expect(zh.message).toBe('县区「测试县」以下部分未评估（缺少数据）：班额，教育质量，社会认可度');
    expect(localise(findings.find((f) => f.code === 'not-assessed')!, 'en').message).toBe(
      'County "测试县": not assessed for lack of data: Class size, Education quality, Public recognition',
    );
  });

  it('a 县域指标 sheet of item names without values counts as no county sheet (the template’s)', () => {
    const wb = workbook(three());
    wb.sheets.push({
      name: '县域指标',
      colOffset: 0,
      rows: [
        { row: 1, cells: ['指标', '值'] },
        ...quality.countyItems
          .filter((i) => i.kind !== 'computed')
          .map((i, k) => ({ row: k + 2, cells: [i.name.zh, null] as Cell[] })),
      ],
    });
    const { counties, findings } = run(wb);
    expect(counties[0]!.parts!.find((p) => p.id === 'quality')!.items[0]).toMatchObject({ reason: 'no-county-sheet' });
    expect(findings.some((f) => f.code === 'county-items-missing')).toBe(false);
  });
});

describe('class counts with band columns', () => {
  it('classes are the school’s 班级数 when bands are given, so shares are of all classes', () => {
    const c = classCounts(
      [],
      [
        { lo: 46, hi: 55, count: 2 },
        { lo: 66, hi: null, count: 1 },
      ],
      45,
      quality,
      30,
    );
    expect(c).toMatchObject({ classes: 30, overLimit: 3, superLarge: 1 });
    // Without 班级数 the banded classes are all that is known.
    expect(classCounts([], [{ lo: 46, hi: 55, count: 2 }], 45, quality).classes).toBe(2);
    // Class rows: 班级数 does not replace the counted classes.
    expect(classCounts([40, 50], [], 45, quality, 30).classes).toBe(2);
  });
});

describe('data checks', () => {
  const withExtraColumn = (header: string, values: (i: number, row: Cell[]) => Cell): RawWorkbook => {
    const wb = workbook(three());
    const rows = wb.sheets[0]!.rows;
    rows[0]!.cells.push(header);
    for (let i = 1; i < rows.length; i++) rows[i]!.cells.push(values(i, rows[i]!.cells));
    return wb;
  };
  const studentsAt = (cells: Cell[]) => cells[3]!;

  it('a duplicate column with different values: an error at the first differing row, naming both columns', () => {
    const { findings } = run(withExtraColumn('在校生数', (i, cells) => (i === 3 ? 401 : studentsAt(cells))));
    expect(findings.filter((f) => f.code.startsWith('duplicate-column'))).toEqual([
      expect.objectContaining({
        code: 'duplicate-column-conflict',
        severity: 'error',
        row: 4,
        header: '在校生数',
        value: 401,
        params: expect.objectContaining({
          key: 'students',
          firstColumn: 'D',
          firstValue: '400',
          secondValue: '401',
          count: 1,
        }),
      }),
    ]);
  });

  it('a duplicate column with equal values (also "300" against 300, 2 万元 against 20000 元): a warning only', () => {
    expect(
      run(withExtraColumn('在校生数', (_i, cells) => String(studentsAt(cells))))
        .findings.filter((f) => f.code.startsWith('duplicate-column'))
        .map((f) => f.severity),
    ).toEqual(['warning']);
    const wb = withExtraColumn('教学仪器设备值(万元)', (_i, cells) => Number(cells[cells.length - 1 - 0] ?? 0));
    // Rebuild the second column from the first in 万元.
    const rows = wb.sheets[0]!.rows;
    const eq = rows[0]!.cells.indexOf('教学仪器设备值');
    for (let i = 1; i < rows.length; i++)
      rows[i]!.cells[rows[i]!.cells.length - 1] = (rows[i]!.cells[eq] as number) / 10000;
    expect(
      run(wb)
        .findings.filter((f) => f.code.startsWith('duplicate-column'))
        .map((f) => f.severity),
    ).toEqual(['warning']);
  });

  it('a blank value against a filled one is a conflict', () => {
    const { findings } = run(withExtraColumn('在校生数', (i, cells) => (i === 1 ? null : studentsAt(cells))));
    expect(findings.find((f) => f.code === 'duplicate-column-conflict')).toMatchObject({
      row: 2,
      params: expect.objectContaining({ secondValue: '∅' }),
    });
  });

  it('a required column present and blank: one blank-column error, besides the per-row findings', () => {
    const rows = three().map((r) => ({ ...r, sports_area: null }));
    const { findings } = run(workbook(rows));
    expect(findings.filter((f) => f.code === 'blank-column')).toEqual([
      expect.objectContaining({
        severity: 'error',
        row: 1,
        header: '体育运动场馆面积',
        params: { rows: 3, standard: 'quality-2017' },
      }),
    ]);
  });

  it('an alternative with data is enough (体育艺术 in one column, the three columns blank)', () => {
    const rows = three().map((r) => ({
      ...r,
      pe_teachers: null,
      music_teachers: null,
      art_teachers: null,
      pe_art_teachers: 10,
    }));
    expect(run(workbook(rows)).findings.filter((f) => f.code === 'blank-column')).toEqual([]);
  });

  it('a schools table without school rows: no-schools, located at the header', () => {
    const wb = workbook(three());
    wb.sheets[0]!.rows.splice(1);
    const { findings, counties } = run(wb);
    expect(counties).toEqual([]);
    expect(findings).toEqual([
      expect.objectContaining({
        code: 'no-schools',
        severity: 'error',
        sheet: '学校',
        row: 1,
        params: { blank: 0, summary: 0 },
      }),
    ]);
  });

  it('implausible magnitudes come from one table, low and high, each with the likely slip', () => {
    for (const key of Object.keys(PLAUSIBLE)) expect(FACILITY_KEYS).toContain(key);
    for (const r of Object.values(PLAUSIBLE)) {
      for (const slip of [r!.low, r!.high])
        if (slip) expect(labelOf('zh', 'slip.', slip) && labelOf('en', 'slip.', slip)).toBeTruthy();
    }
    const { findings } = run(
      workbook([
        goodPrimary('3301000001', 1000, { equipment_value: 250, teaching_area: 45 }),
        goodPrimary('3301000002', 500),
      ]),
    );
    expect(findings.filter((f) => f.code === 'implausible-value').map((f) => [f.header, f.params])).toEqual([
      ['教学及辅助用房面积', { perPupil: 0.045, bound: 'min', limit: 0.1, slip: 'mu-as-m2' }],
      ['教学仪器设备值', { perPupil: 0.25, bound: 'min', limit: 10, slip: 'wan-yuan-as-yuan' }],
    ]);
    // A 0 is a missing figure, not a unit slip.
    expect(
      run(
        workbook([goodPrimary('3301000001', 1000, { equipment_value: 0 }), goodPrimary('3301000002', 500)]),
      ).findings.some((f) => f.code === 'implausible-value'),
    ).toBe(false);
  });

  it('9-digit codes are flagged, 10-digit ones are not', () => {
    const { findings } = run(workbook([goodPrimary('301000001', 800), goodPrimary('3301000002', 600)]));
    expect(findings.filter((f) => f.code === 'code-leading-zero')).toEqual([
      expect.objectContaining({ severity: 'warning', row: 2, column: 'A', value: '301000001' }),
    ]);
  });
});

describe('findings without spreading', () => {
  it('append and maxOf handle a million items', () => {
    const big = Array.from({ length: 1_000_000 }, (_, i) => i);
    expect(append([] as number[], big)).toHaveLength(1_000_000);
    expect(maxOf(big, 0)).toBe(999_999);
    expect(maxOf([], 7)).toBe(7);
  });

  it('plain type errors take the fast path and agree with the schemas', async () => {
    const fc = (await import('fast-check')).default;
    const { fastIssue, count, amount, text } = await import('../src/validate/schemas.js');
    const cell = fc.oneof(
      fc.constantFrom('', ' ', '12', 'abc', '三百', '1,234', '1e3', '-3', '.5', true, false, null),
      fc.string(),
      fc.double(),
    );
    fc.assert(
      fc.property(cell, (v) => {
        for (const schema of [count, amount, text]) {
          const quick = fastIssue(schema, v);
          if (!quick) continue;
          const slow = schema.safeParse(v);
          if (slow.success || slow.error.issues[0]?.message !== quick) return false;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('--max-warnings', () => {
  const report = (exitCode: number, warnings: number): Report =>
    ({
      exitCode,
      verdict: 'pass',
      findings: Array.from({ length: warnings }, () => ({ code: 'w', severity: 'warning', message: '' })),
    }) as unknown as Report;
  it('turns exit 0 into 1 past the limit, leaves 1, 2, 3 as they are', () => {
    const a = report(0, 2);
    applyMaxWarnings(a, 1);
    expect(a).toMatchObject({ exitCode: 1, verdict: 'fail', maxWarnings: { limit: 1, warnings: 2, exceeded: true } });
    const b = report(0, 1);
    applyMaxWarnings(b, 1);
    expect(b).toMatchObject({ exitCode: 0, maxWarnings: { exceeded: false } });
    const c = report(2, 5);
    applyMaxWarnings(c, 0);
    expect(c.exitCode).toBe(2);
  });
});

describe('messages', () => {
  it('every new finding code has zh and en words', () => {
    for (const code of [
      'no-schools',
      'nothing-assessed',
      'no-assessment',
      'partial-coverage',
      'not-assessed',
      'duplicate-column-conflict',
      'blank-column',
      'code-leading-zero',
      'template-example-rows',
    ] as const) {
      expect(FINDINGS.zh[code], code).toBeTruthy();
      expect(FINDINGS.en[code], code).toBeTruthy();
      expect(FINDINGS.en[code], code).not.toMatch(/[\u4e00-\u9fff]{3,}/); // no Chinese sentence in English
    }
  });
});

describe('a blank 县区 in a table that names counties', () => {
  it('is a located missing-value error, not a second county named after the file', () => {
    const rows = three().map((r) => ({ county: '桃源县', ...r }));
    rows[1]!.county = null as unknown as string;
    const { findings } = run(workbook(rows));
    expect(findings.filter((f) => f.code === 'missing-value')).toEqual([
      expect.objectContaining({ severity: 'error', sheet: '学校', row: 3, column: 'A', header: '县区' }),
    ]);
    // A table without a 县区 column names no county: no such error.
    expect(run(workbook(three())).findings.some((f) => f.code === 'missing-value')).toBe(false);
  });
});

describe('a cell of spaces is empty, never "already reported"', () => {
  // Found by the property test: " " in 高于规定学历教师数 left the school unjudged without a finding, and the county passed.
  for (const blank of [' ', '\u3000', ' \t ']) {
    it(`${JSON.stringify(blank)} in a column the standard needs: a located missing-value error, the school listed as not judged`, () => {
      const rows = three();
      rows[1]!.qualified_teachers = blank as unknown as number;
      const { counties, findings } = run(
        workbook(rows, [...classes('3301000001', 20), ...classes('3301000002', 15), ...classes('3301000003', 10)]),
      );
      expect(findings.filter((f) => f.code === 'missing-value')).toEqual([
        expect.objectContaining({ severity: 'error', sheet: '学校', row: 3, header: '高于规定学历教师数' }),
      ]);
      expect(counties[0]!.verdict).toBe('incomplete');
      for (const id of ['per-school', 'cv']) {
        expect(counties[0]!.checks.find((c) => c.id === id)).toMatchObject({
          assessed: 'partial',
          coverage: { assessed: 2, total: 3, missing: [{ code: '3301000002' }] },
        });
      }
    });
  }

  it('a class row whose 学生数 or 学校代码 is spaces: a missing-value error, not a silent drop', () => {
    const rows = [
      ...classes('3301000001', 2),
      { code: '3301000001', grade: '一年级', class: '9班', students: ' ' },
      { code: '  ', grade: '一年级', class: '8班', students: 40 },
    ];
    const { findings } = run(workbook(three(), rows as never));
    expect(findings.filter((f) => f.code === 'missing-value').map((f) => [f.sheet, f.row, f.header])).toEqual([
      ['班级', 4, '学生数'],
      ['班级', 5, '学校代码'],
    ]);
  });

  it('a school row whose 学校代码 is spaces: a missing-value error, not a silent drop', () => {
    const rows = three();
    rows[2]!.code = '   ';
    const { findings } = run(workbook(rows));
    expect(findings.filter((f) => f.code === 'missing-value')).toEqual([
      expect.objectContaining({ severity: 'error', sheet: '学校', row: 4, header: '学校代码' }),
    ]);
  });
});
