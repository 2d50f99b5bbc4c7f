// `--columns FILE.json`: other layouts mapped onto the canonical keys, validated before any file is read.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FatalError } from '../findings.js';
import { COLUMNS } from './columns.js';
import type { ColumnMapping } from './index.js';

const KNOWN = new Set(Object.values(COLUMNS).flatMap((cols) => cols.map((c) => c.key)));
const isKnown = (key: string) => key === 'ignore' || KNOWN.has(key) || /^band:\d+-\d*$/.test(key);

const Mapping = z
  .object({
    description: z.string().optional(),
    sheet: z.string().optional(),
    headerRow: z.number().int().positive().optional(),
    columns: z.record(z.string(), z.string()),
  })
  .strict();

export function loadMapping(file: string): ColumnMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new FatalError('bad-mapping', { file, key: '(file)', reason: (err.code ?? err.message).replace(/\s+/g, ' ') });
  }
  const res = Mapping.safeParse(json);
  if (!res.success) {
    const issue = res.error.issues[0]!;
    const keys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [];
    throw new FatalError('bad-mapping', { file, key: [...issue.path, ...keys.slice(0, 1)].join('.') || '(root)', reason: keys.length ? 'unknown key' : issue.message });
  }
  for (const [header, key] of Object.entries(res.data.columns)) {
    if (!isKnown(key)) throw new FatalError('bad-mapping', { file, key: `columns.${header}`, reason: `unknown column key "${key}"; known: ${[...KNOWN].join(', ')}, ignore` });
  }
  const { description: _d, ...mapping } = res.data;
  // Header texts are compared in NFKC form, as the reader cleans them.
  mapping.columns = Object.fromEntries(Object.entries(mapping.columns).map(([h, k]) => [h.normalize('NFKC').trim(), k]));
  return mapping;
}
