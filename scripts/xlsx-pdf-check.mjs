// issue 13, acceptance 1 (run by scripts/xlsx-pdf.sh): checks the PDF LibreOffice printed from an xlsx report.
//   node scripts/xlsx-pdf-check.mjs REPORT.xlsx REPORT.pdf
// Pages are told apart by sheet: every sheet starts with the report heading (its first line, e.g. 标准：…), which
// is printed once per sheet; the header rows repeated on each page are not. Exit 1 when a check fails.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';

const [xlsxPath, pdfPath] = process.argv.slice(2);
if (!xlsxPath || !pdfPath) {
  console.error('usage: node scripts/xlsx-pdf-check.mjs REPORT.xlsx REPORT.pdf');
  process.exit(3);
}
const tool = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
/** Text without spaces or line breaks: pdftotext breaks wrapped cells anywhere. */
const squeeze = (s) => String(s ?? '').replace(/\s+/g, '');

const wb = XLSX.read(readFileSync(xlsxPath));
const sheets = wb.SheetNames.map((name) => {
  const rows = XLSX.utils.sheet_to_json(wb.Sheets[name], { header: 1, raw: true, defval: null, blankrows: true });
  return { name, rows };
});
// The first heading line (row 2), the same on every sheet.
const marker = squeeze(sheets[0]?.rows[1]?.[0]).slice(0, 12);
if (!marker) {
  console.error('xlsx-pdf: the report has no heading line under its title');
  process.exit(1);
}

const info = tool('pdfinfo', ['-f', '1', '-l', '100000', pdfPath]);
const pageCount = Number(info.match(/^Pages:\s+(\d+)/m)[1]);
const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [
  Number(m[1]),
  Number(m[2]),
]);
const pages = Array.from({ length: pageCount }, (_, i) =>
  squeeze(tool('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', pdfPath, '-'])),
);

let failed = 0;
const check = (ok, text) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
  if (!ok) failed++;
};

// A4 landscape: 842 × 595 pt.
const a4 = sizes.every(([w, h]) => Math.abs(w - 841.89) < 2 && Math.abs(h - 595.28) < 2);
check(a4 && sizes.length === pageCount, `${pageCount} pages, every page A4 landscape (841.9 × 595.3 pt)`);

// Pages per sheet, in order: a page with the heading line starts the next sheet.
const bySheet = sheets.map(() => []);
let current = -1;
pages.forEach((text, i) => {
  if (text.includes(marker) && current < sheets.length - 1) current++;
  bySheet[Math.max(0, current)].push(i);
});
check(current === sheets.length - 1, `the heading starts each of the ${sheets.length} sheets (${marker}…)`);

/** The header row above the first data row whose column B is `label`, and that data row's index. */
const cellsOf = (rows, i) => (rows[i] ?? []).map((v) => squeeze(v));
sheets.forEach((sheet, s) => {
  const n = bySheet[s].length;
  const words = sheet.rows.flat().map(squeeze);
  const cvBlocks = words.filter((w) => w === '全县平均值' || w === 'Countymean').length;
  const perSchool = words.includes('实际值') || words.includes('Value');
  if (cvBlocks > 0) {
    check(n === cvBlocks, `${sheet.name}: ${n} page(s) for ${cvBlocks} 差异系数 block(s): one A4 page per level`);
  } else if (perSchool) {
    // Fit to width: no page holds only some of the columns, so every page shows the first and last header.
    const headRow = sheet.rows.findIndex((r) => r.some((v) => squeeze(v) === '实际值' || squeeze(v) === 'Value'));
    const top = cellsOf(sheet.rows, headRow - 1);
    const first = top[0] || cellsOf(sheet.rows, headRow)[0];
    const lastCol = Math.max(top.length, cellsOf(sheet.rows, headRow).length) - 1;
    const last = cellsOf(sheet.rows, headRow)[lastCol] || top[lastCol] || top.filter(Boolean).at(-1);
    const every = bySheet[s].every((p) => pages[p].includes(first) && pages[p].includes(last));
    check(
      n > 0 && every,
      `${sheet.name}: ${n} page(s), each with the first and last column (${first} … ${last}): fits the page width`,
    );
  } else console.log(`     ${sheet.name}: ${n} page(s)`);
});

// Chinese glyphs: a CJK font embedded (LibreOffice embeds what it drew with; a missing face would show tofu).
const fonts = tool('pdffonts', [pdfPath])
  .split('\n')
  .slice(2)
  .filter(Boolean)
  .map((l) => ({ name: l.split(/\s+/)[0], embedded: l.match(/\s(yes|no)\s+(yes|no)\s+(yes|no)\s/)?.[1] === 'yes' }));
const cjk = fonts.filter((f) => /CJK|Song|SimSun|Hei|Ming|Kai|WenQuanYi|Fang/i.test(f.name));
check(
  cjk.length > 0 && cjk.every((f) => f.embedded),
  `CJK font embedded: ${cjk.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).join(', ') || 'none'}`,
);
check(!pages.some((p) => p.includes('\ufffd')), 'no replacement characters in the printed text');
process.exit(failed ? 1 : 0);
