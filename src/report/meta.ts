// issue 10 (checks): the report's `meta` block, made from the profile and the catalogues at the boundary
// (judge and compute stay language-free), and the v1 names filled from it.
import type { Profile } from '../profiles/schema.js';
import type { JudgedCounty } from '../judge/index.js';
import { CHECKS } from '../judge/checks/index.js';
import { idLabel, labelOf, type LabelPrefix, type Lang } from '../i18n/messages.js';
import type { County, Meta } from './schema.js';

const both = (prefix: LabelPrefix, id: string, params?: Record<string, unknown>) => ({
  zh: idLabel('zh', prefix, id, params),
  en: idLabel('en', prefix, id, params),
});

/** The words of a check, with the profile's numbers filled in (学校达标（≥6项，其余≥85%）). */
export function checkWords(profile: Profile, id: string): { zh: string; en: string } {
  const own = CHECKS.find((c) => c.id === id)?.words;
  if (own && labelOf('zh', 'check.', id) === undefined) return own;
  return both('check.', id, {
    minMet: profile.perSchool?.minMet,
    floor: profile.perSchool ? Math.round(profile.perSchool.floorRatio * 100) : 0,
  });
}

/** Words of a scope reason: the profile's own label, else the catalogue's. */
export function scopeWords(profile: Profile, reason: string): { zh: string; en: string } {
  return profile.scope.find((r) => r.reason === reason && r.label)?.label ?? both('reason.', reason);
}

export function reportMeta(profile: Profile): Meta {
  return {
    standard: { id: profile.id, name: profile.name, document: { zh: profile.document, en: profile.document } },
    indicators: profile.indicators.map((d) => ({
      id: d.id,
      name: d.name,
      short: d.short,
      unit: d.unit,
      decimals: d.decimals,
    })),
    checks: CHECKS.filter((c) => c.enabled(profile)).map((c) => ({
      id: c.id,
      name: checkWords(profile, c.id),
      binding: c.binding(profile),
    })),
    parts: (profile.parts ?? []).map((p) => ({ id: p.id, name: p.name })),
    countyItems: profile.countyItems.map((i) => ({ id: i.id, part: i.part, name: i.name })),
    scopeReasons: [...new Set(profile.scope.map((r) => r.reason))].map((id) => ({
      id,
      label: scopeWords(profile, id),
    })),
  };
}

/** The judged county with the v1 names of its parts and items, in the report's language. */
export function namedCounty(c: JudgedCounty, meta: Meta, lang: Lang): County {
  if (!c.parts) return { ...c, parts: null };
  const partName = new Map(meta.parts.map((p) => [p.id, p.name[lang]]));
  const itemName = new Map(meta.countyItems.map((i) => [i.id, i.name[lang]]));
  const parts = c.parts.map(({ id, ...rest }) => ({
    id,
    name: partName.get(id) ?? id,
    ...rest,
    items: rest.items.map(({ id, ...item }) => ({ id, name: itemName.get(id) ?? id, ...item })),
  }));
  return { ...c, parts };
}
