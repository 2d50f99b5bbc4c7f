// Builds in-memory workbooks in the canonical layout, so tests run the real pipeline from rows.
import type { RawWorkbook, Cell } from '../src/read/index.js';
import { SCHOOL_COLUMNS, CLASS_COLUMNS } from '../src/map/columns.js';
import { assessWorkbook } from '../src/assess.js';
import { builtInProfile } from '../src/profiles/index.js';
import type { Profile } from '../src/profiles/schema.js';

type Row = Record<string, string | number | null | undefined>;

function sheet(name: string, cols: typeof SCHOOL_COLUMNS, rows: Row[]) {
  const keys = cols.map((c) => c.key).filter((k) => rows.some((r) => k in r));
  const header = keys.map((k) => cols.find((c) => c.key === k)!.headers[0]!);
  return {
    name,
    colOffset: 0,
    rows: [
      { row: 1, cells: header as Cell[] },
      ...rows.map((r, i) => ({ row: i + 2, cells: keys.map((k) => (r[k] ?? null) as Cell) })),
    ],
  };
}

export function workbook(schools: Row[], classes?: Row[]): RawWorkbook {
  const sheets = [sheet('学校', SCHOOL_COLUMNS, schools)];
  if (classes) sheets.push(sheet('班级', CLASS_COLUMNS, classes));
  return { file: 'test.xlsx', format: 'xlsx', sheets };
}

/** A primary school meeting every quality-2017 standard comfortably, scaled to `students`. */
export function goodPrimary(code: string, students: number, over: Row = {}): Row {
  return {
    code,
    name: `学校${code}`,
    type: '小学',
    students,
    classes: Math.ceil(students / 40),
    teachers: Math.ceil(students / 15),
    qualified_teachers: Math.ceil(students * 0.06),
    backbone_teachers: Math.ceil(students * 0.012),
    pe_teachers: Math.ceil(students * 0.005),
    music_teachers: Math.ceil(students * 0.003),
    art_teachers: Math.ceil(students * 0.003),
    teaching_area: students * 5,
    sports_area: students * 9,
    equipment_value: students * 2500,
    multimedia_rooms: Math.ceil(students * 0.026),
    music_rooms: Math.ceil(students / 40 / 12),
    art_rooms: Math.ceil(students / 40 / 12),
    ...over,
  };
}

export function run(wb: RawWorkbook, profile: Profile = builtInProfile('quality-2017')) {
  return assessWorkbook(wb, profile, { county: '测试县' });
}
