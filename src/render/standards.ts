// `balance-check standards` and `balance-check explain ID`: the profiles, in words.
import type { IndicatorDef, Profile } from '../profiles/schema.js';
import { quantityWords } from '../quantities.js';
import { SCHOOL_COLUMNS } from '../map/columns.js';
import { format, label, type LabelKey, type Lang } from '../i18n/messages.js';

export function renderStandards(profiles: Profile[], lang: Lang): string {
  const lines: string[] = [];
  for (const p of profiles) {
    lines.push(`${p.id}  ${p.name[lang]}`, `  ${p.document}`);
    const rule = p.cv.composite
      ? label(lang, 'standards.composite', { n: p.indicators.length, ...p.cv.composite.limits })
      : p.cv.limits
        ? label(lang, 'standards.each', {
            ...p.cv.limits,
            minMet: String(p.perSchool?.minMet),
            floor: Math.round((p.perSchool?.floorRatio ?? 0) * 100),
          })
        : '';
    if (rule) lines.push(`  ${rule}`);
    for (const i of p.indicators) lines.push(`    ${i.id.padEnd(30)} ${i.name[lang]}`);
    lines.push('');
  }
  lines.push(label(lang, 'standards.hint'));
  return lines.join('\n') + '\n';
}

export function formula(def: IndicatorDef, lang: Lang): string {
  const q = quantityWords(def.quantity)[lang];
  const pupils = SCHOOL_COLUMNS.find((c) => c.key === 'students')!.words![lang];
  return def.per === 1 ? `${q} ÷ ${pupils}` : `${q} ÷ ${pupils} × ${def.per}`;
}

/** issue 10 (checks): a definition with the profile's numbers filled in ({weights}: the split weights). */
export function definition(def: IndicatorDef, p: Profile, lang: Lang): string {
  const w = p.splitWeights;
  return format(def.definition[lang], { weights: `${w.primary} : ${w.junior} : ${w.senior}` });
}

/** Explains an indicator as each profile that has it defines it; null when no profile has it. */
export function renderExplain(id: string, profiles: Profile[], lang: Lang): string | null {
  const L = (key: LabelKey, params?: Record<string, unknown>) => label(lang, key, params);
  const having = profiles.filter((p) => p.indicators.some((i) => i.id === id));
  if (having.length === 0) return null;
  const first = having[0]!.indicators.find((i) => i.id === id)!;
  const [colon, open, close] = [L('colon'), L('open'), L('close')];
  const unit = first.unit[lang] ? `${open}${L('explain.unit')}${colon}${first.unit[lang]}${close}` : '';
  const lines = [
    `${first.name[lang]}${open}${id}${close}`,
    '',
    `${L('explain.definition')}${colon}${definition(first, having[0]!, lang)}`,
    `${L('explain.formula')}${colon}${formula(first, lang)}${unit}`,
  ];
  for (const p of having) {
    const def = p.indicators.find((i) => i.id === id)!;
    lines.push('', `${p.id} · ${p.name[lang]}`, `  ${L('explain.source')}${colon}${p.document}`);
    if (def.standard) {
      const floor = p.perSchool?.floorRatio;
      for (const level of ['primary', 'junior'] as const) {
        const std = def.standard[level];
        const floorText = floor
          ? L('explain.floor', { value: Number((std * floor).toPrecision(12)), pct: Math.round(floor * 100) })
          : '';
        lines.push(`  ${L(`explain.${level}`)}${colon}${L('explain.each')} ${std}${floorText}`);
      }
    }
    if (p.cv.limits) lines.push(`  ${L('explain.cv', p.cv.limits)}`);
    if (p.cv.composite) lines.push(`  ${L('explain.composite', { n: p.indicators.length, ...p.cv.composite.limits })}`);
  }
  return lines.join('\n') + '\n';
}
