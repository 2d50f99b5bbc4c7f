// issue 13: the report as sections (src/render/sections.ts has the model). Pure: the same report and profile
// always give the same sections; words come from the catalogue in the report's language (report.lang).
//
// Which sections exist when (docs/output.md):
// - summary: only when the report has more than one county;
// - per county: checks; per level of the county cv and units (a level without units: a note, no rows);
//   class-size and class-size-schools (not assessed without class data: a note saying why); school-size and
//   special-rooms when the standard runs that check; staffing; county-items when the standard has parts
//   (quality-2017); excluded only when the county has schools not assessed;
// - findings and reading, once for the run, always (a note 无 / none when there is nothing to list).
// A section assessed with nothing to list has no rows and the note 无; one not assessed has the note 未评估 and why.
import type { Level } from '../../domain.js';
import type { IndicatorDef, Profile } from '../../profiles/schema.js';
import type { Check, County, CountyLevel, ItemResult, Report, UnitResult } from '../../report/schema.js';
import { countWord, idLabel, label, type LabelKey, type LabelPrefix, type Lang } from '../../i18n/messages.js';
import { quantityWords } from '../../quantities.js';
import { countyFiles, summaryRows } from '../tables.js';
import type { Cell, CellState, Column, NumberFormat, ReportHeading, Section, SectionId } from '../sections.js';

const INT: NumberFormat = { kind: 'int' };
const fixed = (decimals: number): NumberFormat => ({ kind: 'fixed', decimals });
const PERCENT: NumberFormat = { kind: 'percent', decimals: 1 };
/** The official CV block prints means, SDs and CVs to 6 decimals. */
const CV_FORMAT = fixed(6);
const SHEET_CHARS = 31;

type Params = Record<string, unknown>;

/** Everything a section builder needs: the report, the profile and the words of its language. */
interface Ctx {
  report: Report;
  profile: Profile;
  lang: Lang;
  L: (key: LabelKey, params?: Params) => string;
  W: (prefix: LabelPrefix, id: string, params?: Params) => string;
  fileOf: ((c: County) => string) | undefined;
  checkName: (id: string) => string;
  indicatorHead: (def: IndicatorDef) => string;
  /** Titles given so far: a title is unique within a report. */
  titles: Set<string>;
}

function context(report: Report, profile: Profile): Ctx {
  const lang = report.lang;
  const L = (key: LabelKey, params?: Params) => label(lang, key, params);
  const W = (prefix: LabelPrefix, id: string, params?: Params) => idLabel(lang, prefix, id, params);
  const meta = report.meta;
  const floor = profile.perSchool ? Math.round(profile.perSchool.floorRatio * 100) : 0;
  const checkName = (id: string) =>
    meta?.checks.find((x) => x.id === id)?.name[lang] ?? W('check.', id, { minMet: profile.perSchool?.minMet, floor });
  const indicatorHead = (def: IndicatorDef) => {
    const words = meta?.indicators.find((d) => d.id === def.id);
    const name = words?.name[lang] ?? def.name[lang];
    const unit = words?.unit[lang] ?? def.unit[lang];
    return unit ? L('col.indicatorName', { name, unit }) : name;
  };
  return { report, profile, lang, L, W, fileOf: countyFiles(report), checkName, indicatorHead, titles: new Set() };
}

const cell = (v: Cell['v'], state?: CellState, format?: NumberFormat): Cell =>
  state === undefined && format === undefined ? { v } : format === undefined ? { v, state } : { v, state, format };

/** pass → pass; fail → fail (warn for an advisory rule); null → na. */
const stateOf = (pass: boolean | null, binding = true): CellState =>
  pass === true ? 'pass' : pass === false ? (binding ? 'fail' : 'warn') : 'na';

function passCell(ctx: Ctx, pass: boolean | null, binding = true): Cell {
  return cell(ctx.L(pass === null ? 'not-assessed' : pass ? 'pass' : 'fail'), stateOf(pass, binding));
}

/** A section with its title, sheet and the county/level/file it belongs to. */
function section(
  ctx: Ctx,
  id: SectionId,
  where: { county?: County; level?: Level },
  columns: Column[],
  rows: Cell[][],
  notes: string[],
): Section {
  const { L } = ctx;
  const word = L(`section.${id}` as LabelKey);
  const file = where.county && ctx.fileOf ? ctx.fileOf(where.county) : undefined;
  const county = where.county ? where.county.county + (file ? `${L('open')}${file}${L('close')}`.trimStart() : '') : '';
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
    ...(where.county ? { county: where.county.county } : {}),
    ...(where.level ? { level: where.level } : {}),
    ...(file !== undefined ? { file } : {}),
    columns,
    rows,
    notes,
  };
}

/** Sections of one kind from every county stack on one sheet: 差异系数（小学）, 班额, 数据问题 … */
function sheetName(ctx: Ctx, id: SectionId, level: Level | undefined): string {
  const { L } = ctx;
  let name: string;
  if (id === 'cv' && level) name = L('sheet.cv', { level: L(level) });
  else if (id === 'units' && level) name = L('sheet.units', { level: L(level) });
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

/** The report as sections, in report order (see the top of this file for which exist when). */
export function reportSections(report: Report, profile: Profile): Section[] {
  return [...sectionsOf(report, profile)];
}

/** The same sections one at a time: a national report's csv never holds every county's rows at once. */
export function* sectionsOf(report: Report, profile: Profile): Generator<Section> {
  const ctx = context(report, profile);
  if (report.counties.length > 1) yield summarySection(ctx);
  for (const county of report.counties) {
    yield checksSection(ctx, county);
    for (const level of county.levels) {
      yield cvSection(ctx, county, level);
      yield unitsSection(ctx, county, level);
    }
    yield classSizeSection(ctx, county);
    yield classSchoolsSection(ctx, county);
    const size = county.checks.find((c) => c.id === 'school-size');
    if (size) yield schoolSizeSection(ctx, county, size);
    const rooms = county.checks.find((c) => c.id === 'special-rooms');
    if (rooms) yield roomsSection(ctx, county, rooms);
    yield staffingSection(ctx, county);
    if (county.parts) yield itemsSection(ctx, county);
    if (county.excluded.length) yield excludedSection(ctx, county);
  }
  yield findingsSection(ctx);
  yield readingSection(ctx);
}

/** Words at the top of the report: standard and document, 填报单位 (the counties), verdict, date. */
export function reportHeading(report: Report, profile: Profile, date?: string): ReportHeading {
  const lang = report.lang;
  const L = (key: LabelKey, params?: Params) => label(lang, key, params);
  const meta = report.meta;
  const names = report.counties.map((c) => c.county);
  const shown = names.slice(0, HEADING_COUNTIES).join(L('sep'));
  const counties =
    names.length === 0
      ? L('counties.none')
      : names.length > HEADING_COUNTIES
        ? shown + L('counties.more', { n: names.length })
        : shown;
  const lines = [
    L('heading.standard', {
      name: meta?.standard.name[lang] ?? report.standardName,
      document: meta?.standard.document[lang] ?? profile.document,
    }),
    L('heading.counties', { names: counties }),
    L('heading.verdict', { verdict: L(report.verdict), exit: report.exitCode }),
  ];
  if (report.cvRounding !== null) lines.push(L('cvRounding', { n: report.cvRounding }));
  if (date) lines.push(L('heading.date', { date }));
  lines.push(L('heading.tool', { version: report.tool.version }));
  return { title: L('heading.title', { standard: report.standardName }), lines };
}
const HEADING_COUNTIES = 10;

function summarySection(ctx: Ctx): Section {
  const { L, W, report, profile, lang, fileOf } = ctx;
  const meta = report.meta;
  const rule = (id: string) =>
    meta?.countyItems.find((i) => i.id === id)?.name[lang] ??
    profile.countyItems.find((i) => i.id === id)?.name[lang] ??
    ctx.checkName(id);
  const columns: Column[] = [
    { head: L('county') },
    ...(fileOf ? [{ head: L('col.file') }] : []),
    { head: L('verdict') },
    { head: L('col.failedRules') },
    { head: L('col.worstCv'), format: CV_FORMAT },
    { head: L('col.worstCvIndicator') },
  ];
  const rows = report.counties.map((c) => {
    const s = summaryRows(c);
    const [level, id] = (s.worstId ?? ':').split(':');
    const def = profile.indicators.find((d) => d.id === id);
    const worst = s.worstId && def ? `${W('', level ?? '')} ${ctx.indicatorHead(def)}` : (s.worstId ?? null);
    return [
      cell(c.county),
      ...(fileOf ? [cell(fileOf(c))] : []),
      cell(L(c.verdict), c.verdict === 'pass' ? 'pass' : c.verdict === 'fail' ? 'fail' : 'na'),
      cell(s.failed.map(rule).join(L('sep')) || null),
      cell(s.worstCv),
      cell(worst),
    ];
  });
  return section(ctx, 'summary', {}, columns, rows, []);
}

/** Failures counted in the check's own unit: classes for class size, CVs for the CV rules, else schools. */
function unmetCount(ch: Check, county: County): number | null {
  if (ch.pass === null) return null;
  if (ch.id === 'class-size') return county.classSize.overLimit;
  if (ch.id === 'cv' || ch.id === 'composite') return ch.failures.length;
  return new Set(ch.failures.map((f, i) => f.code ?? `#${i}`)).size;
}

function checkDetail(ctx: Ctx, ch: Check, county: County): string {
  const { L, W } = ctx;
  if (ch.pass === null) return L('note.notAssessed', { reason: W('reason.', ch.reason ?? 'no-data') });
  if (ch.id === 'staffing') {
    if (ch.pass) return L('summary.ok');
    const total = county.levels.reduce((a, l) => a + (l.staffing.shortfall ?? 0), 0);
    const schools = new Set(ch.failures.map((f) => f.code)).size;
    const sum = ch.failures.reduce((a, f) => a + (f.value ?? 0), 0);
    return L('summary.staffing', { n: total, schools, sum });
  }
  if (ch.id === 'class-size') {
    const s = county.classSize;
    return L('summary.classes', { over: s.overLimit, large: s.large, super: s.superLarge });
  }
  if (ch.pass) return L('summary.ok');
  if (ch.id === 'cv' || ch.id === 'composite')
    return county.levels
      .map((l) => [l.level, ch.failures.filter((f) => f.level === l.level).length] as const)
      .filter(([, n]) => n > 0)
      .map(([lv, n]) => `${L(lv)} ${L('summary.cv', { n })}`)
      .join(L('sep'));
  return L('summary.units', { n: new Set(ch.failures.map((f) => f.code)).size });
}

function checksSection(ctx: Ctx, county: County): Section {
  const { L } = ctx;
  const columns: Column[] = [
    { head: L('col.check') },
    { head: L('col.result') },
    { head: L('col.role') },
    { head: L('col.unmet'), format: INT },
    { head: L('col.coverage') },
    { head: L('col.notes') },
  ];
  const rows = county.checks.map((ch) => [
    cell(ctx.checkName(ch.id)),
    passCell(ctx, ch.pass, ch.binding),
    cell(L(ch.binding ? 'role.binding' : 'role.advisory')),
    cell(unmetCount(ch, county)),
    cell(
      ch.assessed === 'partial' && ch.coverage
        ? `${L('part.partial')}${L('open')}${L('coverage.counts', { assessed: ch.coverage.assessed, total: ch.coverage.total })}${L('close')}`.trim()
        : null,
    ),
    cell(checkDetail(ctx, ch, county)),
  ]);
  const notes = [L('verdict') + L('colon') + L(county.verdict)];
  if (county.reason) notes.push(ctx.W('reason.', county.reason));
  if (county.checks.length === 0) notes.push(L('note.none'));
  return section(ctx, 'checks', { county }, columns, rows, notes);
}

function cvSection(ctx: Ctx, county: County, level: CountyLevel): Section {
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
        return cell(i?.cv ?? null, i && i.pass !== null ? stateOf(i.pass) : undefined);
      }),
      comp ? cell(comp.cv, stateOf(comp.pass)) : cell(level.cvMean),
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

/** Decimals that show a floor or standard exactly (3.825 needs 3), at least the indicator's own. */
function exactDecimals(values: (number | null)[], min: number): number {
  let d = min;
  for (const v of values) {
    if (v === null) continue;
    while (d < 6 && Math.abs(Number(v.toFixed(d)) - v) > 1e-9) d++;
  }
  return d;
}

/** More digits for a value that its column's decimals would round up to a threshold it fails. */
function failingDigits(v: number, decimals: number, thresholds: number[]): NumberFormat | undefined {
  let d = decimals;
  while (d < 12 && thresholds.some((t) => Number(v.toFixed(d)) >= t)) d++;
  return d === decimals ? undefined : fixed(d);
}

function unitsSection(ctx: Ctx, county: County, level: CountyLevel): Section {
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
    row.push(cell(value, state, format), cell(i?.amount ?? null), cell(u.students));
    if (judgedDef(d)) row.push(i?.met == null ? cell(null) : cell(L(i.met ? 'pass' : 'fail'), state));
  }
  if (profile.perSchool)
    row.push(cell(u.met), u.pass === null ? cell(L('not-assessed'), 'na') : cell(u.pass ? 1 : 0, stateOf(u.pass)));
  row.push(cell(`${u.sheet}!${u.row}`));
  return row;
}

function classSizeSection(ctx: Ctx, county: County): Section {
  const { L, W, profile } = ctx;
  const cs = profile.classSize;
  const columns: Column[] = [
    { head: L('col.level') },
    { head: L('col.classes'), format: INT },
    { head: L('col.over'), format: INT },
    { head: L('col.share'), format: PERCENT },
    { head: L('col.large'), format: INT },
    { head: L('col.share'), format: PERCENT },
    { head: L('col.super'), format: INT },
    { head: L('col.share'), format: PERCENT },
  ];
  const notes = [
    L('note.classLimits', {
      primary: cs.limits.primary,
      junior: cs.limits.junior,
      largeMin: cs.large.min,
      largeMax: cs.large.max,
      superLarge: cs.superLarge,
    }),
  ];
  const ch = county.checks.find((c) => c.id === 'class-size');
  if (!county.classSize.assessed) {
    notes.push(L('note.notAssessed', { reason: W('reason.', ch?.reason ?? 'no-class-data') }));
    return section(ctx, 'class-size', { county }, columns, [], notes);
  }
  const share = (n: number, of: number) => (of > 0 ? n / of : null);
  const over = (n: number) => (n > 0 ? stateOf(false, ch?.binding ?? true) : undefined);
  const rows: Cell[][] = [];
  for (const l of county.levels) {
    const s = l.classSize;
    if (!s) continue;
    rows.push([
      cell(L(l.level)),
      cell(s.classes),
      cell(s.overLimit, over(s.overLimit)),
      cell(share(s.overLimit, s.classes)),
      cell(s.large),
      cell(share(s.large, s.classes)),
      cell(s.superLarge),
      cell(share(s.superLarge, s.classes)),
    ]);
  }
  const t = county.classSize;
  rows.push([
    cell(L('row.total')),
    cell(t.classes),
    cell(t.overLimit, over(t.overLimit)),
    cell(t.overLimitShare),
    cell(t.large),
    cell(t.largeShare),
    cell(t.superLarge),
    cell(t.superLargeShare),
  ]);
  if (t.uncertain) notes.push(L('note.uncertain', { n: t.uncertain }));
  return section(ctx, 'class-size', { county }, columns, rows, notes);
}

function classSchoolsSection(ctx: Ctx, county: County): Section {
  const { L, W } = ctx;
  const columns: Column[] = [
    { head: L('col.school'), width: 24 },
    { head: L('col.schoolCode') },
    { head: L('col.level') },
    { head: L('col.overClasses'), format: INT },
    { head: L('col.large'), format: INT },
    { head: L('col.super'), format: INT },
    { head: L('col.largest'), format: INT },
  ];
  if (!county.classSize.assessed) {
    const ch = county.checks.find((c) => c.id === 'class-size');
    const reason = W('reason.', ch?.reason ?? 'no-class-data');
    return section(ctx, 'class-size-schools', { county }, columns, [], [L('note.notAssessed', { reason })]);
  }
  const rows = county.units
    .filter((u) => u.classSize && u.classSize.overLimit > 0)
    .map((u) => {
      const s = u.classSize!;
      return [
        cell(u.name),
        cell(u.code),
        cell(L(u.level)),
        cell(s.overLimit, 'fail'),
        cell(s.large),
        cell(s.superLarge),
        cell(s.largest),
      ];
    });
  return section(ctx, 'class-size-schools', { county }, columns, rows, rows.length ? [] : [L('note.none')]);
}

/** Notes for a check's section: not assessed and why, partly assessed, or nothing to list. */
function checkNotes(ctx: Ctx, ch: Check, rows: number): string[] {
  const { L, W } = ctx;
  if (ch.pass === null) return [L('note.notAssessed', { reason: W('reason.', ch.reason ?? 'no-data') })];
  const notes: string[] = [];
  if (ch.assessed === 'partial' && ch.coverage)
    notes.push(
      `${L('part.partial')}${L('open')}${L('coverage.counts', { assessed: ch.coverage.assessed, total: ch.coverage.total })}${L('close')}`.trim(),
    );
  if (!ch.binding) notes.push(L('note.advisory'));
  if (rows === 0) notes.push(L('note.none'));
  return notes;
}

function schoolSizeSection(ctx: Ctx, county: County, ch: Check): Section {
  const { L } = ctx;
  const columns: Column[] = [
    { head: L('col.school'), width: 24 },
    { head: L('col.schoolCode') },
    { head: L('col.students'), format: INT },
    { head: L('col.limit'), format: INT },
  ];
  const rows = ch.failures.map((f) => [
    cell(f.name ?? null),
    cell(f.code ?? null),
    cell(f.value ?? null, stateOf(false, ch.binding)),
    cell(f.limit ?? null),
  ]);
  return section(ctx, 'school-size', { county }, columns, rows, checkNotes(ctx, ch, rows.length));
}

function roomsSection(ctx: Ctx, county: County, ch: Check): Section {
  const { L, W, profile } = ctx;
  const columns: Column[] = [
    { head: L('col.school'), width: 24 },
    { head: L('col.schoolCode') },
    { head: L('col.subject') },
    { head: L('col.value'), format: INT },
    { head: L('col.required'), format: INT },
  ];
  const rows = ch.failures.map((f) => [
    cell(f.name ?? null),
    cell(f.code ?? null),
    cell(f.detail ? W('', f.detail) : null),
    cell(f.value ?? null, stateOf(false, ch.binding)),
    cell(f.limit ?? null),
  ]);
  const notes = [L('note.rooms', { per: profile.specialRooms?.classesPerRoom }), ...checkNotes(ctx, ch, rows.length)];
  return section(ctx, 'special-rooms', { county }, columns, rows, notes);
}

function staffingSection(ctx: Ctx, county: County): Section {
  const { L, profile } = ctx;
  const ch = county.checks.find((c) => c.id === 'staffing');
  const binding = ch?.binding ?? profile.staffing.binding;
  const columns: Column[] = [
    { head: L('col.school'), width: 24 },
    { head: L('col.level') },
    { head: L('col.students'), format: INT },
    { head: L('col.teachers'), format: INT },
    { head: L('col.ratioN'), format: fixed(1) },
    { head: L('col.norm') },
    { head: L('col.shortfall'), format: INT },
  ];
  const short = (n: number | null) => (n !== null && n > 0 ? stateOf(false, binding) : undefined);
  const rows: Cell[][] = [];
  for (const l of county.levels) {
    if (l.unitCount === 0) continue;
    const s = l.staffing;
    rows.push([
      cell(L('row.county')),
      cell(L(l.level)),
      cell(s.students),
      cell(s.teachers),
      cell(s.ratio),
      cell(s.norm),
      cell(s.shortfall, short(s.shortfall)),
    ]);
  }
  for (const u of county.units) {
    const s = u.staffing;
    if ((s.shortfall ?? 0) <= 0) continue;
    rows.push([
      cell(u.name),
      cell(L(u.level)),
      cell(s.students),
      cell(s.teachers),
      cell(s.ratio),
      cell(s.norm),
      cell(s.shortfall, short(s.shortfall)),
    ]);
  }
  const notes = [
    L('note.staffing', { primary: profile.staffing.norms.primary, junior: profile.staffing.norms.junior }),
  ];
  if (ch) notes.push(...checkNotes(ctx, ch, rows.length));
  else if (!binding) notes.push(L('note.advisory'));
  return section(ctx, 'staffing', { county }, columns, rows, notes);
}

/** A county item's value as a cell: percentages as shares (percent format), 是/否, levels Ⅰ–Ⅳ, else the number. */
function itemValueCell(ctx: Ctx, i: ItemResult, v: number | boolean | null, state?: CellState): Cell {
  if (v === null) return cell(null, state);
  if (typeof v === 'boolean') return cell(ctx.L(v ? 'yes' : 'no'), state);
  if (i.unit === 'percent') return cell(v, state, { kind: 'percent', decimals: exactDecimals([v * 100], 0) });
  if (i.unit === 'level') return cell(['', 'Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'][v] ?? v, state);
  return cell(v, state);
}

function requirement(ctx: Ctx, i: ItemResult): string | null {
  if (i.kind === 'computed') return null;
  if (i.kind === 'yes' || i.threshold === null) return ctx.L('yes');
  const sign = i.kind === 'min' ? '≥' : i.kind === 'max' ? '≤' : '<';
  const t = i.threshold;
  const shown =
    i.unit === 'percent'
      ? `${Number((t * 100).toPrecision(10))}%`
      : i.unit === 'level'
        ? (['', 'Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'][t] ?? String(t))
        : String(t);
  return `${sign} ${shown}`;
}

function itemsSection(ctx: Ctx, county: County): Section {
  const { L, W } = ctx;
  const columns: Column[] = [
    { head: L('col.part') },
    { head: L('col.item'), width: 30 },
    { head: L('col.value') },
    { head: L('col.required') },
    { head: L('col.result') },
    { head: L('col.notes') },
  ];
  const rows: Cell[][] = [];
  const notes: string[] = [];
  for (const p of county.parts ?? []) {
    for (const i of p.items) {
      const why = i.reason ? W('reason.', i.reason) : i.check ? ctx.checkName(i.check) : null;
      rows.push([
        cell(p.name),
        cell(i.name),
        itemValueCell(ctx, i, i.value),
        cell(requirement(ctx, i)),
        passCell(ctx, i.pass),
        cell(why),
      ]);
    }
    const n = p.items.length + p.checks.length;
    const checks = county.checks.filter((ch) => p.checks.includes(ch.id));
    const judged = p.items.filter((i) => i.pass !== null).length + checks.filter((ch) => ch.pass !== null).length;
    const failed = p.items.filter((i) => i.pass === false).length + checks.filter((ch) => ch.pass === false).length;
    let result: string;
    if (p.assessed === 'none') {
      const noSheet = p.items.some((i) => i.reason === 'no-county-sheet');
      result = noSheet ? L('note.notAssessed', { reason: L('reason.no-county-sheet') }) : L('note.notAssessedPlain');
    } else {
      const word = p.pass === true ? L('pass') : p.pass === false ? L('fail') : L('part.partial');
      result = L('note.partCounts', { word, judged, n, failed });
    }
    notes.push(L('note.partLine', { part: p.name, result }));
  }
  if (rows.length === 0) notes.push(L('note.none'));
  return section(ctx, 'county-items', { county }, columns, rows, notes);
}

function excludedSection(ctx: Ctx, county: County): Section {
  const { L, W, report, lang } = ctx;
  const scopeWord = (reason: string) =>
    report.meta?.scopeReasons.find((x) => x.id === reason)?.label[lang] ?? W('reason.', reason);
  const columns: Column[] = [
    { head: L('col.school'), width: 24 },
    { head: L('col.schoolCode') },
    { head: L('col.type') },
    { head: L('col.level') },
    { head: L('col.students'), format: INT },
    { head: L('col.reason') },
  ];
  const rows = county.excluded.map((e) => [
    cell(e.name),
    cell(e.code),
    cell(W('type_', e.type)),
    cell(e.level ? L(e.level) : null),
    cell(e.students),
    cell(scopeWord(e.reason), 'na'),
  ]);
  return section(ctx, 'excluded', { county }, columns, rows, []);
}

function findingsSection(ctx: Ctx): Section {
  const { L, report } = ctx;
  const columns: Column[] = (
    [
      'col.severity',
      'col.findingCode',
      'col.file',
      'col.sheet',
      'col.row',
      'col.column',
      'col.header',
      'col.rawValue',
      'col.message',
    ] as const
  ).map((k) => (k === 'col.row' ? { head: L(k), format: INT } : { head: L(k) }));
  const rows = report.findings.map((f) => [
    cell(L(`severity.${f.severity}`), f.severity === 'error' ? 'fail' : undefined),
    cell(f.code),
    cell(f.file ?? null),
    cell(f.sheet ?? null),
    cell(f.row ?? null),
    cell(f.column ?? null),
    cell(f.header ?? null),
    cell(f.value === undefined || f.value === null ? null : String(f.value)),
    cell(f.message),
  ]);
  const notes: string[] = [];
  if (rows.length === 0) notes.push(L('note.none'));
  else {
    const errors = report.findings.filter((f) => f.severity === 'error').length;
    const warnings = report.findings.filter((f) => f.severity === 'warning').length;
    notes.push(L('findings.counts', { errors, warnings }));
    if (errors) notes.push(L('findings.incomplete'));
  }
  return section(ctx, 'findings', {}, columns, rows, notes);
}

/** Row numbers, the first 20 of a long list. */
const rowList = (rows: number[]) =>
  rows.slice(0, 20).join(', ') + (rows.length > 20 ? ` … (+${rows.length - 20})` : '');

function readingSection(ctx: Ctx): Section {
  const { L, report } = ctx;
  const columns: Column[] = [
    { head: L('col.file') },
    { head: L('col.sheet') },
    { head: L('col.table') },
    { head: L('col.headerRow'), format: INT },
    { head: L('col.rows'), format: INT },
    { head: L('col.notes') },
  ];
  const rows: Cell[][] = [];
  const notes: string[] = [];
  for (const input of report.inputs) {
    if (input.status === 'error') {
      rows.push([
        cell(input.path),
        cell(null),
        cell(null),
        cell(null),
        cell(null),
        cell(input.message ?? L('error'), 'fail'),
      ]);
      continue;
    }
    for (const r of input.reading ?? []) {
      const said: string[] = [];
      if (r.headerRow !== 1 || r.headerRows > 1)
        said.push(
          L(r.headerRows > 2 ? 'reading.header3' : r.headerRows > 1 ? 'reading.header2' : 'reading.header', {
            row: r.headerRow,
          }),
        );
      for (const col of r.columns)
        if (col.factor) said.push(L('reading.factor', { header: col.header, factor: col.factor }));
      for (const col of r.columns)
        if (col.header.includes('/')) said.push(L('reading.joined', { header: col.header, key: col.key }));
      if (r.skipped.summary) {
        const listed = (r.summaryRows ?? []).map((x) => L('reading.summary-row', { row: x.row, text: x.text }));
        const more = listed.length < r.skipped.summary ? `${L('sep')}…` : '';
        said.push(
          L('reading.skipped', { n: r.skipped.summary }) +
            (listed.length ? L('reading.summary-rows', { rows: listed.join(L('sep')) + more }) : ''),
        );
      }
      if (r.hidden) said.push(L('reading.hiddenSheet'));
      if (r.hiddenRows?.length)
        said.push(
          L(r.skipped.hidden ? 'reading.hiddenSkipped' : 'reading.hiddenRows', { rows: rowList(r.hiddenRows) }),
        );
      if (r.unmapped.length)
        said.push(
          L('reading.unmapped', { columns: r.unmapped.map((u) => `${u.column}「${u.header}」`).join(L('sep')) }),
        );
      rows.push([
        cell(input.path),
        cell(r.sheet),
        cell(L(`table.${r.table}`)),
        cell(r.headerRow),
        cell(r.rows),
        cell(said.join(L('sep')) || null),
      ]);
      if (r.suggestedColumns) notes.push(L('note.suggested', { sheet: r.sheet }));
    }
    if (input.skippedSheets?.length)
      rows.push([
        cell(input.path),
        cell(null),
        cell(null),
        cell(null),
        cell(null),
        cell(L('reading.skippedSheets', { sheets: input.skippedSheets.map((s) => `「${s}」`).join(L('sep')) })),
      ]);
  }
  if (rows.length === 0) notes.push(L('note.none'));
  return section(ctx, 'reading', {}, columns, rows, notes);
}
