// CSV bytes → one raw sheet. Blank lines past the header zone are counted, not kept (a header followed by
// a million empty lines costs no memory), the row limit and the memory budget are checked while splitting,
// and control characters (a NUL anywhere in the file) are removed with a located finding.
import { parse as parseCsv } from 'csv-parse/sync';
import { columnLetter, FatalError, finding, type RawFinding } from '../findings.js';
import { MAX_COLUMNS } from './xlsx.js';
import { cleanControlCharacters, hasControlCharacters } from './clean.js';
import { checkMemory } from './memory.js';
import type { RawRow, RawSheet } from './index.js';

/** Blank lines among the first rows are kept: the header search looks at row positions there. */
const HEADER_ZONE = 30;
const BLANK = /^[\s,]*$/;
const isBlankRecord = (cells: string[]) => cells.every((c) => BLANK.test(c));

export interface CsvLimits {
  maxRows: number;
  maxMemoryMb: number;
}

/** Decoded CSV text → a sheet named `name`; reading findings are pushed onto `findings`. */
export function csvSheet(text: string, file: string, name: string, limits: CsvLimits, findings: RawFinding[]): RawSheet {
  // Lines ended by CR alone (old Mac "CSV"): otherwise the whole file would be one row.
  if (!text.includes('\n') && text.includes('\r')) text = text.replace(/\r/g, '\n');
  const rows: RawRow[] = [];
  let line = 0;
  let blank = 0;
  let kept = 0;
  let dropped = 0;
  /** One record: kept, or counted as blank; false when the row limit is passed. */
  const add = (cells: string[]): void => {
    line++;
    if (line > HEADER_ZONE && isBlankRecord(cells)) {
      blank++;
      return;
    }
    if (++kept > limits.maxRows) throw new FatalError('too-many-rows', { file, sheet: name, limit: limits.maxRows });
    if ((kept & 0xffff) === 0) checkMemory(file, limits.maxMemoryMb);
    // Cells right of the columns any county table uses are dropped, as the .xlsx reader does: a line of
    // twenty million commas must not become twenty million cells.
    if (cells.length > MAX_COLUMNS) {
      for (let i = MAX_COLUMNS; i < cells.length; i++) if (cells[i] !== '') dropped++;
      cells.length = MAX_COLUMNS;
    }
    const out: RawRow['cells'] = cells;
    for (let i = 0; i < cells.length; i++) if (cells[i] === '') out[i] = null;
    rows.push({ row: line, cells: out });
  };
  if (text.includes('"')) {
    try {
      parseCsv(text, {
        relax_column_count: true,
        relax_quotes: true,
        on_record: (record: string[]) => {
          add(record);
          return null; // kept by add(), not by csv-parse
        },
      });
    } catch (e) {
      if (e instanceof FatalError) throw e;
      const at = (e as { lines?: number }).lines;
      throw new FatalError('csv-malformed', { file, line: at ?? line + 1 });
    }
  } else {
    // Line by line without building an array of every line.
    let pos = 0;
    while (pos < text.length) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      const stop = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      const s = text.slice(pos, stop);
      pos = end + 1;
      if (line >= HEADER_ZONE && BLANK.test(s)) {
        line++;
        blank++;
        continue;
      }
      add(s.split(','));
    }
  }
  const sheet: RawSheet = { name, colOffset: 0, rows, ...(blank ? { blankRows: blank } : {}) };
  if (dropped) findings.push(finding('cells-dropped', 'warning', { file, sheet: name }, { params: { count: dropped, rows: 0, column: columnLetter(MAX_COLUMNS - 1) } }));
  if (hasControlCharacters(text)) cleanControlCharacters(sheet, file, findings);
  return sheet;
}
