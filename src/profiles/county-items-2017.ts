import type { CountyItem, Part } from './schema.js';

// docs/rules.md §7. Percent thresholds are fractions (95 % → 0.95). Names are what sheet 县域指标 says;
// aliases are other wordings offices use.
const item = (
  id: string,
  part: CountyItem['part'],
  zh: string,
  en: string,
  kind: CountyItem['kind'],
  threshold: number | null,
  unit: CountyItem['unit'],
  aliases: string[] = [],
  check?: string,
): CountyItem => ({ id, part, name: { zh, en }, aliases, kind, threshold, unit, ...(check ? { check } : {}) }) as CountyItem;

export const QUALITY_PARTS: Part[] = [
  { id: 'resources', name: { zh: '资源配置', en: 'Resource allocation' }, checks: ['cv', 'per-school'] },
  { id: 'government', name: { zh: '政府保障程度', en: 'Government guarantee' }, checks: [] },
  { id: 'quality', name: { zh: '教育质量', en: 'Education quality' }, checks: [] },
  { id: 'recognition', name: { zh: '社会认可度', en: 'Social recognition' }, checks: [] },
];

export const QUALITY_COUNTY_ITEMS: CountyItem[] = [
  item('planning_layout', 'government', '规划布局合理', 'School layout planned and land reserved', 'yes', null, 'none', ['学校规划布局合理', '预留义务教育学校建设用地', '规划布局']),
  item('school_size', 'government', '学校规模', 'School size within limits', 'computed', null, 'none', [], 'school-size'),
  item('class_size', 'government', '班额', 'Class size within limits', 'computed', null, 'none', [], 'class-size'),
  item('small_school_funding', 'government', '不足100名学生的村小学和教学点按100名学生核定公用经费', 'Village schools under 100 pupils funded as 100', 'yes', null, 'none', ['小规模学校公用经费', '不足100人学校按100人核定公用经费']),
  item('special_ed_funding', 'government', '特殊教育学校生均公用经费', 'Special-education funding per pupil', 'min', 6000, 'yuan', ['特教学校生均公用经费']),
  item('special_rooms', 'government', '音乐、美术专用教室', 'Music and art rooms', 'computed', null, 'none', [], 'special-rooms'),
  item('unified_standards', 'government', '建设、编制、公用经费、装备标准城乡统一', 'Urban–rural unified standards', 'yes', null, 'none', ['城乡统一标准', '四统一']),
  item('teacher_salary', 'government', '教师平均工资收入水平不低于当地公务员', 'Teacher pay not below civil servants', 'yes', null, 'none', ['教师平均工资收入水平', '教师工资不低于公务员']),
  item('training_completion', 'government', '教师5年360学时培训完成率', 'Teachers completing 360 hours of training in 5 years', 'min', 1, 'percent', ['5年360学时培训完成率', '教师培训完成率']),
  item('staffing_pooled', 'government', '教职工编制统筹配置', 'Staffing quotas pooled by the county', 'yes', null, 'none', ['编制统筹', '县域内教职工编制统筹']),
  item('rotation_ratio', 'government', '交流轮岗教师比例', 'Share of eligible teachers rotated', 'min', 0.1, 'percent', ['教师交流轮岗比例']),
  item('rotation_backbone_ratio', 'government', '交流轮岗教师中骨干教师比例', 'Backbone teachers among those rotated', 'min', 0.2, 'percent', ['交流轮岗骨干教师比例']),
  item('certified_ratio', 'government', '专任教师持证上岗率', 'Full-time teachers with a teaching certificate', 'min', 1, 'percent', ['持证上岗率']),
  item('nearby_primary', 'government', '城区和镇区公办小学就近划片入学比例', 'Urban and town public primary: nearby enrolment', 'min', 1, 'percent', ['小学就近划片入学比例']),
  item('nearby_junior', 'government', '城区和镇区公办初中就近划片入学比例', 'Urban and town public junior: nearby enrolment', 'min', 0.95, 'percent', ['初中就近划片入学比例']),
  item('quality_hs_quota', 'government', '优质高中招生名额分配比例', 'Quality senior-high places allotted to junior schools', 'min', 0.5, 'percent', ['优质高中招生名额分配到校比例', '名额分配比例']),
  item('migrant_children_ratio', 'government', '随迁子女在公办学校和政府购买服务的民办学校就读比例', 'Migrant children in public or commissioned schools', 'min', 0.85, 'percent', ['随迁子女就读比例']),
  item('junior_retention', 'quality', '初中三年巩固率', 'Junior three-year retention', 'min', 0.95, 'percent', ['初中巩固率']),
  item('disabled_enrolment', 'quality', '残疾儿童少年入学率', 'Enrolment of disabled children', 'min', 0.95, 'percent', ['残疾儿童入学率']),
  item('charter_informatization', 'quality', '学校章程与信息化管理', 'School charters and information management', 'yes', null, 'none', ['章程与信息化', '学校章程']),
  item('teacher_training_funds', 'quality', '学校教师培训经费占年度公用经费比例', 'Teacher training share of public funds', 'min', 0.05, 'percent', ['教师培训经费比例', '培训经费占公用经费比例']),
  item('moral_education', 'quality', '德育与校园文化建设', 'Moral education and school culture', 'yes', null, 'none', ['德育与校园文化']),
  item('curriculum', 'quality', '课程开齐开足', 'Full curriculum taught', 'yes', null, 'none', ['开齐开足课程']),
  item('no_excess_burden', 'quality', '无过重课业负担', 'No excessive homework burden', 'yes', null, 'none', ['学生课业负担合理', '减轻课业负担']),
  item('monitoring_level', 'quality', '国家义务教育质量监测学科成绩等级', 'National quality monitoring: subject level', 'min', 3, 'level', ['质量监测等级', '质量监测学科等级']),
  item('monitoring_difference', 'quality', '国家义务教育质量监测校际差异率', 'National quality monitoring: between-school difference', 'below', 0.15, 'ratio', ['质量监测校际差异率', '校际差异率']),
  item('social_recognition', 'recognition', '社会认可度', 'Social recognition', 'min', 0.85, 'percent', ['社会认可度调查']),
];
