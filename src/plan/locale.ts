// issue 14: 城乡 gaps: per level, each indicator's mean for 城区 / 镇区 / 乡村 (enrolment-weighted like the county's),
// the CV within each, and the rural-to-urban ratio of the means. Pure; only when units carry a locale.
import { LEVELS, type Level } from '../domain.js';
import { indicatorValue } from '../compute/index.js';
import { weightedCv } from '../compute/cv.js';
import type { Profile } from '../profiles/schema.js';
import type { Unit } from '../units/index.js';

export const LOCALES = ['urban', 'town', 'rural'] as const;
export type LocaleId = (typeof LOCALES)[number];

export interface LocaleGroup {
  units: number;
  mean: number | null;
  cv: number | null;
}
export interface LocaleLevel {
  level: Level;
  indicators: { id: string; groups: Record<LocaleId, LocaleGroup>; ruralToUrban: number | null }[];
}

export function localeGaps(units: Unit[], profile: Profile): LocaleLevel[] {
  if (!units.some((u) => u.locale !== undefined)) return [];
  const enrol = profile.cv.weighting !== 'unweighted';
  return LEVELS.flatMap((level) => {
    const ofLevel = units.filter((u) => u.level === level);
    if (!ofLevel.length) return [];
    const indicators = profile.indicators.map((def) => {
      const group = (locale: LocaleId): LocaleGroup => {
        const rows = ofLevel.flatMap((u) => {
          const v = u.locale === locale ? indicatorValue(u, def) : null;
          return v === null ? [] : [{ v, w: enrol ? u.students : 1 }];
        });
        const cv = weightedCv(
          rows.map((r) => r.v),
          rows.map((r) => r.w),
          rows.length,
        );
        return { units: rows.length, mean: cv.mean, cv: cv.cv };
      };
      const groups = { urban: group('urban'), town: group('town'), rural: group('rural') };
      const { urban, rural } = groups;
      const ruralToUrban = urban.mean && rural.mean !== null ? rural.mean / urban.mean : null;
      return { id: def.id, groups, ruralToUrban };
    });
    return [{ level, indicators }];
  });
}
