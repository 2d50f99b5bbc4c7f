// issue 13: the section titles a format prints, read back from its output, so one test can check that every
// format carries the same sections as reportSections(). Add a reader per format (xlsx, html, text) here.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll } from 'vitest';
import * as XLSX from 'xlsx';
import { ROOT, tempDir } from './helpers.js';

/**
 * For a test file: a temporary folder (removed after the file) and the titles reportSections() gives a JSON
 * report, from the built dist/. Read `tmp` and `titles` inside tests (they are set in beforeAll).
 */
export function sectionTitleSetup(): { tmp: string; titles: (report: unknown) => string[] } {
  const setup = { tmp: '', titles: (_report: unknown): string[] => [] };
  beforeAll(async () => {
    setup.tmp = tempDir();
    const sections = await import(pathToFileURL(join(ROOT, 'dist', 'render', 'sections.js')).href);
    const profiles = await import(pathToFileURL(join(ROOT, 'dist', 'profiles', 'index.js')).href);
    setup.titles = (report: any) =>
      sections.reportSections(report, profiles.builtInProfile(report.standard)).map((s: { title: string }) => s.title);
  });
  afterAll(() => {
    if (setup.tmp) rmSync(setup.tmp, { recursive: true, force: true });
  });
  return setup;
}

/** csv: a section starts with its title alone on a line, at the top and after each blank line. */
export function csvTitles(csv: string): string[] {
  const records: string[][] = parseCsv(csv, { bom: true, relax_column_count: true, skip_empty_lines: false });
  const titles: string[] = [];
  let next = true;
  for (const r of records) {
    const blank = r.length === 1 && r[0] === '';
    if (next && !blank) titles.push(r.join(','));
    next = blank;
  }
  return titles;
}

/** markdown: the `## ` headings, markdown escapes undone (\| \\ &lt; &gt; &amp;). */
export function markdownTitles(md: string): string[] {
  return md
    .split('\n')
    .filter((l) => l.startsWith('## '))
    .map((l) =>
      l
        .slice(3)
        .replace(/\\([\\|])/g, '$1')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    );
}

/**
 * xlsx (issue 13, the i13-xlsx part): the block titles of every sheet, in sheet order. A block's title is a row
 * with only column A filled right above its header row (two or more cells); the sheet's title and heading lines
 * are followed by one-cell or blank rows. Sections stack by sheet, so compare with reportSections grouped by
 * Section.sheet.
 */
export function xlsxTitles(bytes: Uint8Array): string[] {
  const wb = XLSX.read(bytes);
  const titles: string[] = [];
  const filled = (r: unknown[] | undefined) => (r ?? []).filter((v) => v !== null && v !== undefined).length;
  for (const name of wb.SheetNames) {
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1, raw: true, blankrows: true });
    rows.forEach((row, i) => {
      if (typeof row[0] === 'string' && filled(row) === 1 && filled(rows[i + 1]) >= 2) titles.push(row[0]);
    });
  }
  return titles;
}

/** html (issue 13, html part): the section titles, `<h2|h3 class="section-title">`, entities undone. */
export function htmlTitles(html: string): string[] {
  return [...html.matchAll(/<h([23]) class="section-title">([^<]*)<\/h\1>/g)].map((m) =>
    m[2]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&#(\d+);/g, (_e, n: string) => String.fromCharCode(Number(n)))
      .replace(/&amp;/g, '&'),
  );
}

/**
 * text (issue 13): a section starts with a blank line and its title at column 0 (colours removed). The only
 * other lines so placed are the county verdict lines (`青山县  结论：…`, `青山县  Verdict: …`), left out here.
 */
export function textTitles(text: string): string[] {
  const lines = text.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  return lines.filter(
    (l, i) => i > 0 && lines[i - 1] === '' && /^[^\s┌│├└]/.test(l) && !/ {2}(结论：|Verdict: )/.test(l),
  );
}
