import { describe, it, expect } from 'vitest';
import { parseItemValue, itemMatcher } from '../src/validate/county.js';
import { judgeItem } from '../src/judge/parts.js';
import { builtInProfile } from '../src/profiles/index.js';
import type { RawWorkbook, Cell } from '../src/read/index.js';
import { workbook, goodPrimary, run } from './helpers.js';

const quality = builtInProfile('quality-2017');
const item = (id: string) => quality.countyItems.find((i) => i.id === id)!;

describe('county item values', () => {
  it('reads percentages written as text, as numbers over 1, and as Excel fractions', () => {
    expect(parseItemValue(item('junior_retention'), '96.5%')).toBeCloseTo(0.965, 12);
    expect(parseItemValue(item('junior_retention'), 96.5)).toBeCloseTo(0.965, 12);
    expect(parseItemValue(item('junior_retention'), 0.965)).toBe(0.965);
    expect(parseItemValue(item('junior_retention'), '９６．５％')).toBeCloseTo(0.965, 12);
  });
  it('reads 是/否, levels Ⅰ–Ⅳ and money', () => {
    expect(parseItemValue(item('curriculum'), '是')).toBe(true);
    expect(parseItemValue(item('curriculum'), '否')).toBe(false);
    expect(parseItemValue(item('curriculum'), '96%')).toBeUndefined();
    expect(parseItemValue(item('monitoring_level'), 'Ⅲ')).toBe(3);
    expect(parseItemValue(item('monitoring_level'), 'III级')).toBe(3);
    expect(parseItemValue(item('monitoring_level'), '水平Ⅳ')).toBe(4);
    expect(parseItemValue(item('special_ed_funding'), '6,500')).toBe(6500);
    expect(parseItemValue(item('social_recognition'), '很高')).toBeUndefined();
  });
  it('judges thresholds with their boundaries: ≥ 85 % passes at 85 %, the difference rate must stay below 0.15', () => {
    expect(judgeItem(item('social_recognition'), 0.85)).toBe(true);
    expect(judgeItem(item('social_recognition'), 0.8499)).toBe(false);
    expect(judgeItem(item('monitoring_difference'), 0.1499)).toBe(true);
    expect(judgeItem(item('monitoring_difference'), 0.15)).toBe(false);
    expect(judgeItem(item('monitoring_level'), 3)).toBe(true);
    expect(judgeItem(item('monitoring_level'), 2)).toBe(false);
  });
  it('matches item names loosely (spaces, punctuation, aliases)', () => {
    const match = itemMatcher(quality);
    expect(match('社会 认可度')!.id).toBe('social_recognition');
    expect(match('初中巩固率')!.id).toBe('junior_retention');
    expect(match('social_recognition')!.id).toBe('social_recognition');
    expect(match('学校规模')).toBeUndefined(); // computed from school data, not entered
  });
});

function withCountySheet(rows: Cell[][], name = '县域指标'): RawWorkbook {
  const wb = workbook([goodPrimary('3301000001', 800), goodPrimary('3301000002', 700)]);
  wb.sheets.push({ name, colOffset: 0, rows: rows.map((cells, i) => ({ row: i + 1, cells })) });
  return wb;
}
const allPassing = (): Cell[][] =>
  quality.countyItems
    .filter((i) => i.kind !== 'computed')
    .map((i) => [
      i.name.zh,
      i.kind === 'yes'
        ? '是'
        : i.unit === 'level'
          ? 'Ⅳ'
          : i.kind === 'below'
            ? 0.1
            : i.unit === 'percent'
              ? '100%'
              : 10000,
    ]);

describe('sheet 县域指标 and the four parts', () => {
  it('judges every part when the sheet is complete', () => {
    const { counties, findings } = run(withCountySheet([['指标', '值'], ...allPassing()]));
    // Only the evidence warning: class size has no class sheet here (issue 9).
    expect(findings.filter((f) => f.severity !== 'info').map((f) => [f.code, f.params])).toEqual([
      ['not-assessed', { checks: 'class-size', parts: '' }],
    ]);
    const parts = counties[0]!.parts!;
    expect(parts.map((p) => [p.id, p.assessed])).toEqual([
      ['resources', 'full'],
      ['government', 'partial'], // class size needs a class sheet
      ['quality', 'full'],
      ['recognition', 'full'],
    ]);
    expect(parts.find((p) => p.id === 'government')!.items.find((i) => i.id === 'class_size')).toMatchObject({
      pass: null,
      reason: 'no-class-data',
    });
  });

  it('fails the county when social recognition is under 85 % (a veto item)', () => {
    const rows = allPassing().map((r) => (r[0] === '社会认可度' ? ['社会认可度', '84.9%'] : r));
    const county = run(withCountySheet([['指标', '值'], ...rows])).counties[0]!;
    expect(county.parts!.find((p) => p.id === 'recognition')).toMatchObject({ pass: false });
    expect(county.verdict).toBe('fail');
  });

  it('reads the wide form (one column per item, one row per county) the same as the long form', () => {
    const long = run(withCountySheet([['指标', '值'], ...allPassing()])).counties[0]!.parts;
    const items = allPassing();
    const wide = run(
      withCountySheet([
        ['县区', ...items.map((r) => r[0]!)],
        ['测试县', ...items.map((r) => r[1]!)],
      ]),
    ).counties[0]!.parts;
    expect(wide).toEqual(long);
  });

  it('says which items are missing, and leaves them not assessed', () => {
    const { counties, findings } = run(
      withCountySheet([
        ['指标', '值'],
        ['社会认可度', '90%'],
        ['未知指标', '1'],
      ]),
    );
    expect(findings.map((f) => f.code).sort()).toEqual(['county-items-missing', 'not-assessed', 'unknown-county-item']);
    expect(counties[0]!.parts!.find((p) => p.id === 'quality')).toMatchObject({ pass: null, assessed: 'none' });
    expect(counties[0]!.parts!.find((p) => p.id === 'recognition')).toMatchObject({ pass: true });
  });

  it('locates an unreadable value', () => {
    const { findings } = run(
      withCountySheet([
        ['指标', '值'],
        ['社会认可度', '很高'],
      ]),
    );
    expect(findings.find((f) => f.code === 'invalid-item-value')).toMatchObject({
      severity: 'error',
      sheet: '县域指标',
      row: 2,
      column: 'B',
      value: '很高',
    });
  });

  it('without the sheet, the three county parts are not assessed', () => {
    const parts = run(workbook([goodPrimary('3301000001', 800), goodPrimary('3301000002', 700)])).counties[0]!.parts!;
    expect(parts.find((p) => p.id === 'quality')).toMatchObject({ pass: null, assessed: 'none' });
    expect(parts.find((p) => p.id === 'recognition')!.items[0]).toMatchObject({ reason: 'no-county-sheet' });
  });
});
