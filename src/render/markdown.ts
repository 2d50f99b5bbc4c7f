// Markdown: the same tables as csv, for pasting into reports and pull requests.
import type { Profile } from '../profiles/schema.js';
import type { Report } from '../report/schema.js';
import { label } from '../i18n/messages.js';
import { reportTables, type CellValue } from './tables.js';
import { markdownEscape } from './safe.js';
import { profileOf, type Formatter } from './formatters.js';

const cell = (v: CellValue): string => {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  return markdownEscape(String(v));
};

export function renderMarkdown(report: Report, profile: Profile): string {
  const out = [
    `# balance-check · ${markdownEscape(report.standardName)}`,
    '',
    `${label(report.lang, 'verdict')}: **${label(report.lang, report.verdict)}** (exit ${report.exitCode})`,
  ];
  for (const t of reportTables(report, profile)) {
    if (t.rows.length === 0) continue;
    out.push(
      '',
      `## ${markdownEscape(t.title)}`,
      '',
      `| ${t.head.map(cell).join(' | ')} |`,
      `|${t.head.map(() => ' --- ').join('|')}|`,
    );
    for (const r of t.rows) out.push(`| ${r.map(cell).join(' | ')} |`);
  }
  return out.join('\n') + '\n';
}

export const formatter: Formatter = {
  id: 'markdown',
  extensions: ['.md', '.markdown'],
  binary: false,
  render: async (report, opts) => renderMarkdown(report, await profileOf(report, opts)),
};
