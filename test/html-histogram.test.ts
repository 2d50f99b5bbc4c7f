// Issue 13 (html): the class-size histogram a level carries in the report (levels[].classSize.histogram),
// drawn by the html report. Bins of exact sizes come from the class tallies; size bands stay as given.
import { describe, expect, it } from 'vitest';
import { assess } from '../src/index.js';
import { classHistogram } from '../src/compute/index.js';
import { builtInProfile } from '../src/profiles/index.js';
import type { Unit } from '../src/units/index.js';
import { classCuts, HISTOGRAM_EDGES, tallyOf } from '../src/validate/classes.js';

const quality = builtInProfile('quality-2017');
const unit = (sizes: number[] | null, bands: Unit['classBands'] = []) =>
  ({ classSizes: sizes ? tallyOf(sizes, classCuts(quality)) : undefined, classBands: bands }) as unknown as Unit;

describe('classHistogram', () => {
  it('counts each class in the 5-pupil bin it falls in, the open ends included', () => {
    const sizes = [1, 25, 26, 30, 45, 46, 55, 56, 65, 66, 70, 71, 120];
    const bins = classHistogram([unit(sizes)])!;
    expect(bins.map((b) => [b.min, b.max])).toEqual([
      [1, 25],
      ...HISTOGRAM_EDGES.slice(1).map((e) => [e - 4, e]),
      [71, null],
    ]);
    const at = (min: number) => bins.find((b) => b.min === min)!.classes;
    expect([at(1), at(26), at(41), at(46), at(51), at(56), at(61), at(66), at(71)]).toEqual([
      2, 2, 1, 1, 1, 1, 1, 2, 2,
    ]);
    expect(bins.reduce((a, b) => a + b.classes, 0)).toBe(sizes.length);
  });

  it('adds up the units of a level; size bands are bins of their own; no class data: none', () => {
    const bins = classHistogram([
      unit([40, 44]),
      unit([44, 58]),
      unit(null, [
        { lo: 56, hi: 65, count: 3 },
        { lo: 66, hi: null, count: 1 },
        { lo: 46, hi: 55, count: 0 },
      ]),
    ])!;
    const nonEmpty = bins.filter((b) => b.classes > 0).map((b) => [b.min, b.max, b.classes]);
    expect(nonEmpty).toEqual([
      [36, 40, 1],
      [41, 45, 2],
      [56, 60, 1],
      [56, 65, 3],
      [66, null, 1],
    ]);
    expect(classHistogram([unit(null), unit([])])).toBeUndefined();
  });

  it('a profile’s limits are bin edges, so the limit mark falls between bins (Jiangsu-like 42)', () => {
    const profile = { ...quality, classSize: { ...quality.classSize, limits: { primary: 42, junior: 47 } } };
    const t = tallyOf([41, 42, 43, 47, 48], classCuts(profile));
    const bins = classHistogram([{ classSizes: t, classBands: [] } as unknown as Unit])!;
    expect(bins.filter((b) => b.classes > 0).map((b) => [b.min, b.max, b.classes])).toEqual([
      [41, 42, 2],
      [43, 45, 1],
      [46, 47, 1],
      [48, 50, 1],
    ]);
  });

  it('the demo report: every level with classes has a histogram summing to its classes', async () => {
    const report = await assess(['fixtures/demo-county.xlsx']);
    const levels = report.counties.flatMap((c) => c.levels).filter((l) => l.classSize);
    expect(levels.length).toBeGreaterThan(0);
    for (const l of levels) {
      const h = l.classSize!.histogram!;
      expect(h.reduce((a, b) => a + b.classes, 0)).toBe(l.classSize!.classes);
      expect(Object.keys(l.classSize!)).toEqual([
        'classes',
        'overLimit',
        'large',
        'superLarge',
        'uncertain',
        'limit',
        'histogram',
      ]);
    }
    // Units carry no histogram (the report stays the size it was, school by school).
    expect(report.counties[0]!.units.some((u) => u.classSize && 'histogram' in u.classSize)).toBe(false);
  });
});
