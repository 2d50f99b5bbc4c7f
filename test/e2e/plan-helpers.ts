// issue 14: generated inputs for the plan and diff tests: a schools CSV in the canonical layout.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHOOL_COLUMNS } from '../../src/map/columns.js';

export type Row = Record<string, string | number | null | undefined>;

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

/** Writes dir/name: a schools CSV with the first header of each column the rows use. */
export function schoolsCsv(dir: string, name: string, rows: Row[]): string {
  const keys = SCHOOL_COLUMNS.map((c) => c.key).filter((k) => rows.some((r) => r[k] !== undefined));
  const header = keys.map((k) => SCHOOL_COLUMNS.find((c) => c.key === k)!.headers[0]!);
  const lines = [header.join(','), ...rows.map((r) => keys.map((k) => r[k] ?? '').join(','))];
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
