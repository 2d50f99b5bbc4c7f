// The four parts of quality-2017: resource allocation from the checks, the rest from sheet 县域指标 and
// the items computed from school data. A part without data is "not assessed", never a silent pass.
// Language-free: parts and items carry ids; assess names them (report/meta.ts).
import type { CountyItem, Profile } from '../profiles/schema.js';
import type { Check, ItemResult, PartResult } from '../report/schema.js';
import type { CountyItemValue } from '../validate/county.js';
import { allOf, atLeast, atMost } from './compare.js';

export type JudgedItem = Omit<ItemResult, 'name'>;
export type JudgedPart = Omit<PartResult, 'name' | 'items'> & { items: JudgedItem[] };

export function judgeItem(item: CountyItem, value: number | boolean): boolean {
  if (typeof value === 'boolean') return value; // an attestation: 是 meets the item
  const t = item.threshold;
  if (t === null) return true;
  if (item.kind === 'min') return atLeast(value, t);
  if (item.kind === 'max') return atMost(value, t);
  if (item.kind === 'below') return value < t && !atLeast(value, t);
  return true;
}

export function judgeParts(profile: Profile, checks: Check[], values: CountyItemValue[] | null): JudgedPart[] | null {
  if (!profile.parts) return null;
  const byId = new Map((values ?? []).map((v) => [v.itemId, v]));
  return profile.parts.map((part) => {
    const items: JudgedItem[] = profile.countyItems
      .filter((i) => i.part === part.id)
      .map((item): JudgedItem => {
        // Written out, no spreads: this runs per county × item, and spreads of mixed shapes are slow (−1 s national).
        const { id, kind, threshold, unit } = item;
        if (kind === 'computed') {
          const check = checks.find((c) => c.id === item.check);
          const pass = check?.pass ?? null;
          const reason = check ? check.reason : 'no-check';
          return reason
            ? { id, kind, threshold, unit, value: null, source: 'computed', check: item.check, pass, reason }
            : { id, kind, threshold, unit, value: null, source: 'computed', check: item.check, pass };
        }
        const given = byId.get(item.id);
        if (!given) {
          const reason = values === null ? 'no-county-sheet' : 'not-given';
          return { id, kind, threshold, unit, value: null, source: 'sheet', pass: null, reason };
        }
        return { id, kind, threshold, unit, value: given.value, source: 'sheet', pass: judgeItem(item, given.value) };
      });
    const partChecks = checks.filter((c) => part.checks.includes(c.id));
    const passes = [...partChecks.map((c) => c.pass), ...items.map((i) => i.pass)];
    const judged = passes.filter((p) => p !== null).length;
    return {
      id: part.id,
      pass: allOf(passes),
      assessed: judged === 0 ? 'none' : judged === passes.length ? 'full' : 'partial',
      checks: partChecks.map((c) => c.id),
      items,
    };
  });
}
