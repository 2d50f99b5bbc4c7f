// issue 13: what every section builder shares: the words of the report's language, cells, titles and sheets.
import type { Level } from '../../domain.js';
import type { Profile, IndicatorDef } from '../../profiles/schema.js';
import type { County, Report } from '../../report/schema.js';
import { idLabel, label, type LabelKey, type LabelPrefix, type Lang } from '../../i18n/messages.js';
import { countyFiles } from '../tables.js';
import type { Cell, CellState, Column, NumberFormat, Section, SectionId } from '../sections.js';

export const INT: NumberFormat = { kind: 'int' };
export const fixed = (decimals: number): NumberFormat => ({ kind: 'fixed', decimals });
export const PERCENT: NumberFormat = { kind: 'percent', decimals: 1 };
/** The official CV block prints means, SDs and CVs to 6 decimals. */
export const CV_FORMAT = fixed(6);
const SHEET_CHARS = 31;

export type Params = Record<string, unknown>;

/** The words of a language for a profile: what a section needs without an assessment (plan and diff, issue 14). */
export interface Words {
  profile: Profile;
  lang: Lang;
  L: (key: LabelKey, params?: Params) => string;
  W: (prefix: LabelPrefix, id: string, params?: Params) => string;
  fileOf?: ((c: County) => string) | undefined;
  checkName: (id: string) => string;
  indicatorHead: (def: IndicatorDef) => string;
  /** Titles given so far: a title is unique within a report. */
  titles: Set<string>;
}

/** Everything a section builder needs: the report, the profile and the words of its language. */
export interface Ctx extends Words {
  report: Report;
  fileOf: ((c: County) => string) | undefined;
}

export function context(report: Report, profile: Profile): Ctx {
  return { ...words(report.lang, profile, report.meta), report, fileOf: countyFiles(report) };
}

/** The words of `lang`; the report's meta (where there is one) names the checks and indicators. */
export function words(lang: Lang, profile: Profile, meta?: Report['meta']): Words {
  // Words without parameters are asked for per cell (达标, 未达标): looked up once.
  const plain = new Map<LabelKey, string>();
  const L = (key: LabelKey, params?: Params) => {
    if (params) return label(lang, key, params);
    let w = plain.get(key);
    if (w === undefined) plain.set(key, (w = label(lang, key)));
    return w;
  };
  const W = (prefix: LabelPrefix, id: string, params?: Params) => idLabel(lang, prefix, id, params);
  const floor = profile.perSchool ? Math.round(profile.perSchool.floorRatio * 100) : 0;
  const checkName = (id: string) =>
    meta?.checks.find((x) => x.id === id)?.name[lang] ?? W('check.', id, { minMet: profile.perSchool?.minMet, floor });
  const indicatorHead = (def: IndicatorDef) => {
    const words = meta?.indicators.find((d) => d.id === def.id);
    const name = words?.name[lang] ?? def.name[lang];
    const unit = words?.unit[lang] ?? def.unit[lang];
    return unit ? L('col.indicatorName', { name, unit }) : name;
  };
  return { profile, lang, L, W, checkName, indicatorHead, titles: new Set() };
}

export const cell = (v: Cell['v'], state?: CellState, format?: NumberFormat): Cell =>
  state === undefined && format === undefined ? { v } : format === undefined ? { v, state } : { v, state, format };

/** pass → pass; fail → fail (warn for an advisory rule); null → na. */
export const stateOf = (pass: boolean | null, binding = true): CellState =>
  pass === true ? 'pass' : pass === false ? (binding ? 'fail' : 'warn') : 'na';

export function passCell(ctx: Words, pass: boolean | null, binding = true): Cell {
  return cell(ctx.L(pass === null ? 'not-assessed' : pass ? 'pass' : 'fail'), stateOf(pass, binding));
}

/** A section with its title, sheet and the county/level/file it belongs to. */
export function section(
  ctx: Words,
  id: SectionId,
  where: { county?: County | string; level?: Level },
  columns: Column[],
  rows: Cell[][],
  notes: string[],
): Section {
  const { L } = ctx;
  const word = L(`section.${id}` as LabelKey);
  const c = where.county;
  const file = typeof c === 'object' && ctx.fileOf ? ctx.fileOf(c) : undefined;
  const name = typeof c === 'string' ? c : c?.county;
  const county = name ? name + (file ? `${L('open')}${file}${L('close')}` : '') : '';
  let title = [county, where.level ? L(where.level) : '', word].filter(Boolean).join(' ');
  // Two counties of one name from one file (a duplicate-county finding says so) still get titles of their own.
  if (ctx.titles.has(title)) {
    let n = 2;
    while (ctx.titles.has(`${title} (${n})`)) n++;
    title = `${title} (${n})`;
  }
  ctx.titles.add(title);
  return {
    id,
    title,
    sheet: sheetName(ctx, id, where.level),
    ...(name ? { county: name } : {}),
    ...(where.level ? { level: where.level } : {}),
    ...(file !== undefined ? { file } : {}),
    columns,
    rows,
    notes,
  };
}

/** Sections of one kind from every county stack on one sheet: 差异系数（小学）, 班额, 数据问题 … */
function sheetName(ctx: Words, id: SectionId, level: Level | undefined): string {
  const { L } = ctx;
  let name: string;
  if (id === 'cv' && level) name = L('sheet.cv', { level: L(level) });
  else if (id === 'units' && level) name = L('sheet.units', { level: L(level) });
  else if (id === 'locale' && level) name = L('sheet.locale', { level: L(level) });
  else if (id === 'summary') name = L('sheet.summary');
  else if (id === 'checks') name = L('sheet.checks');
  else if (id === 'findings') name = L('sheet.findings');
  else {
    const word = L(`section.${id}` as LabelKey);
    name = level ? L('section.sheet', { name: word, level: L(level) }) : word;
  }
  // Characters a sheet name cannot hold, and Excel's 31-character limit.
  return [...name.replace(/[\\/?*[\]:]/g, ' ')].slice(0, SHEET_CHARS).join('');
}

/** Decimals that show a floor or standard exactly (3.825 needs 3), at least the indicator's own. */
export function exactDecimals(values: (number | null)[], min: number): number {
  let d = min;
  for (const v of new Set(values)) {
    if (v === null) continue;
    while (d < 6 && Math.abs(Number(v.toFixed(d)) - v) > 1e-9) d++;
  }
  return d;
}

/** More digits for a value that its column's decimals would round up to a threshold it fails. */
export function failingDigits(
  v: number,
  decimals: number,
  thresholds: number[],
  kind: 'min' | 'max' = 'min',
): NumberFormat | undefined {
  const looksMet = (d: number, t: number) => (kind === 'min' ? Number(v.toFixed(d)) >= t : Number(v.toFixed(d)) <= t);
  let d = decimals;
  while (d < 12 && thresholds.some((t) => looksMet(d, t))) d++;
  return d === decimals ? undefined : fixed(d);
}

/** A CV against its limit: a failing CV that 6 decimals would show at the limit gets more digits. */
export function cvCell(cv: number | null, limit: number | null, pass: boolean | null): Cell {
  const state = pass === null ? undefined : stateOf(pass);
  const format = cv !== null && limit !== null && pass === false ? failingDigits(cv, 6, [limit], 'max') : undefined;
  return cell(cv, state, format);
}
