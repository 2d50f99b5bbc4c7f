// issue 11 (lean core, back half): typed columns in compute, fewer objects per unit, nothing of the rows kept.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { variationCoefficient, weightedCv, type CvInput, type CvResult } from '../src/compute/cv.js';
import { workbook, goodPrimary, run } from './helpers.js';
import { mapWorkbook } from '../src/map/index.js';
import { validate } from '../src/validate/index.js';
import { buildUnits } from '../src/units/index.js';
import { builtInProfile } from '../src/profiles/index.js';

/** The CV as written before the typed-array pass (objects and reduce): the results must be bit-identical. */
function reference(units: readonly CvInput[], weighting: 'enrolment' | 'unweighted' = 'enrolment'): CvResult {
  if (units.length === 0) return { mean: null, sd: null, cv: null, reason: 'no-units' };
  const weights = units.map((u) => (weighting === 'enrolment' ? u.students : 1));
  const total = weights.reduce((a, w) => a + w, 0);
  if (!(total > 0)) return { mean: null, sd: null, cv: null, reason: 'no-students' };
  if (units.some((u) => !Number.isFinite(u.value)) || weights.some((w) => !Number.isFinite(w) || w < 0)) {
    return { mean: null, sd: null, cv: null, reason: 'not-finite' };
  }
  const top = units.reduce((a, u) => Math.max(a, Math.abs(u.value)), 0);
  if (top === 0) return { mean: 0, sd: 0, cv: null, reason: units.length === 1 ? 'single-unit' : 'zero-mean' };
  const y = units.map((u) => u.value / top);
  const meanY = y.reduce((a, v, i) => a + weights[i]! * v, 0) / total;
  const mean = meanY * top;
  if (units.length === 1) return { mean, sd: 0, cv: null, reason: 'single-unit' };
  const varianceY = y.reduce((a, v, i) => a + (weights[i]! / total) * (v - meanY) ** 2, 0);
  const sdY = Math.sqrt(varianceY);
  if (meanY === 0) return { mean, sd: sdY * top, cv: null, reason: 'zero-mean' };
  return { mean, sd: sdY * top, cv: sdY / Math.abs(meanY) };
}

const unit = fc.record({
  value: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(0, 1e-300, 1e300, Number.NaN)),
  students: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.constantFrom(-1, Number.POSITIVE_INFINITY)),
});

describe('the CV over typed columns (compute, issue 11)', () => {
  it('is bit-identical to the object form on random units, weighted and unweighted', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), fc.constantFrom('enrolment', 'unweighted'), (units, w) => {
        const weighting = w as 'enrolment' | 'unweighted';
        const expected = reference(units, weighting);
        expect(variationCoefficient(units, weighting)).toStrictEqual(expected);
        const values = Float64Array.from(units, (u) => u.value);
        const weights = Float64Array.from(units, (u) => (weighting === 'enrolment' ? u.students : 1));
        expect(weightedCv(values, weights, units.length)).toStrictEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('reads only the first n entries of longer scratch columns', () => {
    const values = Float64Array.from([2, 4, 999, Number.NaN]);
    const weights = Float64Array.from([1, 3, 7, -5]);
    expect(weightedCv(values, weights, 2)).toStrictEqual(
      reference([
        { value: 2, students: 1 },
        { value: 4, students: 3 },
      ]),
    );
  });
});

describe('the judged county (issue 11: lean back half)', () => {
  it('lists failing units first, then unjudged, then passing, each in input order', () => {
    const wb = workbook([
      goodPrimary('3301000001', 400),
      goodPrimary('3301000002', 400, { teaching_area: 10 }), // fails
      goodPrimary('3301000003', 400, { equipment_value: null }), // not judged
      goodPrimary('3301000004', 400),
      goodPrimary('3301000005', 400, { teaching_area: 12 }), // fails
    ]);
    const [county] = run(wb).counties;
    expect(county!.units.map((u) => [u.code, u.pass])).toEqual([
      ['3301000002', false],
      ['3301000005', false],
      ['3301000003', null],
      ['3301000001', true],
      ['3301000004', true],
    ]);
  });

  it('units and schools keep where their row is, not the row cells (a national file’s rows are let go)', () => {
    const profile = builtInProfile('quality-2017');
    const wb = workbook([goodPrimary('3301000001', 400), goodPrimary('3301000002', 300)]);
    const set = buildUnits(validate(mapWorkbook(wb).tables, profile), profile, '测试县');
    expect(set.units.map((u) => u.source)).toStrictEqual([
      { file: 'test.xlsx', sheet: '学校', row: 2 },
      { file: 'test.xlsx', sheet: '学校', row: 3 },
    ]);
    expect(set.schools[0]!.source).toStrictEqual({ file: 'test.xlsx', sheet: '学校', row: 2 });
  });

  it('reports what was read per table (rows counted before the rows are let go)', () => {
    const wb = workbook([goodPrimary('3301000001', 400), goodPrimary('3301000002', 300)]);
    const { readings } = run(wb);
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatchObject({ sheet: '学校', table: 'schools', rows: 2 });
  });
});

describe('judged county items (written out without spreads, issue 11)', () => {
  it('keep the v1 field order for computed, missing and given items', async () => {
    const { judgeParts } = await import('../src/judge/parts.js');
    const profile = builtInProfile('quality-2017');
    const sheetItem = profile.countyItems.find((i) => i.kind !== 'computed')!;
    const computed = profile.countyItems.find((i) => i.kind === 'computed')!;
    const check = {
      id: computed.check!,
      pass: null,
      binding: true,
      reason: 'no-units',
      failures: [],
      assessed: 'none',
    };
    const given = {
      itemId: sheetItem.id,
      value: true,
      source: { file: 'f', sheet: 's', row: 2, columns: {}, raw: {} },
    };
    const items = (values: Parameters<typeof judgeParts>[2], checks: Parameters<typeof judgeParts>[1]) =>
      judgeParts(profile, checks, values)!.flatMap((p) => p.items);
    const keys = (list: ReturnType<typeof items>, id: string) => Object.keys(list.find((i) => i.id === id)!);
    const base = ['id', 'kind', 'threshold', 'unit', 'value', 'source'];
    expect(keys(items(null, [check as never]), computed.id)).toEqual([...base, 'check', 'pass', 'reason']);
    expect(keys(items(null, []), computed.id)).toEqual([...base, 'check', 'pass', 'reason']);
    expect(items(null, []).find((i) => i.id === computed.id)!.reason).toBe('no-check');
    const passed = { ...check, pass: true, reason: undefined };
    expect(JSON.stringify(items(null, [passed as never]).find((i) => i.id === computed.id))).toBe(
      JSON.stringify({
        id: computed.id,
        kind: 'computed',
        threshold: computed.threshold,
        unit: computed.unit,
        value: null,
        source: 'computed',
        check: computed.check,
        pass: true,
      }),
    );
    expect(keys(items(null, []), sheetItem.id)).toEqual([...base, 'pass', 'reason']);
    expect(items(null, []).find((i) => i.id === sheetItem.id)!.reason).toBe('no-county-sheet');
    expect(items([], []).find((i) => i.id === sheetItem.id)!.reason).toBe('not-given');
    expect(keys(items([given as never], []), sheetItem.id)).toEqual([...base, 'pass']);
  });
});
