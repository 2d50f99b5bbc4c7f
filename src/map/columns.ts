// The input-column catalogue: every fact about a column, declared once. The row schemas (validate/schemas.ts),
// header matching (map/index.ts), facility splitting and simple quantities (quantities.ts), the template's sheets
// and 说明 (render/template.ts), `explain` and the fixture/bench header lists derive from it. docs/input.md shows it.
export type TableKind = 'schools' | 'classes' | 'county';

/** What a cell holds: text, a whole count, a decimal amount, or one of the words of an enum (domain.ts WORDS). */
export type CellType = 'text' | 'count' | 'decimal' | 'type' | 'level' | 'ownership' | 'affiliation' | 'locale';

type Text = { readonly zh: string; readonly en: string };

export interface ColumnDef {
  key: string;
  table: TableKind;
  /** The header `template` writes, then accepted synonyms (zh and en); the key itself is accepted last. */
  headers: readonly string[];
  cell: CellType;
  /** Unit of measurement, for the template's 说明 (人, 平方米, 元 …). */
  unit?: string;
  /** A building's figure: a 全校 row's value is split between the levels by weighted enrolment. */
  facility?: boolean;
  /** A per-unit quantity that is this column's value (split when a facility): profiles' indicators divide it by pupils. */
  quantity?: string;
  /** The column in words, for `explain` formulas (and docs). */
  words?: Text;
  /** Template 说明: a rule beside the cell type (≤专任教师数), and a note. */
  rule?: string;
  note?: string;
  /** false: accepted, but the template writes another column (the degree breakdown, the PE-art total). */
  template?: boolean;
}

type Extra = Omit<ColumnDef, 'key' | 'table' | 'headers' | 'cell'>;
/** A column of a table; the literal key, cell type and facts are kept, so the row types derive from the catalogue. */
function column<const K extends string, const C extends CellType, const E extends Extra = Extra>(
  table: TableKind,
  key: K,
  cell: C,
  headers: readonly string[],
  extra?: E,
) {
  return { key, table, cell, headers: [...headers, key], ...extra } as unknown as ColumnDef & { key: K; cell: C } & E;
}
const school = <const K extends string, const C extends CellType, const E extends Extra = Extra>(
  key: K,
  cell: C,
  headers: readonly string[],
  extra?: E,
) => column('schools', key, cell, headers, extra);
const cls = <const K extends string, const C extends CellType, const E extends Extra = Extra>(
  key: K,
  cell: C,
  headers: readonly string[],
  extra?: E,
) => column('classes', key, cell, headers, extra);

const PEOPLE = { unit: '人' } as const;
const AREA = { unit: '平方米', facility: true } as const;

const BUILT_IN_SCHOOL_COLUMNS = [
  school('county', 'text', ['县区', '县(市、区)', '县市区', '区县', '县'], {
    note: '一个文件只有一个县时可省略，用 --county 指定',
  }),
  school('code', 'text', ['学校代码', '学校标识码', '学校识别码', '学校编码', '学校(机构)标识码'], {
    note: '10 位学校标识码，按文本填写以保留前导 0；多学段学校各行相同',
  }),
  school('name', 'text', ['学校名称', '校名', '学校', '学校(机构)名称']),
  school('type', 'type', ['学校类型', '办学类型', '学校类别', '学校(机构)办学类型']),
  school('level', 'level', ['学段'], { note: undefined /* from the profile: render/template.ts profileNote */ }),
  school('ownership', 'ownership', ['办学性质', '举办者类型'], { note: '默认公办；基本均衡不评民办学校' }),
  school('affiliation', 'affiliation', ['隶属', '隶属关系', '学校隶属'], {
    note: '默认县属；基本均衡不评市属、省属学校',
  }),
  school('locale', 'locale', ['城乡', '城乡分类', '城乡类型', '所在地城乡类型', '学校(机构)所在地城乡类型'], {
    note: undefined /* from the profile */,
  }),
  school('students', 'count', ['在校生数', '在校学生数', '学生数', '生数'], {
    ...PEOPLE,
    words: { zh: '在校生数', en: 'pupils' },
    note: '学年初有学籍的在校生；高中行只填此项（用于拆分）',
  }),
  school('classes', 'count', ['班级数', '班数'], { unit: '个' /* note from the profile */ }),
  school('teachers', 'count', ['专任教师数', '专任教师', '专任教师数/合计', '专任教师数/小计', '专任教师数/总计'], {
    ...PEOPLE,
    quantity: 'teachers',
    words: { zh: '专任教师数', en: 'full-time teachers' },
  }),
  school('qualified_teachers', 'count', ['高于规定学历教师数', '高于规定学历专任教师数'], {
    ...PEOPLE,
    rule: '≤专任教师数',
    note: '小学专科及以上、初中本科及以上；也可改填研究生/本科/专科学历教师数',
  }),
  school(
    'postgrad_teachers',
    'count',
    ['研究生学历教师数', '专任教师数/其中:研究生', '专任教师数/研究生', '研究生及以上学历教师数'],
    { ...PEOPLE, template: false },
  ),
  school('bachelor_teachers', 'count', ['本科学历教师数', '专任教师数/其中:本科', '专任教师数/本科'], {
    ...PEOPLE,
    template: false,
  }),
  school('associate_teachers', 'count', ['专科学历教师数', '专任教师数/其中:专科', '专任教师数/专科'], {
    ...PEOPLE,
    template: false,
  }),
  school('backbone_teachers', 'count', ['县级以上骨干教师数', '县级及以上骨干教师数', '骨干教师数'], {
    ...PEOPLE,
    rule: '≤专任教师数',
    quantity: 'backboneTeachers',
    words: { zh: '县级以上骨干教师数', en: 'backbone teachers' },
  }),
  school('pe_teachers', 'count', ['体育专任教师数', '体育教师数', '体育与健康专任教师数', '体育与健康教师数'], PEOPLE),
  school('music_teachers', 'count', ['音乐专任教师数', '音乐教师数'], PEOPLE),
  school('art_teachers', 'count', ['美术专任教师数', '美术教师数'], PEOPLE),
  school('pe_art_teachers', 'count', ['体育艺术专任教师数', '体育、艺术专任教师数', '体育艺术教师数'], {
    ...PEOPLE,
    template: false,
  }),
  school('visiting_pe_art_teachers', 'count', ['走教体育艺术教师数', '走教教师数'], {
    ...PEOPLE,
    note: '可选：交流轮岗、兼职、走教的体育艺术教师',
  }),
  school('titled_teachers', 'count', ['中级及以上职称教师数', '中级及以上专业技术职务教师数'], {
    ...PEOPLE,
    rule: '≤专任教师数',
    note: '基本均衡需要',
    quantity: 'titledTeachers',
    words: { zh: '中级及以上职称教师数', en: 'teachers with intermediate or higher titles' },
  }),
  school('staff', 'count', ['教职工数'], { ...PEOPLE, rule: '≥专任教师数', note: '可选' }),
  school('teaching_area', 'decimal', ['教学及辅助用房面积', '教学及辅助用房'], AREA),
  school('indoor_sports_area', 'decimal', ['室内体育用房面积', '室内体育用房', '体育馆面积'], {
    ...AREA,
    note: '可选：从教学用房移到体育运动场馆',
  }),
  school('sports_area', 'decimal', ['体育运动场馆面积', '运动场馆面积', '体育运动场地面积', '运动场地面积'], AREA),
  school('equipment_value', 'decimal', ['教学仪器设备值', '教学仪器设备资产值', '仪器设备值'], {
    unit: '元',
    facility: true,
    note: '账面原值；表头写「教学仪器设备值(万元)」时按万元读取',
    quantity: 'equipmentValue',
    words: { zh: '教学仪器设备值（元）', en: 'teaching equipment value (yuan)' },
  }),
  school('multimedia_rooms', 'count', ['网络多媒体教室数', '多媒体教室数'], {
    unit: '间',
    facility: true,
    quantity: 'multimediaRooms',
    words: { zh: '网络多媒体教室数', en: 'networked multimedia classrooms' },
  }),
  school('computers', 'count', ['计算机台数', '计算机数'], {
    unit: '台',
    facility: true,
    note: '基本均衡需要',
    quantity: 'computers',
    words: { zh: '计算机台数', en: 'computers' },
  }),
  school('books', 'count', ['图书册数', '图书', '藏书册数'], {
    unit: '册',
    facility: true,
    note: '基本均衡需要',
    quantity: 'books',
    words: { zh: '图书册数', en: 'books' },
  }),
  school('music_rooms', 'count', ['音乐专用教室数', '音乐教室数'], { unit: '间' }),
  school('art_rooms', 'count', ['美术专用教室数', '美术教室数'], { unit: '间' }),
] as const;

const BUILT_IN_CLASS_COLUMNS = [
  cls('code', 'text', ['学校代码', '学校标识码'], {
    note: '10 位学校标识码，按文本填写以保留前导 0；多学段学校各行相同',
  }),
  cls('level', 'level', ['学段'], { note: '可不填：由年级推断（如 七年级 → 初中）' }),
  cls('grade', 'text', ['年级'], { note: '如 一年级、七年级' }),
  cls('class', 'text', ['班级', '班级名称', '班名'], { note: '如 1班' }),
  cls('students', 'count', ['学生数', '班级人数', '班额', '人数'], { unit: '人', note: '本班学生数' }),
] as const;

export type BuiltInSchoolColumns = typeof BUILT_IN_SCHOOL_COLUMNS;
export type BuiltInClassColumns = typeof BUILT_IN_CLASS_COLUMNS;
/** Keys of the built-in facility columns (typed, for the code that splits them). */
export type FacilityKey = Extract<BuiltInSchoolColumns[number], { facility: true }>['key'];

// Lists that registerColumn() extends; every reader of the catalogue sees the additions.
export const SCHOOL_COLUMNS: readonly ColumnDef[] = [...BUILT_IN_SCHOOL_COLUMNS];
export const CLASS_COLUMNS: readonly ColumnDef[] = [...BUILT_IN_CLASS_COLUMNS];

/** Sheet 县域指标, long form (指标 | 值). The wide form (one column per item) keeps each header as `item:<header>`. */
export const COUNTY_COLUMNS: readonly ColumnDef[] = [
  column('county', 'county', 'text', ['县区', '县(市、区)', '县市区', '区县']),
  column('county', 'item', 'text', ['指标', '项目', '指标名称', '评估指标', '评估项目']),
  column('county', 'value', 'text', ['值', '数值', '填报值', '指标值', '结果']),
];
export const ITEM_PREFIX = 'item:';

export const COLUMNS: Record<TableKind, readonly ColumnDef[]> = {
  schools: SCHOOL_COLUMNS,
  classes: CLASS_COLUMNS,
  county: COUNTY_COLUMNS,
};

/** Sheet names that say which table a sheet is. */
export const SHEET_NAMES: Record<TableKind, readonly string[]> = {
  schools: ['学校', '学校基本情况', 'schools'],
  classes: ['班级', '班额', 'classes'],
  county: ['县域指标', '县级指标', '县域评估指标', 'county'],
};

/** Canonical header of a key, for messages. */
export function headerOf(kind: TableKind, key: string): string {
  return COLUMNS[kind].find((c) => c.key === key)?.headers[0] ?? key;
}

/** Bumped by registerColumn(), so that what is derived from the catalogue (header lookup, row schema) is rebuilt. */
export let catalogueVersion = 0;

/**
 * Adds a column of sheet 学校: a new input quantity for a profile's indicators is one entry, e.g.
 * `registerColumn({ key: 'lab_rooms', table: 'schools', headers: ['实验室数'], cell: 'count', unit: '间',
 * facility: true, quantity: 'labRooms', words: { zh: '实验室数', en: 'laboratories' } })`
 * (docs/input.md, "Adding a column"). Call it before loading a profile that uses the quantity.
 */
export function registerColumn(def: ColumnDef): void {
  if (def.table !== 'schools') throw new Error(`registerColumn: only sheet 学校 takes new columns, not ${def.table}`);
  if (!/^[a-z][a-z0-9_]*$/.test(def.key)) throw new Error(`registerColumn: key ${def.key} is not snake_case`);
  if (SCHOOL_COLUMNS.some((c) => c.key === def.key)) throw new Error(`registerColumn: ${def.key} is already a column`);
  if (def.quantity !== undefined && (!def.words || SCHOOL_COLUMNS.some((c) => c.quantity === def.quantity))) {
    throw new Error(`registerColumn: quantity ${def.quantity} needs words and a name of its own`);
  }
  (SCHOOL_COLUMNS as ColumnDef[]).push({
    ...def,
    headers: def.headers.includes(def.key) ? def.headers : [...def.headers, def.key],
  });
  catalogueVersion++;
}

/** The facility columns of sheet 学校, built-in and registered. */
export function facilityKeys(): string[] {
  return SCHOOL_COLUMNS.filter((c) => c.facility).map((c) => c.key);
}
