// issue 13: the sections per county and level: the official CV block and the per-school sheet.
import type { LocaleIndicator } from '../../compute/locale.js';
import type { IndicatorDef } from '../../profiles/schema.js';
import type { County, CountyLevel, UnitResult } from '../../report/schema.js';
import { countWord } from '../../i18n/messages.js';
import { quantityWords } from '../../quantities.js';
import type { Cell, CellState, Column, Section } from '../sections.js';
import {
  cvCell,
  CV_FORMAT,
  type Ctx,
  INT,
  cell,
  exactDecimals,
  failingDigits,
  fixed,
  passCell,
  section,
  stateOf,
  type Words,
} from './context.js';

export function cvSection(ctx: Ctx, county: County, level: CountyLevel): Section {
  const { L, W, profile, lang } = ctx;
  const defs = profile.indicators;
  const judgedComposite = level.composite !== null || profile.cv.composite !== null;
  const columns: Column[] = [
    { head: L('col.no'), format: INT },
    { head: L('col.cvRow') },
    ...defs.map((d) => ({ head: ctx.indicatorHead(d), short: d.short[lang], format: CV_FORMAT })),
    { head: L(judgedComposite ? 'col.composite' : 'col.compositeInfo'), format: CV_FORMAT },
  ];
  const where = { county, level: level.level };
  if (level.unitCount === 0)
    return section(ctx, 'cv', where, columns, [], [L('note.notAssessed', { reason: L('reason.no-units') })]);
  const by = (id: string) => level.indicators.find((i) => i.id === id);
  const comp = level.composite;
  const rows: Cell[][] = [
    [cell(1), cell(L('row.mean')), ...defs.map((d) => cell(by(d.id)?.mean ?? null)), cell(null)],
    [cell(2), cell(L('row.sd')), ...defs.map((d) => cell(by(d.id)?.sd ?? null)), cell(null)],
    [
      cell(3),
      cell(L('row.cv')),
      ...defs.map((d) => {
        const i = by(d.id);
        return cvCell(i?.cv ?? null, i?.cvLimit ?? null, i?.pass ?? null);
      }),
      comp ? cvCell(comp.cv, comp.limit, comp.pass) : cell(level.cvMean),
    ],
    [
      cell(null),
      cell(L('row.limit')),
      ...defs.map((d) => cell(by(d.id)?.cvLimit ?? null)),
      cell(comp ? comp.limit : null),
    ],
    [
      cell(null),
      cell(L('row.met')),
      ...defs.map((d) => {
        const i = by(d.id);
        return i && i.pass !== null ? passCell(ctx, i.pass) : cell(null);
      }),
      comp ? passCell(ctx, comp.pass) : cell(null),
    ],
  ];
  const count = countWord(lang, defs.length);
  const notes = [L('note.level', { units: level.unitCount, students: level.students })];
  notes.push(L(judgedComposite ? 'note.compositeJudged' : 'note.compositeInfo', { count }));
  for (const d of defs) {
    const i = by(d.id);
    if (i && i.cv === null)
      notes.push(L('note.cvNull', { indicator: ctx.indicatorHead(d), reason: W('reason.', i.reason ?? 'no-data') }));
  }
  if (level.reason) notes.push(W('reason.', level.reason));
  if (ctx.report.cvRounding !== null) notes.push(L('cvRounding', { n: ctx.report.cvRounding }));
  return section(ctx, 'cv', where, columns, rows, notes);
}

export function unitsSection(ctx: Ctx, county: County, level: CountyLevel): Section {
  const { L, profile, lang } = ctx;
  const rule = profile.perSchool;
  const units = county.units.filter((u) => u.level === level.level);
  const columns: Column[] = [
    { head: L('col.no'), format: INT },
    { head: L('col.school'), width: 24 },
    { head: L('col.schoolCode') },
  ];
  const judgedDef = (d: IndicatorDef) => rule !== null && d.standard !== null;
  const floorsOf = (i: number) => units.map((u) => u.indicators[i]?.floor ?? null);
  for (const [i, d] of profile.indicators.entries()) {
    const group = ctx.indicatorHead(d);
    const amount = amountHead(ctx, d);
    // Narrow layouts: the indicator's short name with the column's word (高学历教师 实际值).
    const short = (head: string) => `${d.short[lang]} ${head}`;
    const judged = judgedDef(d);
    if (judged) {
      const basic = L('col.basic');
      const target = L('col.target');
      columns.push(
        { head: basic, short: short(basic), group, format: fixed(exactDecimals(floorsOf(i), d.decimals)) },
        {
          head: target,
          short: short(target),
          group,
          format: fixed(exactDecimals([d.standard![level.level]], d.decimals)),
        },
      );
    }
    const actual = L('col.actual');
    const students = L('col.students');
    columns.push(
      { head: actual, short: short(actual), group, format: fixed(d.decimals) },
      { head: amount, short: short(L('col.numerator')), group },
      { head: students, short: short(students), group, format: INT },
    );
    if (judged) columns.push({ head: L('row.met'), short: short(L('row.met')), group });
  }
  if (rule) columns.push({ head: L('col.metCount'), format: INT }, { head: L('row.met') });
  columns.push({ head: L('col.source') });
  const where = { county, level: level.level };
  const notes: string[] = [];
  if (rule) {
    notes.push(
      L('note.floor', { floor: Math.round(rule.floorRatio * 100), minMet: rule.minMet }),
      L('note.schoolVerdict'),
    );
  } else notes.push(L('note.noUnitStandards'));
  notes.push(L('note.amount'));
  if (level.unitCount === 0 && units.length === 0)
    return section(ctx, 'units', where, columns, [], [L('note.notAssessed', { reason: L('reason.no-units') })]);
  const rows = units.map((u, n) => unitRow(ctx, u, n + 1, judgedDef));
  if (rows.length === 0) notes.push(L('note.none'));
  return section(ctx, 'units', where, columns, rows, notes);
}

function amountHead(ctx: Ctx, d: IndicatorDef): string {
  let what: string;
  try {
    what = quantityWords(d.quantity)[ctx.lang];
  } catch {
    what = d.quantity;
  }
  const unit = d.unit[ctx.lang];
  // 教学仪器设备值（元） already says its unit.
  return unit && !what.includes(unit) ? ctx.L('col.amount', { what, unit }) : what;
}

function unitRow(ctx: Ctx, u: UnitResult, n: number, judgedDef: (d: IndicatorDef) => boolean): Cell[] {
  const { L, profile } = ctx;
  const row: Cell[] = [cell(n), cell(u.name), cell(u.code)];
  for (const [k, d] of profile.indicators.entries()) {
    const i = u.indicators[k];
    const value = i?.value ?? null;
    const state: CellState | undefined =
      i?.met === true ? 'pass' : i?.met === false ? (i.aboveFloor ? 'warn' : 'fail') : undefined;
    const thresholds = [
      ...(i?.met === false && i.standard !== null ? [i.standard] : []),
      ...(i?.aboveFloor === false && i.floor !== null ? [i.floor] : []),
    ];
    const format = value === null ? undefined : failingDigits(value, d.decimals, thresholds);
    if (judgedDef(d)) row.push(cell(i?.floor ?? null), cell(i?.standard ?? null));
    const amount = i?.amount ?? null;
    // A split school's share of a figure is fractional: two decimals shown, full precision kept in the cell.
    const amountFormat = amount === null || Number.isInteger(amount) ? undefined : fixed(2);
    row.push(cell(value, state, format), cell(amount, undefined, amountFormat), cell(u.students));
    if (judgedDef(d)) row.push(i?.met == null ? cell(null) : cell(L(i.met ? 'pass' : 'fail'), state));
  }
  if (profile.perSchool)
    row.push(cell(u.met), u.pass === null ? cell(L('not-assessed'), 'na') : cell(u.pass ? 1 : 0, stateOf(u.pass)));
  row.push(cell(`${u.sheet}!${u.row}`));
  return row;
}

/** issue 14 (城乡): per indicator the county mean, then per group 学校数 | 均值 | 差异系数, then 乡村/城区. Information only. */
export function localeSection(ctx: Ctx, county: County, level: CountyLevel): Section | null {
  const figures = level.locales;
  if (!figures) return null;
  const { L, profile } = ctx;
  const { columns, rows } = localeTable(
    ctx,
    figures.indicators,
    (id) => level.indicators.find((x) => x.id === id)?.mean ?? null,
  );
  const u = figures.units;
  const notes = [L('note.localeUnits', { urban: u.urban, town: u.town, rural: u.rural })];
  if (u.unknown) notes.push(L('note.localeUnknown', { n: u.unknown }));
  const weighting = L(profile.cv.weighting === 'unweighted' ? 'note.localeUnweighted' : 'note.localeWeighted');
  notes.push(L('note.localeMethod', { weighting }), L('note.localeInfo'));
  return section(ctx, 'locale', { county, level: level.level }, columns, rows, notes);
}

/**
 * The 城乡 table of a level (the assessment's section, and plan's): per indicator in the profile's order, the county
 * mean where `mean` gives one, then per group 学校数 | 均值 | 差异系数, then 乡村/城区.
 */
export function localeTable(
  w: Words,
  indicators: LocaleIndicator[],
  mean?: (id: string) => number | null,
): { columns: Column[]; rows: Cell[][] } {
  const { L, profile } = w;
  const groups = ['urban', 'town', 'rural'] as const;
  const columns: Column[] = [{ head: L('col.indicator'), width: 24 }, ...(mean ? [{ head: L('col.mean') }] : [])];
  for (const g of groups) {
    const group = L(`locale.${g}`);
    const [n, m, cv] = [L('col.localeUnits'), L('col.localeMean'), L('col.cv')];
    columns.push(
      { head: n, short: `${group} ${n}`, group, format: INT },
      { head: m, short: `${group} ${m}`, group },
      { head: cv, short: `${group} ${cv}`, group, format: CV_FORMAT },
    );
  }
  columns.push({ head: L('col.ruralToUrban'), format: fixed(2) });
  const rows: Cell[][] = [];
  for (const d of profile.indicators) {
    const i = indicators.find((x) => x.id === d.id);
    if (!i) continue;
    // Means are in the indicator's own unit: each row shows its indicator's decimals.
    const decimals = fixed(d.decimals);
    const row: Cell[] = [cell(w.indicatorHead(d))];
    if (mean) {
      const m = mean(d.id);
      row.push(cell(m, undefined, m === null ? undefined : decimals));
    }
    for (const g of groups) {
      const x = i.groups[g];
      row.push(cell(x.units), cell(x.mean, undefined, x.mean === null ? undefined : decimals), cell(x.cv));
    }
    row.push(cell(i.ruralToUrban));
    rows.push(row);
  }
  return { columns, rows };
}
