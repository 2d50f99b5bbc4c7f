import { describe, it, expect } from 'vitest';
import { judgeLevel } from '../src/judge/index.js';
import { builtInProfile, BUILT_IN } from '../src/profiles/index.js';
import { profileFrom } from '../src/profiles/load.js';
import { renderExplain } from '../src/render/standards.js';
import type { LevelFigures } from '../src/compute/index.js';
import type { FatalError } from '../src/findings.js';
import { workbook, goodPrimary, run } from './helpers.js';

const basic = builtInProfile('basic-2012');

/** A level whose indicators have the given CVs (the rest of the figures do not matter to the composite). */
function levelWithCvs(cvs: number[], level: 'primary' | 'junior' = 'primary'): LevelFigures {
  return {
    level,
    units: [{} as never, {} as never],
    students: 1000,
    indicators: basic.indicators.map((def, i) => ({ def, cv: { mean: 1, sd: cvs[i]!, cv: cvs[i]! }, units: 2 })),
    staffing: { students: 1000, teachers: 60, ratio: 1000 / 60, norm: 19, shortfall: 0 },
    classSize: null,
  };
}

describe('basic-2012 composite (docs/rules.md §4)', () => {
  it('reproduces the published composite 0.592 from 8 CVs and passes against 0.65', () => {
    const level = judgeLevel(levelWithCvs([0.881, 1.299, 0.977, 0.379, 0.17, 0.334, 0.286, 0.408]), basic);
    expect(level.composite!.cv).toBeCloseTo(0.592, 3);
    expect(level.composite).toMatchObject({ limit: 0.65, pass: true });
    expect(level.pass).toBe(true);
  });

  it('reports single CVs above 0.65 without judging them', () => {
    const level = judgeLevel(levelWithCvs([0.881, 1.299, 0.977, 0.379, 0.17, 0.334, 0.286, 0.408]), basic);
    expect(level.indicators.filter((i) => i.cv! > 0.65)).toHaveLength(3);
    expect(level.indicators.every((i) => i.pass === null && i.cvLimit === null)).toBe(true);
  });

  it('judges junior against 0.55 and a composite at the limit passes', () => {
    expect(judgeLevel(levelWithCvs(Array(8).fill(0.55), 'junior'), basic).composite).toMatchObject({
      limit: 0.55,
      pass: true,
    });
    expect(judgeLevel(levelWithCvs(Array(8).fill(0.5501), 'junior'), basic).composite).toMatchObject({ pass: false });
  });

  it('uses its own scope: private, teaching points, special-education, vocational, city- or province-run schools out', () => {
    const wb = workbook([
      { ...goodPrimary('3301000001', 800), titled_teachers: 20, computers: 80, books: 20000 },
      { ...goodPrimary('3301000002', 700), titled_teachers: 20, computers: 80, books: 20000, ownership: '民办' },
      { ...goodPrimary('3301000003', 90), titled_teachers: 2, computers: 8, books: 2000, type: '教学点' },
      { ...goodPrimary('3301000004', 900), titled_teachers: 20, computers: 80, books: 20000, affiliation: '市属' },
    ]);
    const county = run(wb, basic).counties[0]!;
    expect(county.excluded.map((e) => e.reason)).toEqual(['private', 'teaching-point', 'city-or-province']);
    expect(county.units.map((u) => u.code)).toEqual(['3301000001']);
  });
});

describe('CV rounding as a profile setting', () => {
  it('judges the printed value when a province rounds to 3 decimals', () => {
    const quality = builtInProfile('quality-2017');
    const rounded = profileFrom({ extends: 'quality-2017', cv: { rounding: 3 } }, 'test.json');
    const cvs = [0.5004, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
    const figures: LevelFigures = {
      ...levelWithCvs(cvs),
      indicators: quality.indicators.map((def, i) => ({ def, cv: { mean: 1, sd: cvs[i]!, cv: cvs[i]! }, units: 2 })),
    };
    expect(judgeLevel(figures, quality).indicators[0]!.pass).toBe(false);
    expect(judgeLevel(figures, rounded).indicators[0]!.pass).toBe(true);
  });
});

describe('profile files', () => {
  it('override only what they name and keep the rest of the base', () => {
    const p = profileFrom(
      {
        extends: 'quality-2017',
        classSize: { limits: { primary: 40 } },
        indicators: { teaching_area_per_pupil: { standard: { primary: 5 } } },
      },
      'p.json',
    );
    expect(p.classSize.limits).toEqual({ primary: 40, junior: 50 });
    expect(p.indicators.find((i) => i.id === 'teaching_area_per_pupil')!.standard).toEqual({ primary: 5, junior: 5.8 });
    expect(p.indicators).toHaveLength(7);
    expect(p.cv.limits).toEqual(BUILT_IN['quality-2017']!.cv.limits);
  });

  it('name the bad key of an invalid profile', () => {
    const key = (json: unknown) => {
      try {
        profileFrom(json, 'p.json');
      } catch (e) {
        return (e as FatalError).params.key;
      }
      return undefined;
    };
    expect(key({ classSize: { limitz: {} } })).toBe('classSize.limitz');
    expect(key({ classSize: { limits: { primary: 'forty' } } })).toBe('classSize.limits.primary');
    expect(key({ indicators: { books_per_pupil: {} } })).toBe('indicators.books_per_pupil');
    expect(key({ indicators: { teaching_area_per_pupil: { per: 0 } } })).toBe('indicators.teaching_area_per_pupil.per');
    expect(key({ extends: 'nope' })).toBe('extends');
    expect(key({ countyItems: { social_recognition: { threshold: 'high' } } })).toBe(
      'countyItems.social_recognition.threshold',
    );
  });
});

describe('explain', () => {
  it('explains every indicator of both standards, in Chinese and English', () => {
    const profiles = Object.values(BUILT_IN);
    const ids = new Set(profiles.flatMap((p) => p.indicators.map((i) => i.id)));
    expect(ids.size).toBe(12);
    for (const id of ids) {
      const zh = renderExplain(id, profiles, 'zh')!;
      const en = renderExplain(id, profiles, 'en')!;
      const def = profiles.flatMap((p) => p.indicators).find((i) => i.id === id)!;
      expect(zh).toContain(def.name.zh);
      expect(zh).toContain('依据');
      expect(en).toContain(def.name.en);
      expect(en).toContain('Definition');
    }
    expect(renderExplain('nope', profiles, 'zh')).toBeNull();
  });

  it('prints per-level thresholds and floors for quality-2017', () => {
    const text = renderExplain('sports_area_per_pupil', Object.values(BUILT_IN), 'zh')!;
    expect(text).toContain('7.5');
    expect(text).toContain('6.375');
    expect(text).toContain('10.2');
    expect(text).toContain('教督〔2017〕6号');
  });
});
