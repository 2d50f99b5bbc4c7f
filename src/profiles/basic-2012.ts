import type { IndicatorDef, Profile } from './schema.js';
import { quality2017 } from './quality-2017.js';

const fromQuality = (id: string): IndicatorDef => ({
  ...quality2017.indicators.find((i) => i.id === id)!,
  standard: null,
});

/** 县域义务教育基本均衡发展督导评估 (教督〔2012〕3号). docs/rules.md §4: 8 CVs, judged by their mean. */
export const basic2012: Profile = {
  ...quality2017,
  id: 'basic-2012',
  name: { zh: '县域义务教育基本均衡发展督导评估', en: 'County basic-balance assessment' },
  document: '教督〔2012〕3号《县域义务教育均衡发展督导评估暂行办法》',
  indicators: [
    fromQuality('teaching_area_per_pupil'),
    fromQuality('sports_area_per_pupil'),
    fromQuality('equipment_value_per_pupil'),
    {
      id: 'computers_per100',
      name: { zh: '每百名学生拥有计算机台数', en: 'Computers per 100 pupils' },
      short: { zh: '计算机', en: 'Computers' },
      unit: { zh: '台', en: 'computers' },
      quantity: 'computers',
      per: 100,
      standard: null,
      decimals: 2,
      definition: {
        zh: '计算机台数 ÷ 在校生数 × 100；多学段学校的全校数量按 {weights} 拆分。',
        en: 'Computers ÷ pupils × 100; split {weights} in multi-level schools.',
      },
    },
    {
      id: 'books_per_pupil',
      name: { zh: '生均图书册数', en: 'Books per pupil' },
      short: { zh: '图书', en: 'Books' },
      unit: { zh: '册', en: 'books' },
      quantity: 'books',
      per: 1,
      standard: null,
      decimals: 2,
      definition: {
        zh: '图书册数 ÷ 在校生数；多学段学校的全校藏书按 {weights} 拆分。',
        en: 'Books ÷ pupils; split {weights} in multi-level schools.',
      },
    },
    {
      id: 'teacher_ratio',
      name: { zh: '师生比', en: 'Teacher–pupil ratio' },
      short: { zh: '师生比', en: 'Teachers' },
      unit: { zh: '', en: '' },
      quantity: 'teachers',
      per: 1,
      standard: null,
      decimals: 3,
      definition: { zh: '专任教师数 ÷ 在校生数（如 0.049）。', en: 'Full-time teachers ÷ pupils (e.g. 0.049).' },
    },
    {
      id: 'qualified_teachers_per_pupil',
      name: { zh: '生均高于规定学历教师数', en: 'Teachers above required qualification per pupil' },
      short: { zh: '高学历教师', en: 'Qualified' },
      unit: { zh: '人', en: 'teachers' },
      quantity: 'qualifiedTeachers',
      per: 1,
      standard: null,
      decimals: 3,
      definition: {
        zh: '高于规定学历的专任教师数 ÷ 在校生数。',
        en: 'Teachers above the required qualification ÷ pupils.',
      },
    },
    {
      id: 'titled_teachers_per_pupil',
      name: { zh: '生均中级及以上专业技术职务教师数', en: 'Teachers with intermediate or senior titles per pupil' },
      short: { zh: '中级职称', en: 'Titled' },
      unit: { zh: '人', en: 'teachers' },
      quantity: 'titledTeachers',
      per: 1,
      standard: null,
      decimals: 3,
      definition: {
        zh: '中级及以上专业技术职务的专任教师数 ÷ 在校生数。',
        en: 'Teachers with intermediate or higher professional titles ÷ pupils.',
      },
    },
  ],
  perSchool: null,
  cv: { weighting: 'enrolment', limits: null, composite: { limits: { primary: 0.65, junior: 0.55 } }, rounding: null },
  scope: [
    { reason: 'private', ownership: ['private'] },
    { reason: 'teaching-point', types: ['teaching_point'] },
    { reason: 'special-education', types: ['special_education'] },
    { reason: 'vocational', types: ['vocational'] },
    { reason: 'city-or-province', affiliation: ['city', 'province'] },
  ],
  visitingPeArt: null,
  // Class size, school size and the rest are reported, not judged (docs/rules.md §8).
  classSize: { ...quality2017.classSize, binding: false },
  schoolSize: quality2017.schoolSize && { ...quality2017.schoolSize, binding: false },
  specialRooms: null,
  parts: null,
  countyItems: [],
};
