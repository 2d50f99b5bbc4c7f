// Canonical columns: key → the header `template` writes, then accepted synonyms (zh and en).
export type TableKind = 'schools' | 'classes' | 'county';

export interface ColumnDef {
  key: string;
  headers: readonly string[];
}

const col = (key: string, ...headers: string[]): ColumnDef => ({ key, headers: [...headers, key] });

export const SCHOOL_COLUMNS: readonly ColumnDef[] = [
  col('county', '县区', '县(市、区)', '县市区', '区县', '县'),
  col('code', '学校代码', '学校标识码', '学校识别码', '学校编码'),
  col('name', '学校名称', '校名', '学校'),
  col('type', '学校类型', '办学类型', '学校类别'),
  col('level', '学段'),
  col('ownership', '办学性质', '举办者类型'),
  col('affiliation', '隶属', '隶属关系', '学校隶属'),
  col('locale', '城乡', '城乡分类', '城乡类型'),
  col('students', '在校生数', '在校学生数', '学生数', '生数'),
  col('classes', '班级数', '班数'),
  col('teachers', '专任教师数', '专任教师', '专任教师数/合计', '专任教师数/小计', '专任教师数/总计'),
  col('qualified_teachers', '高于规定学历教师数', '高于规定学历专任教师数'),
  col('postgrad_teachers', '研究生学历教师数', '专任教师数/其中:研究生', '专任教师数/研究生', '研究生及以上学历教师数'),
  col('bachelor_teachers', '本科学历教师数', '专任教师数/其中:本科', '专任教师数/本科'),
  col('associate_teachers', '专科学历教师数', '专任教师数/其中:专科', '专任教师数/专科'),
  col('backbone_teachers', '县级以上骨干教师数', '骨干教师数'),
  col('pe_teachers', '体育专任教师数', '体育教师数'),
  col('music_teachers', '音乐专任教师数', '音乐教师数'),
  col('art_teachers', '美术专任教师数', '美术教师数'),
  col('pe_art_teachers', '体育艺术专任教师数', '体育、艺术专任教师数', '体育艺术教师数'),
  col('visiting_pe_art_teachers', '走教体育艺术教师数', '走教教师数'),
  col('titled_teachers', '中级及以上职称教师数', '中级及以上专业技术职务教师数'),
  col('staff', '教职工数'),
  col('teaching_area', '教学及辅助用房面积', '教学及辅助用房'),
  col('indoor_sports_area', '室内体育用房面积'),
  col('sports_area', '体育运动场馆面积', '运动场馆面积', '体育运动场地面积'),
  col('equipment_value', '教学仪器设备值', '教学仪器设备资产值', '仪器设备值'),
  col('multimedia_rooms', '网络多媒体教室数', '多媒体教室数'),
  col('computers', '计算机台数', '计算机数'),
  col('books', '图书册数', '图书', '藏书册数'),
  col('music_rooms', '音乐专用教室数', '音乐教室数'),
  col('art_rooms', '美术专用教室数', '美术教室数'),
];

export const CLASS_COLUMNS: readonly ColumnDef[] = [
  col('code', '学校代码', '学校标识码'),
  col('level', '学段'),
  col('grade', '年级'),
  col('class', '班级', '班级名称', '班名'),
  col('students', '学生数', '班级人数', '班额', '人数'),
];

/** Sheet 县域指标, long form (指标 | 值). The wide form (one column per item) keeps each header as `item:<header>`. */
export const COUNTY_COLUMNS: readonly ColumnDef[] = [
  col('county', '县区', '县(市、区)', '县市区', '区县'),
  col('item', '指标', '项目', '指标名称', '评估指标', '评估项目'),
  col('value', '值', '数值', '填报值', '指标值', '结果'),
];
export const ITEM_PREFIX = 'item:';

export const COLUMNS: Record<TableKind, readonly ColumnDef[]> = { schools: SCHOOL_COLUMNS, classes: CLASS_COLUMNS, county: COUNTY_COLUMNS };

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
