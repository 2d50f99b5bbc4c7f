// issue 15: `balance-check import PATH… -o 学校.xlsx`: statistics exports → the canonical workbook, and the
// import report (text or JSON) on standard output. Exit 0 imported, 2 figures missing (the workbook is still
// written, with blanks to fill), 3 nothing importable, an unreadable file or a usage error.
import { readFileSync } from 'node:fs';
import { FatalError } from '../findings.js';
import type { Lang } from '../i18n/messages.js';
import { expandInputs } from '../inputs.js';
import { readInput } from '../read/index.js';
import { checkTemplateName, planOutput, writeOutput } from '../output.js';
import { canonicalTable, importNotes, importWorkbooks } from './index.js';
import { layoutsWith, loadLayout } from './layout.js';
import { importReport, renderImportText } from './report.js';
import { importWorkbookBytes } from './write.js';

export interface ImportCommandOptions {
  output: string;
  layout?: string[];
  mergeMap?: string;
  level?: '小学' | '初中' | '高中';
  format: 'text' | 'json';
  lang: Lang;
  force?: boolean;
}

export function loadMergeMap(file: string): Record<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new FatalError('bad-merge-map', { file, reason: (e as Error).message });
  }
  if (
    typeof json !== 'object' ||
    json === null ||
    Array.isArray(json) ||
    Object.values(json).some((v) => typeof v !== 'string')
  )
    throw new FatalError('bad-merge-map', { file, reason: 'not an object of names' });
  return json as Record<string, string>;
}

export async function runImport(files: string[], opts: ImportCommandOptions): Promise<number> {
  checkTemplateName(opts.output);
  const layouts = layoutsWith((opts.layout ?? []).map(loadLayout));
  const mergeMap = opts.mergeMap ? loadMergeMap(opts.mergeMap) : undefined;
  const paths = await expandInputs(files);
  const guard = {
    inputs: [...paths, ...(opts.layout ?? []), ...(opts.mergeMap ? [opts.mergeMap] : [])],
    overwrite: opts.force === true,
  };
  planOutput(opts.output, guard);
  const wbs = [];
  for (const p of paths) wbs.push(await readInput(p));
  const result = importWorkbooks(wbs, {
    layouts,
    ...(mergeMap ? { mergeMap } : {}),
    ...(opts.level ? { level: opts.level } : {}),
  });
  if (result.files.length === 0) throw new FatalError('import-nothing', { file: files.join(' ') });
  const table = canonicalTable(
    result.schools,
    result.toFill.map((t) => t.key),
  );
  const written = table.rows.length > 0;
  if (written) await writeOutput(opts.output, await importWorkbookBytes(table, result, opts.lang), guard);
  const report = importReport(result, table, importNotes(result, table), opts.lang, written ? opts.output : undefined);
  process.stdout.write(
    opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderImportText(report, opts.lang),
  );
  return report.exitCode;
}
