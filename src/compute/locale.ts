// issue 14 (城乡): per level, each indicator's mean in 城区 / 镇区 / 乡村 (enrolment-weighted like the county's),
// the CV within each group (the county CV's formula, over the group's units) and the rural-to-urban ratio of
// the means. Pure and language-free; information only, nothing here is judged. Used by the assessment report
// (levels[].locales) and by plan (localeGaps).
import { LEVELS, type Level } from '../domain.js';
import type { Profile } from '../profiles/schema.js';
import type { Unit } from '../units/index.js';
import { weightedCv } from './cv.js';
import { indicatorValue } from './value.js';

export const LOCALES = ['urban', 'town', 'rural'] as const;
export type LocaleId = (typeof LOCALES)[number];

export interface LocaleGroup {
  /** Units of the group with a value of this indicator (the CV is over them). */
  units: number;
  mean: number | null;
  cv: number | null;
}
export interface LocaleIndicator {
  id: string;
  groups: Record<LocaleId, LocaleGroup>;
  /** 乡村 mean ÷ 城区 mean; null without both (or with a 城区 mean of 0). */
  ruralToUrban: number | null;
}
/** One level's 城乡 figures; `units` counts the level's units per group, `unknown` those without a 城乡 value. */
export interface LocaleFigures {
  units: Record<LocaleId | 'unknown', number>;
  indicators: LocaleIndicator[];
}
/** plan's shape: the level and its indicators. */
export interface LocaleLevel {
  level: Level;
  indicators: LocaleIndicator[];
}

const isLocale = (v: string | undefined): v is LocaleId => v === 'urban' || v === 'town' || v === 'rural';

/**
 * The 城乡 figures of one level's units. `value(n, i)`: unit n's value of indicator i (compute passes its own
 * array, so nothing is computed twice); by default computed from the unit.
 */
export function localeFigures(
  units: readonly Unit[],
  profile: Profile,
  value: (n: number, i: number) => number | null = (n, i) => indicatorValue(units[n]!, profile.indicators[i]!),
): LocaleFigures {
  const count: Record<LocaleId | 'unknown', number> = { urban: 0, town: 0, rural: 0, unknown: 0 };
  for (const u of units) count[isLocale(u.locale) ? u.locale : 'unknown']++;
  const enrolment = profile.cv.weighting !== 'unweighted';
  const values = new Float64Array(units.length);
  const weights = new Float64Array(units.length);
  const indicators = profile.indicators.map((def, i): LocaleIndicator => {
    const group = (locale: LocaleId): LocaleGroup => {
      let m = 0;
      for (let n = 0; n < units.length; n++) {
        const u = units[n]!;
        if (u.locale !== locale) continue;
        const v = value(n, i);
        if (v === null) continue;
        values[m] = v;
        weights[m++] = enrolment ? u.students : 1;
      }
      const cv = weightedCv(values, weights, m);
      return { units: m, mean: cv.mean, cv: cv.cv };
    };
    const groups = { urban: group('urban'), town: group('town'), rural: group('rural') };
    const { urban, rural } = groups;
    const ruralToUrban = urban.mean && rural.mean !== null ? rural.mean / urban.mean : null;
    return { id: def.id, groups, ruralToUrban };
  });
  return { units: count, indicators };
}

/** plan: per level with units, when any unit carries a 城乡 value (else none). */
export function localeGaps(units: Unit[], profile: Profile): LocaleLevel[] {
  if (!units.some((u) => u.locale !== undefined)) return [];
  return LEVELS.flatMap((level) => {
    const ofLevel = units.filter((u) => u.level === level);
    return ofLevel.length ? [{ level, indicators: localeFigures(ofLevel, profile).indicators }] : [];
  });
}
