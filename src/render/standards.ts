// `balance-check standards` and `balance-check explain ID`: the profiles, in words.
import type { IndicatorDef, Profile, Quantity } from '../profiles/schema.js';
import { format, type Lang } from '../i18n/messages.js';

const QUANTITY_WORDS: Record<Quantity, { zh: string; en: string }> = {
  teachers: { zh: '专任教师数', en: 'full-time teachers' },
  qualifiedTeachers: { zh: '高于规定学历教师数', en: 'teachers above the required qualification' },
  backboneTeachers: { zh: '县级以上骨干教师数', en: 'backbone teachers' },
  peArtTeachers: { zh: '体育、音乐、美术专任教师数', en: 'PE, music and fine-art teachers' },
  titledTeachers: { zh: '中级及以上职称教师数', en: 'teachers with intermediate or higher titles' },
  teachingArea: { zh: '教学及辅助用房面积（不含室内体育用房）', en: 'teaching and auxiliary room area (less indoor sports rooms)' },
  sportsArea: { zh: '体育运动场馆面积（含室内体育用房）', en: 'sports ground and hall area (with indoor sports rooms)' },
  equipmentValue: { zh: '教学仪器设备值（元）', en: 'teaching equipment value (yuan)' },
  multimediaRooms: { zh: '网络多媒体教室数', en: 'networked multimedia classrooms' },
  computers: { zh: '计算机台数', en: 'computers' },
  books: { zh: '图书册数', en: 'books' },
};

export function renderStandards(profiles: Profile[], lang: Lang): string {
  const zh = lang === 'zh';
  const lines: string[] = [];
  for (const p of profiles) {
    lines.push(`${p.id}  ${p.name[lang]}`, `  ${p.document}`);
    const rule = p.cv.composite
      ? zh
        ? `  判定：${p.indicators.length} 项差异系数的平均值（综合差异系数）小学 ≤ ${p.cv.composite.limits.primary}，初中 ≤ ${p.cv.composite.limits.junior}`
        : `  Verdict: mean of the ${p.indicators.length} CVs (composite) ≤ ${p.cv.composite.limits.primary} primary, ≤ ${p.cv.composite.limits.junior} junior`
      : p.cv.limits
        ? zh
          ? `  判定：每项差异系数小学 ≤ ${p.cv.limits.primary}、初中 ≤ ${p.cv.limits.junior}；每校至少 ${p.perSchool?.minMet} 项达标，其余 ≥ ${Math.round((p.perSchool?.floorRatio ?? 0) * 100)}%`
          : `  Verdict: each CV ≤ ${p.cv.limits.primary} primary, ≤ ${p.cv.limits.junior} junior; every school meets ≥ ${p.perSchool?.minMet} standards, the rest ≥ ${Math.round((p.perSchool?.floorRatio ?? 0) * 100)}%`
        : '';
    if (rule) lines.push(rule);
    for (const i of p.indicators) lines.push(`    ${i.id.padEnd(30)} ${i.name[lang]}`);
    lines.push('');
  }
  lines.push(zh ? '用 balance-check explain <指标> 查看定义与阈值。' : 'balance-check explain <indicator> shows a definition and its thresholds.');
  return lines.join('\n') + '\n';
}

export function formula(def: IndicatorDef, lang: Lang): string {
  const q = QUANTITY_WORDS[def.quantity][lang];
  const pupils = lang === 'zh' ? '在校生数' : 'pupils';
  return def.per === 1 ? `${q} ÷ ${pupils}` : `${q} ÷ ${pupils} × ${def.per}`;
}

/** issue 10 (checks): a definition with the profile's numbers filled in ({weights}: the split weights). */
export function definition(def: IndicatorDef, p: Profile, lang: Lang): string {
  const w = p.splitWeights;
  return format(def.definition[lang], { weights: `${w.primary} : ${w.junior} : ${w.senior}` });
}

/** Explains an indicator as each profile that has it defines it; null when no profile has it. */
export function renderExplain(id: string, profiles: Profile[], lang: Lang): string | null {
  const zh = lang === 'zh';
  const having = profiles.filter((p) => p.indicators.some((i) => i.id === id));
  if (having.length === 0) return null;
  const first = having[0]!.indicators.find((i) => i.id === id)!;
  const [colon, open, close] = zh ? ['：', '（', '）'] : [': ', ' (', ')'];
  const unit = first.unit[lang] ? `${open}${zh ? '单位' : 'unit'}${colon}${first.unit[lang]}${close}` : '';
  const lines = [`${first.name[lang]}${open}${id}${close}`, '', `${zh ? '定义' : 'Definition'}${colon}${definition(first, having[0]!, lang)}`, `${zh ? '公式' : 'Formula'}${colon}${formula(first, lang)}${unit}`];
  for (const p of having) {
    const def = p.indicators.find((i) => i.id === id)!;
    lines.push('', `${p.id} · ${p.name[lang]}`, `  ${zh ? '依据' : 'Source'}${colon}${p.document}`);
    if (def.standard) {
      const floor = p.perSchool?.floorRatio;
      for (const level of ['primary', 'junior'] as const) {
        const std = def.standard[level];
        const name = zh ? (level === 'primary' ? '小学' : '初中') : level === 'primary' ? 'primary' : 'junior';
        const floorText = floor ? (zh ? `，未达标时不低于 ${Number((std * floor).toPrecision(12))}（${Math.round(floor * 100)}%）` : `; if unmet at least ${Number((std * floor).toPrecision(12))} (${Math.round(floor * 100)}%)`) : '';
        lines.push(`  ${name}${colon}${zh ? '每校 ≥' : 'each school ≥'} ${std}${floorText}`);
      }
    }
    if (p.cv.limits) lines.push(`  ${zh ? '差异系数' : 'CV'}${colon}${zh ? '小学' : 'primary'} ≤ ${p.cv.limits.primary}${zh ? '，初中' : ', junior'} ≤ ${p.cv.limits.junior}`);
    if (p.cv.composite) {
      lines.push(
        zh
          ? `  差异系数单项只报告不判定；${p.indicators.length} 项平均（综合差异系数）小学 ≤ ${p.cv.composite.limits.primary}，初中 ≤ ${p.cv.composite.limits.junior}`
          : `  Single CV reported, not judged; the mean of ${p.indicators.length} CVs ≤ ${p.cv.composite.limits.primary} primary, ≤ ${p.cv.composite.limits.junior} junior`,
      );
    }
  }
  return lines.join('\n') + '\n';
}
