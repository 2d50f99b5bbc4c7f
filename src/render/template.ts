// `balance-check template`: the canonical workbook to fill in, with a 说明 sheet for every column.
import { SCHOOL_COLUMNS, CLASS_COLUMNS } from '../map/columns.js';
import type { Profile } from '../profiles/schema.js';
import { requiredColumns } from '../quantities.js';
import { BUILT_IN } from '../profiles/index.js';

/** Unit, type and a note per column, for the 说明 sheet. */
const DOCS: Record<string, [unit: string, type: string, note: string]> = {
  county: ['', '文本', '一个文件只有一个县时可省略，用 --county 指定'],
  code: ['', '文本', '10 位学校标识码，按文本填写以保留前导 0；多学段学校各行相同'],
  name: ['', '文本', ''],
  type: ['', '小学/初级中学/九年一贯制学校/十二年一贯制学校/完全中学/教学点/特殊教育学校', ''],
  level: ['', '小学/初中/高中/全校', '单学段学校可不填；多学段学校每个学段一行，共用设施可写在「全校」行，按 1:1.1:1.32 拆分'],
  ownership: ['', '公办/民办', '默认公办；基本均衡不评民办学校'],
  affiliation: ['', '县属/市属/省属', '默认县属；基本均衡不评市属、省属学校'],
  locale: ['', '城区/镇区/乡村', '50–99 人的乡村学校可计走教体育艺术教师'],
  students: ['人', '整数', '学年初有学籍的在校生；高中行只填此项（用于拆分）'],
  classes: ['个', '整数', '用于音乐、美术专用教室（每 12 个班 1 间）'],
  teachers: ['人', '整数', ''],
  qualified_teachers: ['人', '整数，≤专任教师数', '小学专科及以上、初中本科及以上；也可改填研究生/本科/专科学历教师数'],
  backbone_teachers: ['人', '整数，≤专任教师数', ''],
  pe_teachers: ['人', '整数', ''],
  music_teachers: ['人', '整数', ''],
  art_teachers: ['人', '整数', ''],
  visiting_pe_art_teachers: ['人', '整数', '可选：交流轮岗、兼职、走教的体育艺术教师'],
  titled_teachers: ['人', '整数，≤专任教师数', '基本均衡需要'],
  staff: ['人', '整数，≥专任教师数', '可选'],
  teaching_area: ['平方米', '数字', ''],
  indoor_sports_area: ['平方米', '数字', '可选：从教学用房移到体育运动场馆'],
  sports_area: ['平方米', '数字', ''],
  equipment_value: ['元', '数字', '账面原值；表头写「教学仪器设备值(万元)」时按万元读取'],
  multimedia_rooms: ['间', '整数', ''],
  computers: ['台', '整数', '基本均衡需要'],
  books: ['册', '整数', '基本均衡需要'],
  music_rooms: ['间', '整数', ''],
  art_rooms: ['间', '整数', ''],
  grade: ['', '文本', '如 一年级、七年级'],
  class: ['', '文本', '如 1班'],
};

/** Canonical columns the template writes (alternatives such as the degree breakdown are left to the 说明). */
const TEMPLATE_KEYS = SCHOOL_COLUMNS.map((c) => c.key).filter((k) => !['postgrad_teachers', 'bachelor_teachers', 'associate_teachers', 'pe_art_teachers'].includes(k));
const header = (key: string) => SCHOOL_COLUMNS.find((c) => c.key === key)!.headers[0]!;

type Row = Record<string, string | number>;
const EXAMPLES: Row[] = [
  { county: '示例县', code: '3300000001', name: '示例县第一小学', type: '小学', level: '小学', ownership: '公办', affiliation: '县属', locale: '城区', students: 900, classes: 20, teachers: 55, qualified_teachers: 52, backbone_teachers: 11, pe_teachers: 4, music_teachers: 3, art_teachers: 3, titled_teachers: 30, staff: 60, teaching_area: 4600, indoor_sports_area: 0, sports_area: 7200, equipment_value: 2100000, multimedia_rooms: 22, computers: 120, books: 27000, music_rooms: 2, art_rooms: 2 },
  { county: '示例县', code: '3300000002', name: '示例县实验学校', type: '九年一贯制学校', level: '小学', ownership: '公办', affiliation: '县属', locale: '镇区', students: 600, classes: 14, teachers: 38, qualified_teachers: 36, backbone_teachers: 7, pe_teachers: 3, music_teachers: 2, art_teachers: 2, titled_teachers: 20 },
  { county: '示例县', code: '3300000002', name: '示例县实验学校', type: '九年一贯制学校', level: '初中', ownership: '公办', affiliation: '县属', locale: '镇区', students: 450, classes: 10, teachers: 38, qualified_teachers: 36, backbone_teachers: 6, pe_teachers: 2, music_teachers: 1, art_teachers: 2, titled_teachers: 22 },
  { county: '示例县', code: '3300000002', name: '示例县实验学校', type: '九年一贯制学校', level: '全校', ownership: '公办', affiliation: '县属', locale: '镇区', teaching_area: 6200, indoor_sports_area: 600, sports_area: 11000, equipment_value: 3000000, multimedia_rooms: 26, computers: 140, books: 33000, music_rooms: 2, art_rooms: 2 },
];
// The example school's 20 classes, adding up to its 900 pupils.
const GRADES = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级'];
const CLASS_EXAMPLES: Row[] = Array.from({ length: 20 }, (_, i) => ({
  code: '3300000001',
  level: '小学',
  grade: GRADES[Math.floor(i / 4)] ?? '六年级',
  class: `${(i % 4) + 1}班`,
  students: 45,
}));

export async function renderTemplate(profile: Profile): Promise<Uint8Array> {
  const XLSX = await import('xlsx');
  const wb = XLSX.utils.book_new();
  const schoolRows = [TEMPLATE_KEYS.map(header), ...EXAMPLES.map((r) => TEMPLATE_KEYS.map((k) => r[k] ?? null))];
  const schools = XLSX.utils.aoa_to_sheet(schoolRows);
  // Codes as text: a number format would drop leading zeros.
  const codeCol = TEMPLATE_KEYS.indexOf('code');
  for (let r = 1; r < schoolRows.length; r++) {
    const cell = schools[XLSX.utils.encode_cell({ r, c: codeCol })];
    if (cell) Object.assign(cell, { t: 's', z: '@' });
  }
  XLSX.utils.book_append_sheet(wb, schools, '学校');
  const classKeys = CLASS_COLUMNS.map((c) => c.key);
  const classRows = [CLASS_COLUMNS.map((c) => c.headers[0]!), ...CLASS_EXAMPLES.map((r) => classKeys.map((k) => r[k] ?? null))];
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(classRows), '班级');
  const items = profile.countyItems.filter((i) => i.kind !== 'computed');
  if (items.length) {
    const example = (i: (typeof items)[number]) => (i.kind === 'yes' ? '是' : i.unit === 'percent' ? `${(i.threshold ?? 1) * 100}%` : i.unit === 'level' ? 'Ⅲ' : i.kind === 'below' ? (i.threshold ?? 0) / 2 : (i.threshold ?? 0));
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['指标', '值'], ...items.map((i) => [i.name.zh, example(i)])]), '县域指标');
  }
  const needs = (key: string) =>
    Object.values(BUILT_IN)
      .filter((p) => requiredColumns(p).some((group) => group.some((alt) => alt.includes(key))))
      .map((p) => p.id)
      .join('、');
  const notes = [
    ['工作表', '表头', '键', '单位', '类型', '哪些标准需要', '说明'],
    ...TEMPLATE_KEYS.map((k) => ['学校', header(k), k, ...(DOCS[k] ?? ['', '', '']).slice(0, 2), needs(k), DOCS[k]?.[2] ?? '']),
    ['学校', '研究生学历教师数 / 本科学历教师数 / 专科学历教师数', 'postgrad_teachers …', '人', '整数', '', '可代替「高于规定学历教师数」'],
    ['学校', '体育艺术专任教师数', 'pe_art_teachers', '人', '整数', '', '可代替体育、音乐、美术三列'],
    ['学校', '46-55人班级数 / 56-65人班级数 / 66人及以上班级数', 'band:…', '个', '整数', '', '没有班级表时按分段统计班额'],
    ...CLASS_COLUMNS.map((c) => ['班级', c.headers[0]!, c.key, ...(DOCS[c.key] ?? ['', '', '']).slice(0, 2), '', DOCS[c.key]?.[2] ?? '']),
    ...(items.length ? [['县域指标', '指标 / 值', 'item / value', '', '数字、百分比（96.5%）、是/否、等级（Ⅲ）', profile.id, '学校规模、班额、专用教室由学校数据计算，不必填写']] : []),
  ];
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(notes), '说明');
  wb.Props = { Title: `balance-check 模板（${profile.id}）`, CreatedDate: new Date(Date.UTC(2024, 8, 1)) };
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
}
