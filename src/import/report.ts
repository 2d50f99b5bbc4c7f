// issue 15: the import report (its own small schema, kind "balance-check-import"): per school and figure its
// source, what was skipped and why, what is left to fill in, and the findings in the chosen language.
import { z } from 'zod';
import type { RawFinding } from '../findings.js';
import { label, type Lang } from '../i18n/messages.js';
import { headerOf } from '../map/columns.js';
import { localise } from '../assess.js';
import { VERSION } from '../version.js';
import { bandHeader, type CanonicalTable, type ImportResult, type Source } from './index.js';

const Located = {
  file: z.string().optional(),
  sheet: z.string().optional(),
  row: z.number().int().optional(),
  column: z.string().optional(),
};
export const ImportReport = z.object({
  kind: z.literal('balance-check-import'),
  version: z.literal(1),
  tool: z.object({ name: z.literal('balance-check'), version: z.string() }),
  lang: z.enum(['zh', 'en']),
  exitCode: z.union([z.literal(0), z.literal(2), z.literal(3)]),
  output: z.string().optional().describe('the canonical workbook written'),
  rows: z.number().int().describe('rows of sheet 学校 written'),
  files: z.array(
    z.object({
      path: z.string(),
      layout: z.string().optional(),
      level: z.string().optional(),
      framed: z.boolean().optional(),
      schools: z.number().int(),
    }),
  ),
  schools: z.array(
    z.object({
      code: z.string().optional(),
      name: z.string(),
      type: z.string().optional(),
      county: z.string().optional(),
      levels: z.array(z.string()),
      mergedFrom: z.array(z.string()).optional(),
      figures: z.array(
        z.object({
          key: z.string(),
          header: z.string(),
          level: z.string(),
          value: z.number().nullable().describe('null: not applicable (*, -, —)'),
          source: z.string().describe('form, rows × columns, and the cells read'),
          cells: z.array(z.string()),
        }),
      ),
    }),
  ),
  skipped: z.array(z.object({ ...Located, reason: z.string(), value: z.string().optional() })),
  toFill: z.array(z.object({ key: z.string(), header: z.string(), reason: z.enum(['not-held', 'not-found']) })),
  findings: z.array(
    z.object({ ...Located, code: z.string(), severity: z.enum(['error', 'warning', 'info']), message: z.string() }),
  ),
});
export type ImportReport = z.infer<typeof ImportReport>;

const keyHeader = (k: string) => (k.startsWith('band:') ? bandHeader(k) : headerOf('schools', k));

/** `教基4155 小学 × 体育与健康 + 艺术 (S6+T6)`: the form (or file), rows, columns and the cells read. */
export function sourceText(s: Source, lang: Lang): string {
  const form = s.form ?? s.file;
  const rows = s.form ? `${label(lang, 'import.row')} ${s.rows.join(' + ')} × ` : '';
  return `${form} ${rows}${s.cols.join(' + ')} (${s.sheet}!${s.cells.join('+')})`;
}

export function importReport(
  result: ImportResult,
  table: CanonicalTable,
  extra: RawFinding[],
  lang: Lang,
  output: string | undefined,
): ImportReport {
  const findings = [...result.findings, ...extra].map((f) => {
    const l = localise(f, lang);
    return {
      ...(l.file !== undefined ? { file: l.file } : {}),
      ...(l.sheet !== undefined ? { sheet: l.sheet } : {}),
      ...(l.row !== undefined ? { row: l.row } : {}),
      ...(l.column !== undefined ? { column: l.column } : {}),
      code: l.code,
      severity: l.severity,
      message: l.message,
    };
  });
  const exitCode = findings.some((f) => f.severity === 'error') ? 2 : 0;
  return {
    kind: 'balance-check-import',
    version: 1,
    tool: { name: 'balance-check', version: VERSION },
    lang,
    exitCode,
    ...(output !== undefined ? { output } : {}),
    rows: table.rows.length,
    files: result.files.map((f) => ({ ...f })),
    schools: result.schools.map((s) => ({
      ...(s.code ? { code: s.code } : {}),
      name: s.name,
      ...(s.type ? { type: s.type } : {}),
      ...(s.county ? { county: s.county } : {}),
      levels: s.levels,
      ...(s.mergedFrom ? { mergedFrom: s.mergedFrom } : {}),
      figures: [...s.figures].map(([k, v]) => {
        const [level, key] = k.split('|') as [string, string];
        return {
          key,
          header: keyHeader(key),
          level,
          value: v.value,
          source: sourceText(v.source, lang),
          cells: v.source.cells,
        };
      }),
    })),
    skipped: result.skipped.map((s) => ({
      file: s.file,
      ...(s.sheet !== undefined ? { sheet: s.sheet } : {}),
      ...(s.row !== undefined ? { row: s.row } : {}),
      reason: s.reason,
      ...(s.value !== undefined ? { value: s.value } : {}),
    })),
    toFill: result.toFill.map((t) => ({ ...t, header: keyHeader(t.key) })),
    findings,
  };
}

/** The words of each reason (named here, so that every label is seen used). */
const REASON_LABEL = {
  'not-a-form': 'import.reason.not-a-form',
  'summary-row': 'import.reason.summary-row',
  'blank-name': 'import.reason.blank-name',
  'not-a-statistics-export': 'import.reason.not-a-statistics-export',
  'out-of-scope': 'import.reason.out-of-scope',
  'not-held': 'import.reason.not-held',
  'not-found': 'import.reason.not-found',
} as const;
const reasonLabel = (r: string) => REASON_LABEL[r as keyof typeof REASON_LABEL] ?? 'import.reason.not-a-form';

const LEVEL_LABEL = { 小学: 'primary', 初中: 'junior', 高中: 'senior', 全校: 'whole' } as const;
const levelWord = (lang: Lang, level: string) => label(lang, LEVEL_LABEL[level as keyof typeof LEVEL_LABEL] ?? 'whole');

export function renderImportText(r: ImportReport, lang: Lang): string {
  const L = (k: Parameters<typeof label>[1], p?: Record<string, unknown>) => label(lang, k, p);
  const out: string[] = [L('import.title'), ''];
  out.push(`${L('import.files')} (${r.files.length})`);
  for (const f of r.files)
    out.push(
      `  ${f.path}  ${f.layout ?? ''}${f.level ? ` ${levelWord(lang, f.level)}` : ''}${f.framed ? ` [${L('import.framed')}]` : ''}  ${L('import.schools')} ${f.schools}`,
    );
  out.push('', `${L('import.schools')} (${r.schools.length})`);
  for (const s of r.schools) {
    out.push(
      `  ${s.name}  ${[s.code, s.type, ...(s.mergedFrom ? [`+ ${s.mergedFrom.join(label(lang, 'sep'))}`] : [])].filter(Boolean).join('  ')}`,
    );
    for (const f of s.figures)
      out.push(`    ${f.header} (${levelWord(lang, f.level)}) ${f.value ?? L('import.na')}  ← ${f.source}`);
  }
  if (r.skipped.length) {
    out.push('', `${L('import.skipped')} (${r.skipped.length})`);
    for (const s of r.skipped)
      out.push(
        `  ${[s.file, s.sheet, s.row].filter((x) => x !== undefined).join(' ')}  ${L(reasonLabel(s.reason))}${s.value ? `（${s.value}）` : ''}`,
      );
  }
  if (r.toFill.length) {
    out.push('', L('import.to-fill'));
    for (const t of r.toFill) out.push(`  ${t.header}  ${L(reasonLabel(t.reason))}`);
  }
  if (r.findings.length) {
    out.push('');
    for (const f of r.findings) {
      const at = [f.file, f.sheet, f.row !== undefined ? `${f.column ?? ''}${f.row}` : undefined].filter(Boolean);
      out.push(`  [${f.severity}] ${at.length ? `${at.join(' ')}: ` : ''}${f.message}`);
    }
  }
  out.push(
    '',
    r.output
      ? L('import.written', { file: r.output, rows: r.rows, schools: r.schools.length })
      : L('import.not-written'),
  );
  return `${out.join('\n')}\n`;
}
