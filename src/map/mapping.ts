// `--columns FILE.json`: other layouts mapped onto the canonical keys, validated before any file is read.
import { z } from 'zod';
import { FatalError } from '../findings.js';
import { readConfigJson } from '../read/safe.js';
import { COLUMNS } from './columns.js';
import type { ColumnMapping } from './index.js';

const known = () => new Set(Object.values(COLUMNS).flatMap((cols) => cols.map((c) => c.key)));
const isKnown = (key: string) => key === 'ignore' || known().has(key) || /^band:\d+-\d*$/.test(key);

const Mapping = z
  .object({
    description: z.string().optional(),
    sheet: z.string().optional(),
    headerRow: z.number().int().positive().optional(),
    columns: z.record(z.string(), z.string()),
  })
  .strict();

export function loadMapping(file: string): ColumnMapping {
  // A regular file of at most 1 MiB; not JSON → its position only, never its content.
  const json = readConfigJson(file, 'columns');
  const res = Mapping.safeParse(json);
  if (!res.success) {
    const issue = res.error.issues[0]!;
    const keys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [];
    const key = [...issue.path, ...keys.slice(0, 1)].join('.') || '(root)';
    if (keys.length) throw new FatalError('bad-mapping', { file, key, reason: 'unknown-key' });
    // zod's words in both languages; the Chinese ones (zod's zh-CN locale) only made on this error path.
    const zh = Mapping.safeParse(json, { error: z.locales.zhCN().localeError });
    throw new FatalError('bad-mapping', {
      file,
      key,
      reason: issue.message,
      'reason@zh': (!zh.success && zh.error.issues[0]?.message) || issue.message,
    });
  }
  // The entries as JSON.parse made them (own properties, "__proto__" included), into a prototype-free object.
  const raw = (json as { columns: Record<string, unknown> }).columns;
  const columns: Record<string, string> = Object.create(null);
  for (const header of Object.keys(raw)) {
    const key = raw[header];
    if (typeof key !== 'string' || !isKnown(key)) {
      throw new FatalError('bad-mapping', {
        file,
        key: `columns.${header}`,
        reason: 'unknown-column-key',
        value: String(key),
        known: `${[...known()].join(', ')}, ignore`,
      });
    }
    // Header texts are compared in NFKC form, as the reader cleans them.
    columns[header.normalize('NFKC').trim()] = key;
  }
  return {
    ...(res.data.sheet !== undefined ? { sheet: res.data.sheet } : {}),
    ...(res.data.headerRow !== undefined ? { headerRow: res.data.headerRow } : {}),
    columns,
  };
}
