// The one definition of "a rule not met", used by the judge's verdict and by every renderer that lists them.
import type { Check, ItemResult, PartResult } from '../report/schema.js';

type PartLike = Pick<PartResult, 'checks'> & { items: readonly Pick<ItemResult, 'id' | 'source' | 'pass' | 'check'>[] };

/**
 * Ids of the rules not met, in report order: checks that failed and bind the verdict (binding, or part of a
 * part: named in its checks or by a computed county item), then the county-sheet items that failed.
 * A county fails iff this is non-empty.
 */
export function failedRules(checks: readonly Check[], parts: readonly PartLike[] | null): string[] {
  const inParts = new Set<string>();
  for (const p of parts ?? []) {
    for (const id of p.checks) inParts.add(id);
    for (const i of p.items) if (i.check !== undefined) inParts.add(i.check);
  }
  const failed = checks.filter((c) => c.pass === false && (c.binding || inParts.has(c.id))).map((c) => c.id);
  for (const p of parts ?? []) for (const i of p.items) if (i.source === 'sheet' && i.pass === false) failed.push(i.id);
  return failed;
}
