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
