// One pass over a sheet's raw rows: control characters (NUL, other C0 but TAB/LF/CR, DEL, C1) are removed
// from text cells, each cleaned cell a located finding. Used by every reader (csv, xls, xlsx), so a NUL
// reads the same wherever it falls in a file, and never reaches a header, a name or the terminal.
import { columnLetter, finding, type RawFinding } from '../findings.js';
import type { RawRow, RawSheet } from './index.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Located findings per sheet before the rest are summed up in one. */
const MAX_CONTROL_FINDINGS = 100;

/** Whether a text holds any character the cleaning removes (a cheap test before the pass). */
export function hasControlCharacters(text: string): boolean {
  return HAS_CONTROL.test(text);
}

/**
 * Removes control characters from text cells row by row, in place (a streamed CSV is cleaned as it is
 * read); pushes a 'control-characters' warning for each of the first MAX_CONTROL_FINDINGS cells and, at
 * end(), one 'control-characters-more' for the rest.
 */
export class ControlCleaner {
  cells = 0;
  private chars = 0;
  constructor(
    private readonly file: string,
    private readonly sheet: string,
    private readonly colOffset: number,
    private readonly findings: RawFinding[],
  ) {}

  row(r: RawRow): void {
    const row = r.cells;
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (typeof v !== 'string' || !HAS_CONTROL.test(v)) continue;
      let count = 0;
      const cleaned = v.replace(CONTROL, () => {
        count++;
        return '';
      });
      row[i] = cleaned === '' ? null : cleaned;
      this.cells++;
      this.chars += count;
      if (this.cells <= MAX_CONTROL_FINDINGS) {
        this.findings.push(
          finding(
            'control-characters',
            'warning',
            { file: this.file, sheet: this.sheet, row: r.row, column: columnLetter(this.colOffset + i) },
            { value: cleaned, params: { count } },
          ),
        );
      }
    }
  }

  end(): void {
    if (this.cells > MAX_CONTROL_FINDINGS) {
      this.findings.push(
        finding(
          'control-characters-more',
          'warning',
          { file: this.file, sheet: this.sheet },
          { params: { count: this.cells - MAX_CONTROL_FINDINGS, chars: this.chars } },
        ),
      );
    }
  }
}

/** Removes control characters from the text cells of `sheet` in place (see ControlCleaner); returns the number of cells cleaned. */
export function cleanControlCharacters(sheet: RawSheet, file: string, findings: RawFinding[]): number {
  const cleaner = new ControlCleaner(file, sheet.name, sheet.colOffset, findings);
  for (const r of sheet.rows) cleaner.row(r);
  cleaner.end();
  return cleaner.cells;
}
