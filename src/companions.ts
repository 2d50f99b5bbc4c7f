// issue 12: companion files. A workbook (xlsx, xls or csv) given beside a schools file that holds class or
// county-items tables and no schools table is known by its content (the header scan every input takes);
// its classes are joined by school code, its county items by county. Class CSVs keep their streaming path
// (stream.ts); everything here goes through the one read path (read → map → validate).
import type { Layout } from './import/layout.js';
import { layoutFor } from './import/index.js';
import { finding, type RawFinding } from './findings.js';
import { readBytes, readInput, type RawWorkbook, type ReadOptions } from './read/index.js';
import { mapWorkbook, sheetKinds, type MapOptions, type MappedTable } from './map/index.js';
import type { TableKind } from './map/columns.js';
import { ClassRows } from './validate/index.js';
import { classCuts, type ClassAggregate } from './validate/classes.js';
import { itemMatcher, validateCountyItems, type CountyItemValue } from './validate/county.js';
import type { RawSheet } from './read/index.js';
import type { Profile } from './profiles/schema.js';

export interface Companion {
  path: string;
  format: RawWorkbook['format'];
  tables: MappedTable[];
  classes: ClassAggregate;
  /** The county items given; null without a county table (or with one of item names only). */
  items: CountyItemValue[] | null;
  /** Reading, mapping and validation findings; `no-school-table` among them (dropped when the run has a schools file). */
  findings: RawFinding[];
}

/** A workbook holding class or county-items tables and no schools table, mapped and validated; undefined for any other. */
export function companionOf(wb: RawWorkbook, profile: Profile, map: MapOptions = {}): Companion | undefined {
  const bySheet = sheetKinds(wb);
  // County items in the wide form (a row of item names, a row of values) are known by their item names.
  const sheetTables = new Map<string, TableKind>();
  const isItem = itemMatcher(profile);
  for (const [sheet, kind] of bySheet)
    if (kind === undefined && wideItems(sheet, isItem)) {
      bySheet.set(sheet, 'county');
      sheetTables.set(sheet.name, 'county');
    }
  const kinds = new Set(bySheet.values());
  // A sheet named by --sheet holds schools, unless its header is plainly a class or county-items table
  // (a clerk's companion workbook has a Sheet1 too).
  const named = map.sheet === undefined ? undefined : wb.sheets.find((s) => s.name === map.sheet);
  const namedKind = named && bySheet.get(named);
  if (named && namedKind !== 'classes' && namedKind !== 'county') return undefined;
  if (kinds.has('schools') || !(kinds.has('classes') || kinds.has('county'))) return undefined;
  const mapped = mapWorkbook(wb, {
    sheetTables,
    ...(map.mapping ? { mapping: { columns: map.mapping.columns } } : {}),
  });
  if (mapped.tables.some((t) => t.kind === 'schools')) return undefined; // a --columns mapping made one
  const findings: RawFinding[] = [...(wb.findings ?? []), ...mapped.findings];
  const classes: ClassAggregate = new Map();
  const cuts = classCuts(profile);
  for (const table of mapped.tables) {
    if (table.kind !== 'classes') continue;
    const rows = new ClassRows(table, classes, findings, cuts);
    for (const row of table.rows) rows.row(row);
    rows.end();
  }
  const county = validateCountyItems(mapped.tables, profile);
  findings.push(...county.findings);
  const given = mapped.tables.some((t) => t.kind === 'county') && profile.countyItems.length > 0 && county.given > 0;
  return {
    path: wb.file,
    format: wb.format,
    tables: mapped.tables,
    classes,
    items: given ? county.items : null,
    findings,
  };
}

type Input = string | { path: string; bytes: Uint8Array };

export interface SortedInputs {
  /** Schools files (and files that are neither) in input order: the workbook when kept, the read error when reading failed. */
  schools: { n: number; wb?: RawWorkbook; error?: unknown }[];
  companions: { n: number; companion: Companion }[];
}

/** Rows of schools workbooks kept between this read and their assessment; beyond, a file is read again. */
const KEEP_ROWS = 200_000;

/**
 * Several workbooks: each read once and sorted by content into schools files and companions, so that every
 * schools file is assessed with all the classes and county items of the run, whatever the order of the files.
 * A schools workbook is kept for its assessment while the rows kept stay small (county files); a larger one
 * is read again then, so memory never holds more than one large workbook.
 */
export async function sortInputs(
  inputs: Input[],
  indices: number[],
  profile: Profile,
  options: { read?: ReadOptions; map?: MapOptions; import?: { layouts?: Layout[] } },
  keepRows = KEEP_ROWS,
): Promise<SortedInputs> {
  const out: SortedInputs = { schools: [], companions: [] };
  let kept = 0;
  for (const [k, n] of indices.entries()) {
    const input = inputs[n]!;
    let wb: RawWorkbook;
    try {
      wb =
        typeof input === 'string'
          ? await readInput(input, options.read)
          : await readBytes(input.bytes, input.path, options.read);
    } catch (error) {
      // stdin cannot be read twice: the error is kept and reported where the file is assessed.
      out.schools.push({ n, error });
      continue;
    }
    // issue 15: a statistics export is no companion: it is imported with the other forms.
    const form = layoutFor(wb, options.import?.layouts);
    const companion = form ? undefined : companionOf(wb, profile, options.map);
    if (companion) {
      out.companions.push({ n, companion });
      continue;
    }
    const rows = wb.sheets.reduce((a, s) => a + s.rows.length, 0);
    const last = k === indices.length - 1;
    if (last || input === '-' || typeof input !== 'string' || kept + rows <= keepRows) {
      kept += rows;
      out.schools.push({ n, wb });
    } else out.schools.push({ n });
  }
  return out;
}

/** One error for county items that name no county when the run has several counties: they cannot be placed. */
export function noCountyItems(first: CountyItemValue, counties: string[]): RawFinding {
  const listed = counties.slice(0, 10).join('\n') + (counties.length > 10 ? ` … (+${counties.length - 10})` : '');
  return finding(
    'county-items-no-county',
    'error',
    { file: first.source.file, sheet: first.source.sheet },
    { params: { count: counties.length, names: listed } },
  );
}

/** Rows scanned for a header of county items, as the header scan does. */
const SCAN_ROWS = 30;

/** A row among the first ones naming at least two county items of the profile: the wide form's header. */
function wideItems(sheet: RawSheet, isItem: (name: string) => unknown): boolean {
  for (const row of sheet.rows.slice(0, SCAN_ROWS)) {
    let items = 0;
    for (const c of row.cells) if (typeof c === 'string' && isItem(c) && ++items >= 2) return true;
  }
  return false;
}
