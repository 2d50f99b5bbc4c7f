// The vocabulary shared by every stage. Input words (Chinese) map onto these English keys in `map`/`validate`.
import { z } from 'zod';

export const LEVELS = ['primary', 'junior'] as const;
export const Level = z.enum(LEVELS);
export type Level = z.infer<typeof Level>;

/** Levels a row can carry: the two assessed ones, the senior part (only for the split) and the whole school. */
export const RowLevel = z.enum(['primary', 'junior', 'senior', 'whole']);
export type RowLevel = z.infer<typeof RowLevel>;

export const SchoolType = z.enum([
  'primary_school',
  'junior_school',
  'nine_year',
  'twelve_year',
  'complete_secondary',
  'teaching_point',
  'special_education',
  'vocational',
]);
export type SchoolType = z.infer<typeof SchoolType>;

export const Ownership = z.enum(['public', 'private']);
export const Affiliation = z.enum(['county', 'city', 'province']);
export const Locale = z.enum(['urban', 'town', 'rural']);

/** Which levels a type of school teaches (senior only takes its share of shared facilities). */
export const LEVELS_OF_TYPE: Record<SchoolType, readonly RowLevel[]> = {
  primary_school: ['primary'],
  junior_school: ['junior'],
  nine_year: ['primary', 'junior'],
  twelve_year: ['primary', 'junior', 'senior'],
  complete_secondary: ['junior', 'senior'],
  teaching_point: ['primary'],
  special_education: ['primary', 'junior'],
  vocational: ['senior'],
};

/** Input words → keys. The first word of each list is the canonical one (what `template` writes). */
export const WORDS = {
  type: {
    primary_school: ['小学', '完全小学', '村小', '中心小学'],
    junior_school: ['初级中学', '初中', '独立初中'],
    nine_year: ['九年一贯制学校', '九年一贯制', '九年制学校'],
    twelve_year: ['十二年一贯制学校', '十二年一贯制'],
    complete_secondary: ['完全中学', '完中'],
    teaching_point: ['教学点', '小学教学点'],
    // 专门学校 (formerly 工读学校) are out of scope as special education schools are.
    special_education: ['特殊教育学校', '特教学校', '特殊教育', '其他特教学校', '工读学校', '专门学校'],
    vocational: ['职业学校', '中等职业学校', '职业高中', '中职', '职业高中学校', '中等技术学校', '技工学校'],
  },
  level: {
    primary: ['小学', 'primary'],
    junior: ['初中', 'junior'],
    senior: ['高中', 'senior'],
    whole: ['全校', 'whole'],
  },
  ownership: { public: ['公办', 'public'], private: ['民办', 'private'] },
  affiliation: {
    county: ['县属', '县直', '区属', '乡镇', 'county'],
    city: ['市属', '市直属', '市直', 'city'],
    province: ['省属', '省直属', '省直', 'province'],
  },
  // issue 14: also the statistics' 城乡分类 (统计用城乡划分代码) words and codes: 111/112 城区, 121–123 镇区, 210/220 乡村.
  locale: {
    urban: ['城区', 'urban', '主城区', '城乡结合区', '111', '112'],
    town: ['镇区', 'town', '镇中心区', '镇乡结合区', '特殊区域', '121', '122', '123'],
    rural: ['乡村', '农村', 'rural', '乡中心区', '村庄', '210', '220'],
  },
} as const;
