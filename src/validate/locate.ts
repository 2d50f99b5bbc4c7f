import type { Location } from '../findings.js';
import { headerOf, type TableKind } from '../map/columns.js';
import type { Source } from './schemas.js';
import { cleanCell } from '../map/index.js';
import type { Cell } from '../read/index.js';

/** The cell of `key` in the row `source` came from (header from the file, else the canonical one). */
export function cellAt(source: Source, key: string, kind: TableKind): Location {
  const col = source.columns[key];
  return {
    file: source.file,
    sheet: source.sheet,
    row: source.row,
    column: col?.letter,
    header: col?.header ?? headerOf(kind, key),
  };
}

/** A raw cell that holds nothing once cleaned (absent, '', spaces, a full-width space): "empty", never "bad". */
export function isBlank(cell: Cell | undefined): boolean {
  return cell === undefined || cleanCell(cell) === null;
}
