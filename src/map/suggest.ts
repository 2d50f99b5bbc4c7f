// A needed column that no header matched (issue 12): the closest header the file has, and a ready `--columns`
// skeleton (header → key) that a user fills in and passes back. Pure and language-free.
import type { Profile } from '../profiles/schema.js';
import { requiredColumns } from '../quantities.js';
import { COLUMNS } from './columns.js';
import { headerKey, looseKey, MAX_HEADER } from './headers.js';
import type { MappedTable } from './index.js';

export interface Nearest {
  key: string;
  letter: string;
  header: string;
  score: number;
}

/** The `--columns` file a user fills in (map/mapping.ts reads it). */
export interface ColumnsSkeleton {
  sheet?: string;
  columns: Record<string, string>;
}

/** Placeholder header of a needed key with no close header: the user replaces it with the real one. */
export const PLACEHOLDER = '?';

const loose = (h: string) => looseKey(headerKey(h).base);

/** Shared characters over normalised text (Dice on character multisets); a containment counts 0.8. */
function similarity(a: string, b: string): { score: number; common: number } {
  if (!a || !b) return { score: 0, common: 0 };
  const counts = new Map<string, number>();
  for (const ch of a) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let common = 0;
  for (const ch of b) {
    const n = counts.get(ch) ?? 0;
    if (n > 0) {
      common++;
      counts.set(ch, n - 1);
    }
  }
  const dice = (2 * common) / ([...a].length + [...b].length);
  const contained = a.length >= 2 && b.length >= 2 && (a.includes(b) || b.includes(a));
  return { score: contained ? Math.max(dice, 0.8) : dice, common };
}

/** The unmapped header closest to any header of `keys` (two shared characters and half the text at least). */
export function nearestHeader(
  keys: readonly string[],
  candidates: readonly { letter: string; header: string }[],
): Nearest | undefined {
  let best: Nearest | undefined;
  for (const key of keys) {
    const col = COLUMNS.schools.find((c) => c.key === key);
    if (!col) continue;
    for (const wanted of col.headers.map(loose)) {
      for (const c of candidates) {
        if (c.header.length > MAX_HEADER) continue;
        const parts = c.header.split('/');
        for (const text of new Set([loose(c.header), loose(parts[parts.length - 1]!)])) {
          const { score, common } = similarity(wanted, text);
          if (common >= 2 && score >= 0.5 && (!best || score > best.score))
            best = { key, letter: c.letter, header: c.header, score };
        }
      }
    }
  }
  return best;
}

/** Needed column groups the table lacks: each with the keys of its first alternative and the closest header. */
export function missingGroups(
  table: MappedTable,
  profile: Profile,
): { group: readonly (readonly string[])[]; nearest: Nearest | undefined }[] {
  const have = new Set(table.columns.map((c) => c.key));
  const out: { group: readonly (readonly string[])[]; nearest: Nearest | undefined }[] = [];
  for (const group of requiredColumns(profile)) {
    if (group.some((alt) => alt.every((k) => have.has(k)))) continue;
    const missingKeys = group.flat().filter((k) => !have.has(k));
    out.push({ group, nearest: nearestHeader(missingKeys, table.unmapped) });
  }
  return out;
}

/**
 * The `--columns` skeleton of a schools table: every header the reader mapped → its key, the closest header of
 * each missing key → that key, and a placeholder "?<header>" for a missing key with no close header.
 */
export function suggestColumns(table: MappedTable, profile: Profile, withSheet: boolean): ColumnsSkeleton {
  const columns: Record<string, string> = {};
  for (const c of table.columns) columns[c.header] = c.key;
  const taken = new Set<string>();
  for (const { group, nearest } of missingGroups(table, profile)) {
    if (nearest && !taken.has(nearest.header)) {
      taken.add(nearest.header);
      columns[nearest.header] = nearest.key;
      continue;
    }
    // The first alternative's keys, each under a placeholder to be replaced by the file's header.
    for (const key of group[0] ?? []) {
      if (table.columns.some((c) => c.key === key)) continue;
      const header = COLUMNS.schools.find((c) => c.key === key)?.headers[0] ?? key;
      columns[`${PLACEHOLDER}${header}`] = key;
    }
  }
  return { ...(withSheet ? { sheet: table.sheet } : {}), columns };
}
