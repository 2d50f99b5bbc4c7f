// issue 13: the section titles a format prints, read back from its output, so one test can check that every
// format carries the same sections as reportSections(). Add a reader per format (xlsx, html, text) here.
import { parse as parseCsv } from 'csv-parse/sync';

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
