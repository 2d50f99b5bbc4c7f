// The example rows `template` shows on its 示例 sheet. Here, not in render/, because validate recognises them
// when a clerk copies them into the 学校 sheet: example data must never be assessed as a county's.
export type ExampleRow = Record<string, string | number>;

export const EXAMPLE_SCHOOLS: readonly ExampleRow[] = [
  { county: '示例县', code: '3300000001', name: '示例县第一小学', type: '小学', level: '小学', ownership: '公办', affiliation: '县属', locale: '城区', students: 900, classes: 20, teachers: 55, qualified_teachers: 52, backbone_teachers: 11, pe_teachers: 4, music_teachers: 3, art_teachers: 3, titled_teachers: 30, staff: 60, teaching_area: 4600, indoor_sports_area: 0, sports_area: 7200, equipment_value: 2100000, multimedia_rooms: 22, computers: 120, books: 27000, music_rooms: 2, art_rooms: 2 },
  { county: '示例县', code: '3300000002', name: '示例县实验学校', type: '九年一贯制学校', level: '小学', ownership: '公办', affiliation: '县属', locale: '镇区', students: 600, classes: 14, teachers: 38, qualified_teachers: 36, backbone_teachers: 7, pe_teachers: 3, music_teachers: 2, art_teachers: 2, titled_teachers: 20 },
  { county: '示例县', code: '3300000002', name: '示例县实验学校', type: '九年一贯制学校', level: '初中', ownership: '公办', affiliation: '县属', locale: '镇区', students: 450, classes: 10, teachers: 38, qualified_teachers: 36, backbone_teachers: 6, pe_teachers: 2, music_teachers: 1, art_teachers: 2, titled_teachers: 22 },
  { county: '示例县', code: '3300000002', name: '示例县实验学校', type: '九年一贯制学校', level: '全校', ownership: '公办', affiliation: '县属', locale: '镇区', teaching_area: 6200, indoor_sports_area: 600, sports_area: 11000, equipment_value: 3000000, multimedia_rooms: 26, computers: 140, books: 33000, music_rooms: 2, art_rooms: 2 },
];

// The example school's 20 classes, adding up to its 900 pupils.
const GRADES = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级'];
export const EXAMPLE_CLASSES: readonly ExampleRow[] = Array.from({ length: 20 }, (_, i) => ({
  code: '3300000001',
  level: '小学',
  grade: GRADES[Math.floor(i / 4)] ?? '六年级',
  class: `${(i % 4) + 1}班`,
  students: 45,
}));

/** code → name of the example schools. */
export const EXAMPLE_CODES: ReadonlyMap<string, string> = new Map(EXAMPLE_SCHOOLS.map((r) => [String(r.code), String(r.name)]));
