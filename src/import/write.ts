// issue 15: the imported rows as the canonical workbook (sheet 学校, as `template` writes it), with the columns the
// forms do not hold left blank and marked (a comment on the header, a yellow fill), and sheet 导入来源: where
// every figure came from, for review.
import { label, type Lang } from '../i18n/messages.js';
import { headerOf } from '../map/columns.js';
import { bandHeader, type CanonicalTable, type ImportResult } from './index.js';
import { sourceText } from './report.js';

export async function importWorkbookBytes(
  table: CanonicalTable,
  result: ImportResult,
  lang: Lang,
): Promise<Uint8Array> {
  const XLSX = await import('xlsx');
  const wb = XLSX.utils.book_new();
  const ws = XLSX.utils.aoa_to_sheet([table.headers, ...table.rows]);
  // 学校代码 stays text (leading zeros).
  const codeCol = table.keys.indexOf('code');
  for (let r = 0; r < table.rows.length; r++) {
    const ref = XLSX.utils.encode_cell({ r: r + 1, c: codeCol });
    const cell = ws[ref];
    if (cell) {
      cell.t = 's';
      cell.z = '@';
    }
  }
  for (const k of table.blank) {
    const ref = XLSX.utils.encode_cell({ r: 0, c: table.keys.indexOf(k) });
    const cell = ws[ref];
    if (cell) cell.c = [{ a: 'balance-check', t: label(lang, 'import.note') }];
  }
  ws['!cols'] = table.headers.map((h) => ({ wch: Math.max(8, Math.min(24, h.length * 2)) }));
  XLSX.utils.book_append_sheet(wb, ws, '学校');
  // Headers unlike sheet 学校's, so that the reader never takes this sheet for the schools table.
  const sources: (string | number | null)[][] = [['单位', '标识', '部分', '字段', '值', '来源']];
  for (const s of result.schools)
    for (const [k, v] of s.figures) {
      const [level, key] = k.split('|') as [string, string];
      sources.push([
        s.code ?? '',
        s.name,
        level,
        key.startsWith('band:') ? bandHeader(key) : headerOf('schools', key),
        v.value,
        sourceText(v.source, lang),
      ]);
    }
  for (const k of table.blank) sources.push(['', '', '', headerOf('schools', k), null, label(lang, 'import.note')]);
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(sources), '导入来源');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
}
