// Markdown: the report's sections (sections.ts), for pasting into reports and pull requests: `# heading`,
// `## <section title>` per section, numbers shown by their format, failing cells in bold with ✗ (△ below the
// standard but above the floor), notes as text. No date: the same report gives the same text.
import type { Profile } from '../profiles/schema.js';
import type { Report } from '../report/schema.js';
import { reportHeading, sectionsOf, type Cell, type Column, type NumberFormat } from './sections.js';
import { markdownEscape } from './safe.js';
import { profileOf, type Formatter } from './formatters.js';

/** A number as its format shows it; without a format, as it is (float noise trimmed). */
export function showNumber(v: number, f: NumberFormat | undefined): string {
  if (!Number.isFinite(v)) return String(v);
  if (!f) return String(Number(v.toPrecision(12)));
  if (f.kind === 'int') return String(Math.round(v));
  if (f.kind === 'fixed') return v.toFixed(f.decimals);
  return `${(v * 100).toFixed(f.decimals)}%`;
}

const text = (c: Cell, col: Column | undefined): string => {
  if (c.v === null) return '';
  const s = typeof c.v === 'number' ? showNumber(c.v, c.format ?? col?.format) : markdownEscape(String(c.v));
  if (c.state === 'fail') return `**${s} ✗**`;
  if (c.state === 'warn') return `${s} △`;
  return s;
};

const head = (c: Column) => markdownEscape(c.group ? `${c.group}·${c.head}` : c.head);

export function* markdownPieces(report: Report, profile: Profile): Generator<string> {
  const h = reportHeading(report, profile);
  yield `# ${markdownEscape(h.title)}\n`;
  for (const line of h.lines) yield `\n${markdownEscape(line)}\n`;
  for (const s of sectionsOf(report, profile)) {
    yield `\n## ${markdownEscape(s.title)}\n`;
    if (s.rows.length) {
      yield `\n| ${s.columns.map(head).join(' | ')} |\n`;
      yield `|${s.columns.map((c) => (c.format ? ' ---: ' : ' --- ')).join('|')}|\n`;
      for (const r of s.rows) yield `| ${r.map((c, i) => text(c, s.columns[i])).join(' | ')} |\n`;
    }
    for (const n of s.notes) yield `\n${markdownEscape(n)}\n`;
  }
}

export function renderMarkdown(report: Report, profile: Profile): string {
  return [...markdownPieces(report, profile)].join('');
}

export const formatter: Formatter = {
  id: 'markdown',
  extensions: ['.md', '.markdown'],
  binary: false,
  render: async (report, opts) => markdownPieces(report, await profileOf(report, opts)),
};
