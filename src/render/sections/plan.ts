// issue 14 (plan-out): `plan` and `diff` as sections, so that xlsx and html lay them out as they do an assessment.
// Pure: built from the PlanReport / DiffReport JSON and the profile; words from the catalogue in the report's
// language. The 缺口 rows are the plan's changes summed per school and level: their 合计 is the plan's totals.
import type { Level } from '../../domain.js';
import type { LabelKey } from '../../i18n/messages.js';
import { costKey, isTeacherKind } from '../../plan/index.js';
import type { DiffReport, PlanReport } from '../../plan/report.js';
import type { Profile } from '../../profiles/schema.js';
import { quantityWords } from '../../quantities.js';
import type { Report } from '../../report/schema.js';
import type { Cell, Column, ReportHeading, Section } from '../sections.js';
import { cell, CV_FORMAT, cvCell, fixed, INT, passCell, section, type Words, words } from './context.js';
import { localeTable } from './levels.js';
import { findingsTable } from './run.js';

type CountyPlan = PlanReport['counties'][number];
type Change = CountyPlan['changes'][number];

/** The 缺口 sheet holds every county's and level's gap blocks, first in the workbook. */
const GAPS_SHEET: LabelKey = 'section.plan-gaps';
/** 万元: the unit budgets are written in. */
const WAN = 10_000;

/** The unit a kind of budget quantity is counted in (人, 平方米, 元, 间, 个). */
export const KIND_WORDS: Record<string, LabelKey> = {
  teacherYear: 'kind.teacherYear',
  buildingM2: 'kind.buildingM2',
  groundM2: 'kind.groundM2',
  yuan: 'kind.yuan',
  room: 'kind.room',
  classroom: 'kind.classroom',
};
/** The words of a unit cost (教师每人每年 …), to say which the profile lacks. */
export const COST_WORDS: Record<string, LabelKey> = {
  teacherYear: 'costs.teacherYear',
  buildingM2: 'costs.buildingM2',
  groundM2: 'costs.groundM2',
  room: 'costs.room',
  classroom: 'costs.classroom',
};
/** Quantities without an indicator: the rooms of a school and the teachers of the pupil–teacher ratio. */
const OWN_NAMES: Record<string, LabelKey> = {
  musicRooms: 'plan.q.musicRooms',
  artRooms: 'plan.q.artRooms',
  teachers: 'planout.q.hires',
};

/** A quantity's name (its indicator's short name where it has one) and the unit it is counted in. */
export function quantityHead(w: Words, quantity: string): { name: string; unit: string } {
  const { L, profile, lang } = w;
  const own = OWN_NAMES[quantity];
  const def = profile.indicators.find((d) => d.quantity === quantity);
  let name: string;
  if (own) name = L(own);
  else if (def) name = def.short[lang];
  else {
    try {
      name = quantityWords(quantity)[lang];
    } catch {
      name = quantity;
    }
  }
  const kind = KIND_WORDS[costKey(quantity) ?? ''];
  return { name, unit: kind ? L(kind) : '' };
}

const headOf = (w: Words, quantity: string) => {
  const { name, unit } = quantityHead(w, quantity);
  return unit ? w.L('col.indicatorName', { name, unit }) : name;
};

/** The quantities in the order a clerk reads them: the profile's indicators, then rooms and teachers. */
export function quantityOrder(profile: Profile, present: Set<string>): string[] {
  const order = [...profile.indicators.map((d) => d.quantity), 'musicRooms', 'artRooms', 'teachers'];
  const known = order.filter((q, i) => present.has(q) && order.indexOf(q) === i);
  return [...known, ...[...present].filter((q) => !known.includes(q)).sort()];
}

/** The cost of an amount in 元 with the profile's unit costs; null where the profile has no cost for its kind. */
function costOf(profile: Profile, quantity: string, amount: number): number | null {
  const key = costKey(quantity);
  if (key === 'yuan') return amount;
  const c = key && profile.costs ? profile.costs[key] : undefined;
  return c === undefined ? null : c * amount;
}

interface GapRow {
  code: string;
  level: Level;
  amounts: Record<string, number>;
  classes: number;
  moved: number;
  budget: number;
}

/** The plan's changes summed per school and level (a school-wide change counts at the level its rooms name). */
export function gapRows(county: CountyPlan, profile: Profile): GapRow[] {
  const rows = new Map<string, GapRow>();
  const roomLevel = new Map(county.rooms.map((r) => [r.code, r.level]));
  const row = (code: string, level: Level | undefined): GapRow => {
    const l = level ?? roomLevel.get(code) ?? 'primary';
    const key = `${code}\u0000${l}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { code, level: l, amounts: {}, classes: 0, moved: 0, budget: 0 }));
    return r;
  };
  for (const c of county.changes as Change[]) {
    if (c.op === 'add') {
      const r = row(c.school, c.level);
      for (const [q, v] of Object.entries(c.amounts)) {
        if (!v) continue;
        r.amounts[q] = (r.amounts[q] ?? 0) + v;
        // A kind of teacher is carried by the teachers the plan hires (its teacherRule): priced once, as teachers.
        if (!isTeacherKind(q)) r.budget += costOf(profile, q, v) ?? 0;
      }
    } else if (c.op === 'classes' && c.add > 0) {
      const r = row(c.school, c.level);
      r.classes += c.add;
      r.budget += costOf(profile, 'classes', c.add) ?? 0;
    } else if (c.op === 'move') row(c.from, c.level).moved += c.pupils;
  }
  return [...rows.values()].filter((r) => r.classes || r.moved || Object.values(r.amounts).some((v) => v > 0));
}

/** "3" → 三年级 / grade 3 (the plan's grades are "1"–"9"); a grade named otherwise as written. */
export function gradeWord(w: Pick<Words, 'L'>, grade: string): string {
  if (!/^[1-9]$/.test(grade)) return grade;
  return w.L('plan.grade', { n: w.L('plan.grade.digits')[Number(grade) - 1] });
}

/** School names by code, from every part of the plan that names a school. */
function namesOf(county: CountyPlan): Map<string, string> {
  const names = new Map<string, string>();
  for (const list of [county.size, county.classes, county.rooms, county.staffing, county.units])
    for (const x of list) names.set(x.code, x.name);
  for (const c of county.cvs) for (const f of c.further) names.set(f.code, f.name);
  return names;
}

function planWords(report: PlanReport | DiffReport, profile: Profile) {
  const w = words(report.lang, profile);
  const ind = (id: string) => profile.indicators.find((d) => d.id === id);
  const indName = (id: string) => ind(id)?.short[report.lang] ?? id;
  const decimals = (id: string) => ind(id)?.decimals ?? 2;
  const level = (l: Level) => w.L(l);
  const verdict = (v: string | null) => (v === null ? '–' : w.W('', v));
  return { w, ind, indName, decimals, level, verdict };
}

const checkShort = (w: Words, id: string) => w.checkName(id).replace(/[（(].*$/, '');

/** The plan as sections: per county its 缺口 per level first (the 缺口 sheet), then the tables behind them. */
export function planSections(report: PlanReport, profile: Profile): Section[] {
  const { w, indName, decimals, level, verdict } = planWords(report, profile);
  const { L } = w;
  const out: Section[] = [];
  const onSheet = (s: Section, key: LabelKey) => {
    s.sheet = L(key);
    out.push(s);
  };
  for (const county of report.counties) {
    const name = county.county;
    if (!county.planned) {
      const s = section(w, 'plan-gaps', { county: name }, [{ head: L('col.school') }], [], [L('plan.not-planned')]);
      onSheet(s, GAPS_SHEET);
      continue;
    }
    const names = namesOf(county);
    const rows = gapRows(county, profile);
    for (const t of county.totals) onSheet(gapsSection(t, rows, names), GAPS_SHEET);
    out.push(cvSection(county));
    out.push(classesSection(county));
    if (county.size.length) out.push(sizeSection(county));
    if (county.rooms.length) out.push(roomsSection(county));
    if (county.staffing.length) out.push(staffingSection(county));
    for (const l of county.locales) out.push(localesSection(county, l));
    out.push(checksSection(county));
    out.push(budgetSection(county));
  }
  for (const sc of report.scenario?.counties ?? []) {
    out.push(scenarioSection(sc));
    out.push(scenarioUnitsSection(sc));
  }
  // The data problems, so that a county without a plan says why (plan/run.ts passes the assessment's on unchanged).
  out.push(findingsTable(w, report.findings as Report['findings']));
  return out;

  function gapsSection(t: CountyPlan['totals'][number], all: GapRow[], names: Map<string, string>): Section {
    const county = report.counties.find((c) => c.totals.includes(t))!;
    const rows = all.filter((r) => r.level === t.level);
    const quantities = quantityOrder(profile, new Set(Object.keys(t.amounts).filter((q) => t.amounts[q])));
    const priced = county.budget !== null;
    const units = county.units.filter((u) => u.level === t.level);
    const hiring = quantities.includes('teachers');
    const columns: Column[] = [
      { head: L('col.no'), format: INT },
      { head: L('col.school'), width: 24 },
      { head: L('col.schoolCode') },
      { head: L('col.level') },
      ...quantities.map((q) => ({ head: headOf(w, q), format: INT })),
      ...(t.classes ? [{ head: L('planout.q.classes'), format: INT }] : []),
      ...(t.pupilsMoved ? [{ head: L('planout.q.moved'), format: INT }] : []),
      { head: L('planout.leftUnmet') },
      ...(priced ? [{ head: L('planout.budget'), format: fixed(2) }] : []),
    ];
    const body: Cell[][] = rows.map((r, i) => {
      const left = units.find((u) => u.code === r.code)?.leftUnmet ?? [];
      return [
        cell(i + 1),
        cell(names.get(r.code) ?? r.code),
        cell(r.code),
        cell(level(r.level)),
        ...quantities.map((q) => cell(r.amounts[q] ?? null)),
        ...(t.classes ? [cell(r.classes || null)] : []),
        ...(t.pupilsMoved ? [cell(r.moved || null)] : []),
        cell(left.length ? left.map(indName).join(L('sep')) : null, left.length ? 'warn' : undefined),
        ...(priced ? [cell(r.budget / WAN)] : []),
      ];
    });
    body.push([
      cell(null),
      cell(L('planout.total')),
      cell(null),
      cell(level(t.level)),
      ...quantities.map((q) => cell(t.amounts[q] ?? null)),
      ...(t.classes ? [cell(t.classes)] : []),
      ...(t.pupilsMoved ? [cell(t.pupilsMoved)] : []),
      cell(null),
      ...(priced ? [cell((t.budget ?? 0) / WAN)] : []),
    ]);
    const notes = [L('planout.note.gaps'), ...(hiring ? [L('planout.note.hires')] : [])];
    if (profile.perSchool)
      notes.push(
        L('planout.note.leftUnmet', {
          minMet: profile.perSchool.minMet,
          floor: Math.round(profile.perSchool.floorRatio * 100),
        }),
      );
    notes.push(priced ? L('planout.note.costs') : L('plan.budget.none'));
    return section(w, 'plan-gaps', { county: county.county, level: t.level }, columns, rows.length ? body : [], [
      ...(rows.length ? [] : [L('plan.nothing')]),
      ...notes,
    ]);
  }

  function cvSection(county: CountyPlan): Section {
    const columns: Column[] = [
      { head: L('col.level') },
      { head: L('col.indicator') },
      { head: L('row.limit') },
      { head: L('planout.cvBefore'), format: CV_FORMAT },
      { head: L('planout.cvAfterPlan'), format: CV_FORMAT },
      { head: L('planout.furtherSchools'), format: INT },
      { head: L('planout.raisedTo') },
      { head: L('planout.furtherAmount'), format: INT },
      { head: L('planout.cvAfter'), format: CV_FORMAT },
      { head: L('row.met') },
    ];
    const over = (cv: number | null, limit: number) => (cv === null ? null : cv <= limit);
    const rows = county.cvs.map((x) => {
      const total = x.further.reduce((a, f) => a + f.amount, 0);
      return [
        cell(level(x.level)),
        cell(indName(x.indicator)),
        cell(x.limit),
        cvCell(x.before, x.limit, over(x.before, x.limit)),
        cvCell(x.afterPlan, x.limit, over(x.afterPlan, x.limit)),
        cell(x.further.length || null),
        cell(x.raisedTo, undefined, x.raisedTo === null ? undefined : fixed(decimals(x.indicator))),
        cell(total || null),
        cvCell(x.after, x.limit, x.pass),
        passCell(w, x.pass),
      ];
    });
    // basic-2012 judges the composite (the mean of the CVs): a row per level; its further additions are spread over
    // several indicators (different units), so only the schools are counted.
    for (const x of county.composite ?? [])
      rows.push([
        cell(level(x.level)),
        cell(L('col.composite')),
        cell(x.limit),
        cvCell(x.before, x.limit, over(x.before, x.limit)),
        cvCell(x.afterPlan, x.limit, over(x.afterPlan, x.limit)),
        cell(new Set(x.further.map((f) => f.code)).size || null),
        cell(null),
        cell(null),
        cvCell(x.after, x.limit, x.pass),
        passCell(w, x.pass),
      ]);
    const composite = county.composite?.some((x) => x.further.length) ? [L('plan.composite.method')] : [];
    return section(w, 'plan-cv', { county: county.county }, columns, rows, [
      ...(rows.length ? [] : [L('note.none')]),
      L('planout.note.waterFill'),
      ...composite,
    ]);
  }

  function classesSection(county: CountyPlan): Section {
    const byGrade = county.classes.some((x) => x.grades?.length);
    const columns: Column[] = [
      { head: L('col.school'), width: 24 },
      { head: L('col.schoolCode') },
      { head: L('col.level') },
      { head: L('col.classes'), format: INT },
      { head: L('col.students'), format: INT },
      { head: L('col.largest'), format: INT },
      { head: L('col.overClasses'), format: INT },
      { head: L('col.large'), format: INT },
      { head: L('col.super'), format: INT },
      { head: L('col.limit'), format: INT },
      { head: L('planout.addClasses'), format: INT },
      { head: L('planout.endLarge'), format: INT },
      { head: L('planout.endSuperLarge'), format: INT },
      ...(byGrade ? [{ head: L('planout.byGrade'), width: 24 }] : []),
    ];
    const rows = county.classes.map((x) => [
      cell(x.name),
      cell(x.code),
      cell(level(x.level)),
      cell(x.classes),
      cell(x.pupils),
      cell(x.largest, 'fail'),
      cell(x.overLimit, x.overLimit ? 'fail' : undefined),
      cell(x.large, x.large ? 'fail' : undefined),
      cell(x.superLarge, x.superLarge ? 'fail' : undefined),
      cell(x.limit),
      cell(x.add),
      cell(x.addToEndLarge),
      cell(x.addToEndSuperLarge),
      ...(byGrade
        ? [
            cell(
              (x.grades ?? [])
                .filter((g) => g.add > 0)
                .map((g) => `${gradeWord(w, g.grade)} +${g.add}`)
                .join(L('sep')) || null,
            ),
          ]
        : []),
    ]);
    return section(w, 'plan-classes', { county: county.county }, columns, rows, rows.length ? [] : [L('note.none')]);
  }

  function sizeSection(county: CountyPlan): Section {
    const columns: Column[] = [
      { head: L('col.school'), width: 24 },
      { head: L('col.schoolCode') },
      { head: L('col.students'), format: INT },
      { head: L('planout.sizeLimit'), format: INT },
      { head: L('planout.excess'), format: INT },
      { head: L('planout.movedTo'), width: 24 },
    ];
    const rows = county.size.map((s) => [
      cell(s.name),
      cell(s.code),
      cell(s.students, 'fail'),
      cell(s.limit),
      cell(s.excess),
      s.to ? cell(s.to.name) : cell(L('planout.nowhere'), 'fail'),
    ]);
    return section(w, 'plan-size', { county: county.county }, columns, rows, []);
  }

  function roomsSection(county: CountyPlan): Section {
    const per = profile.specialRooms?.classesPerRoom ?? 12;
    const columns: Column[] = [
      { head: L('col.school'), width: 24 },
      { head: L('col.schoolCode') },
      { head: L('col.classes'), format: INT },
      { head: L('planout.neededEach'), format: INT },
      { head: L('planout.music'), format: INT },
      { head: L('planout.art'), format: INT },
      { head: L('planout.addMusic'), format: INT },
      { head: L('planout.addArt'), format: INT },
    ];
    const rows = county.rooms.map((r) => [
      cell(r.name),
      cell(r.code),
      cell(r.classes),
      cell(r.needed),
      cell(r.music, r.music < r.needed ? 'fail' : undefined),
      cell(r.art, r.art < r.needed ? 'fail' : undefined),
      cell(r.addMusic),
      cell(r.addArt),
    ]);
    return section(w, 'plan-rooms', { county: county.county }, columns, rows, [L('plan.rooms', { per })]);
  }

  function staffingSection(county: CountyPlan): Section {
    // 班师比 where the profile gives one: both shortfalls, the larger (shaded) is the one added.
    const both = county.staffing.some((x) => x.binds !== undefined);
    const columns: Column[] = [
      { head: L('col.school'), width: 24 },
      { head: L('col.schoolCode') },
      { head: L('col.level') },
      { head: L('col.students'), format: INT },
      { head: L('col.teachers') },
      { head: L('col.norm') },
      ...(both
        ? [
            { head: L('col.classes'), format: INT },
            { head: L('planout.classRatio') },
            { head: L('planout.byPupils'), format: INT },
            { head: L('planout.byClasses'), format: INT },
          ]
        : []),
      { head: L('planout.addTeachers'), format: INT },
    ];
    const rows = county.staffing.map((x) => [
      cell(x.name),
      cell(x.code),
      cell(level(x.level)),
      cell(x.students),
      cell(x.teachers, 'fail'),
      cell(x.norm),
      ...(both
        ? [
            cell(x.classes ?? null),
            cell(x.classRatio ?? null),
            cell(x.byPupils ?? null, x.binds === 'pupils' ? 'fail' : undefined),
            cell(x.byClasses ?? null, x.binds === 'classes' ? 'fail' : undefined),
          ]
        : []),
      cell(x.add),
    ]);
    return section(w, 'plan-staffing', { county: county.county }, columns, rows, []);
  }

  function localesSection(county: CountyPlan, l: CountyPlan['locales'][number]): Section {
    // The assessment's 城乡 table (without the county mean, which the plan does not carry); figures before the plan.
    const { columns, rows } = localeTable(w, l.indicators);
    const weighting = L(profile.cv.weighting === 'unweighted' ? 'note.localeUnweighted' : 'note.localeWeighted');
    return section(w, 'plan-locales', { county: county.county, level: l.level }, columns, rows, [
      L('note.localeMethod', { weighting }),
      L('note.localeInfo'),
    ]);
  }

  function checksSection(county: CountyPlan): Section {
    const columns: Column[] = [
      { head: L('col.check'), width: 24 },
      { head: L('col.role') },
      { head: L('planout.before') },
      { head: L('planout.after') },
    ];
    const rows = county.checks.map((k) => [
      cell(w.checkName(k.id)),
      cell(L(k.binding ? 'role.binding' : 'role.advisory')),
      passCell(w, k.before, k.binding),
      passCell(w, k.after, k.binding),
    ]);
    const notes = [`${L('plan.before')}${L('colon')}${verdict(county.verdict)}`];
    if (county.stillFailing) notes.push(`${L('planout.after')}${L('colon')}${county.stillFailing}`);
    return section(w, 'plan-checks', { county: county.county }, columns, rows, notes);
  }

  function budgetSection(county: CountyPlan): Section {
    const columns: Column[] = [{ head: L('col.level') }, { head: L('planout.budgetYuan'), format: INT }];
    if (county.budget === null)
      return section(w, 'plan-budget', { county: county.county }, columns, [], [L('plan.budget.none')]);
    const rows = county.totals.map((t) => [cell(level(t.level)), cell(t.budget)]);
    rows.push([cell(L('planout.total')), cell(county.budget)]);
    const missing = county.budgetMissing.map((k) => (COST_WORDS[k] ? L(COST_WORDS[k]) : k)).join(L('sep'));
    const notes = [L('planout.note.costs')];
    if (missing) notes.push(L('plan.budget.missing', { kinds: missing }).replace(/^[（(]|[）)]$/g, ''));
    return section(w, 'plan-budget', { county: county.county }, columns, rows, notes);
  }

  function scenarioSection(sc: NonNullable<PlanReport['scenario']>['counties'][number]): Section {
    const columns: Column[] = [
      { head: L('col.level') },
      { head: L('col.indicator') },
      { head: L('planout.cvBefore'), format: CV_FORMAT },
      { head: L('planout.scenarioAfter'), format: CV_FORMAT },
      { head: L('row.met') },
    ];
    const rows = sc.cvs
      .filter((x) => x.before.cv !== null || x.after.cv !== null)
      .map((x) => [
        cell(level(x.level)),
        cell(indName(x.indicator)),
        cell(x.before.cv, x.before.pass === false ? 'fail' : undefined),
        cell(x.after.cv, x.after.pass === false ? 'fail' : undefined),
        passCell(w, x.after.pass),
      ]);
    const notes = [
      L('plan.scenario', { file: report.scenario!.file }),
      ...(report.scenario!.description ? [report.scenario!.description] : []),
      L('diff.verdict', { was: verdict(sc.verdict.before), now: verdict(sc.verdict.after) }),
      ...sc.checks.map((k) => `${checkShort(w, k.id)}${L('colon')}${L(passWord(k.before))} → ${L(passWord(k.after))}`),
    ];
    return section(w, 'plan-scenario', { county: sc.county }, columns, rows, notes);
  }

  function scenarioUnitsSection(sc: NonNullable<PlanReport['scenario']>['counties'][number]): Section {
    const columns: Column[] = [
      { head: L('col.school'), width: 24 },
      { head: L('col.schoolCode') },
      { head: L('col.level') },
      { head: L('col.metCount'), group: L('planout.cvBefore'), format: INT },
      { head: L('row.met'), group: L('planout.cvBefore') },
      { head: L('col.metCount'), group: L('planout.scenarioAfter'), format: INT },
      { head: L('row.met'), group: L('planout.scenarioAfter') },
    ];
    const changed = sc.units.filter((u) => u.before !== u.after || u.metBefore !== u.metAfter);
    const rows = changed.map((u) => [
      cell(u.name),
      cell(u.code),
      cell(level(u.level)),
      cell(u.metBefore),
      passCell(w, u.before),
      cell(u.metAfter),
      passCell(w, u.after),
    ]);
    return section(w, 'plan-scenario-units', { county: sc.county }, columns, rows, [
      L(changed.length ? 'plan.scenario.units' : 'plan.scenario.none'),
    ]);
  }
}

const passWord = (p: boolean | null): LabelKey => (p === null ? 'not-assessed' : p ? 'pass' : 'fail');

/** diff as sections: per county its CVs per level, checks, schools changed, added or removed, classes, what got worse. */
export function diffSections(report: DiffReport, profile: Profile): Section[] {
  const { w, indName, decimals, level, verdict } = planWords(report, profile);
  const { L } = w;
  const out: Section[] = [];
  const was = L('planout.was');
  const now = L('planout.now');
  for (const county of report.counties) {
    const name = county.county;
    const verdictNote = L('diff.verdict', { was: verdict(county.verdict.was), now: verdict(county.verdict.now) });
    for (const l of county.levels) {
      const columns: Column[] = [
        { head: L('col.indicator') },
        { head: L('col.limit') },
        { head: was, group: L('col.cv'), format: CV_FORMAT },
        { head: now, group: L('col.cv'), format: CV_FORMAT },
        { head: was, group: L('col.mean') },
        { head: now, group: L('col.mean') },
        { head: was, group: L('row.met') },
        { head: now, group: L('row.met') },
      ];
      const rows = l.indicators.map((i) => {
        const d = fixed(decimals(i.id));
        return [
          cell(indName(i.id)),
          cell(i.limit),
          cvCell(i.cv.was, i.limit, i.passWas),
          cvCell(i.cv.now, i.limit, i.passNow),
          cell(i.mean.was, undefined, i.mean.was === null ? undefined : d),
          cell(i.mean.now, undefined, i.mean.now === null ? undefined : d),
          passCell(w, i.passWas),
          passCell(w, i.passNow),
        ];
      });
      out.push(section(w, 'diff-cv', { county: name, level: l.level }, columns, rows, []));
    }
    if (county.status !== 'both') {
      const s = section(
        w,
        'diff-checks',
        { county: name },
        [{ head: L('col.check') }],
        [],
        [verdictNote, L(county.status === 'added' ? 'diff.added' : 'diff.removed')],
      );
      out.push(s);
      continue;
    }
    out.push(
      section(
        w,
        'diff-checks',
        { county: name },
        [{ head: L('col.check'), width: 24 }, { head: was }, { head: now }],
        county.checks.map((k) => [cell(w.checkName(k.id)), passCell(w, k.was), passCell(w, k.now)]),
        [verdictNote],
      ),
    );
    const unitRows: Cell[][] = [];
    for (const u of county.units) {
      const head = [cell(u.name), cell(u.code), cell(level(u.level)), passCell(w, u.was), passCell(w, u.now)];
      if (!u.indicators.length) unitRows.push([...head, cell(null), cell(null), cell(null), cell(null), cell(null)]);
      for (const i of u.indicators) {
        const d = fixed(decimals(i.id));
        unitRows.push([
          ...head,
          cell(indName(i.id)),
          cell(i.was, i.metWas === false ? 'fail' : undefined, i.was === null ? undefined : d),
          cell(i.now, i.metNow === false ? 'fail' : undefined, i.now === null ? undefined : d),
          passCell(w, i.metWas),
          passCell(w, i.metNow),
        ]);
      }
    }
    out.push(
      section(
        w,
        'diff-units',
        { county: name },
        [
          { head: L('col.school'), width: 24 },
          { head: L('col.schoolCode') },
          { head: L('col.level') },
          { head: was, group: L('col.verdict') },
          { head: now, group: L('col.verdict') },
          { head: L('col.indicator') },
          { head: was, group: L('col.value') },
          { head: now, group: L('col.value') },
          { head: was, group: L('row.met') },
          { head: now, group: L('row.met') },
        ],
        unitRows,
        unitRows.length ? [] : [L('note.none')],
      ),
    );
    const schoolRows = [
      ...county.schoolsAdded.map((s) => [cell(L('planout.added')), cell(s.name), cell(s.code)]),
      ...county.schoolsRemoved.map((s) => [cell(L('planout.removed')), cell(s.name), cell(s.code)]),
    ];
    out.push(
      section(
        w,
        'diff-schools',
        { county: name },
        [{ head: L('planout.change') }, { head: L('col.school'), width: 24 }, { head: L('col.schoolCode') }],
        schoolRows,
        schoolRows.length ? [] : [L('note.none')],
      ),
    );
    const worse = (a: number | null, b: number | null) => (a !== null && b !== null && b > a ? 'fail' : undefined);
    out.push(
      section(
        w,
        'diff-classes',
        { county: name },
        [
          { head: L('col.school'), width: 24 },
          { head: L('col.schoolCode') },
          { head: L('col.level') },
          { head: was, group: L('col.large'), format: INT },
          { head: now, group: L('col.large'), format: INT },
          { head: was, group: L('col.super'), format: INT },
          { head: now, group: L('col.super'), format: INT },
        ],
        county.classes.map((x) => [
          cell(x.name),
          cell(x.code),
          cell(level(x.level)),
          cell(x.large.was),
          cell(x.large.now, worse(x.large.was, x.large.now)),
          cell(x.superLarge.was),
          cell(x.superLarge.now, worse(x.superLarge.was, x.superLarge.now)),
        ]),
        county.classes.length ? [] : [L('note.none')],
      ),
    );
    out.push(worseSection(county));
  }
  return out;

  function worseSection(county: DiffReport['counties'][number]): Section {
    const names = new Map<string, string>();
    for (const u of county.units) names.set(u.code, u.name);
    for (const x of county.classes) names.set(x.code, x.name);
    for (const s of county.schoolsRemoved) names.set(s.code, s.name);
    const rows = county.worse.map((id) => {
      const [kind, a, b, c] = id.split(':');
      const what = (k: keyof typeof WORSE_WORDS) => cell(L(WORSE_WORDS[k]), 'fail');
      const lvl = (x: string | undefined) => cell(x === 'primary' || x === 'junior' ? level(x) : (x ?? null));
      if (kind === 'cv') return [what('cv'), lvl(a), cell(null), cell(indName(b ?? ''))];
      if (kind === 'check') return [what('check'), cell(null), cell(null), cell(w.checkName(a ?? ''))];
      if (kind === 'unit' || kind === 'classes')
        return [what(kind), lvl(b), cell(names.get(a ?? '') ?? a ?? null), cell(c ? indName(c) : null)];
      if (kind === 'verdict' || kind === 'county-removed') return [what(kind), cell(null), cell(null), cell(null)];
      return [cell(id, 'fail'), cell(null), cell(null), cell(null)];
    });
    return section(
      w,
      'diff-worse',
      { county: county.county },
      [
        { head: L('planout.what') },
        { head: L('col.level') },
        { head: L('col.school'), width: 24 },
        { head: L('col.indicator') },
      ],
      rows,
      [rows.length ? L('diff.worse', { n: rows.length }) : L('diff.not-worse')],
    );
  }
}

/** The kinds of diff's `worse` ids, in words. */
const WORSE_WORDS = {
  verdict: 'planout.worse.verdict',
  cv: 'planout.worse.cv',
  check: 'planout.worse.check',
  unit: 'planout.worse.unit',
  classes: 'planout.worse.classes',
  'county-removed': 'planout.worse.county-removed',
} as const satisfies Record<string, LabelKey>;

/** The plan's heading: the standard, 填报单位, the verdict now, date and tool. */
export function planHeading(report: PlanReport, profile: Profile, date?: string): ReportHeading {
  const { w, verdict } = planWords(report, profile);
  const { L } = w;
  const lines = [
    L('heading.standard', { name: profile.name[report.lang], document: profile.document }),
    L('heading.counties', {
      names: countyNames(
        w,
        report.counties.map((c) => c.county),
      ),
    }),
    L('planout.heading.verdict', {
      verdict: report.counties.map((c) => verdict(c.verdict)).join(L('sep')) || '–',
      exit: report.exitCode,
    }),
  ];
  if (date) lines.push(L('heading.date', { date }));
  lines.push(L('heading.tool', { version: report.tool.version }));
  return { title: L('planout.heading.title', { standard: profile.name[report.lang] }), lines };
}

/** The diff's heading: both sets of files, what got worse, date and tool. */
export function diffHeading(report: DiffReport, profile: Profile, date?: string): ReportHeading {
  const { w } = planWords(report, profile);
  const { L } = w;
  const n = report.counties.reduce((a, x) => a + x.worse.length, 0);
  const lines = [
    L('heading.standard', { name: profile.name[report.lang], document: profile.document }),
    L('planout.heading.old', { files: report.old.join(L('sep')) }),
    L('planout.heading.new', { files: report.new.join(L('sep')) }),
    L('heading.counties', {
      names: countyNames(
        w,
        report.counties.map((c) => c.county),
      ),
    }),
    report.worse ? L('diff.worse', { n }) : L('diff.not-worse'),
  ];
  if (date) lines.push(L('heading.date', { date }));
  lines.push(L('heading.tool', { version: report.tool.version }));
  return { title: L('planout.heading.diff', { standard: profile.name[report.lang] }), lines };
}

const HEADING_COUNTIES = 10;
function countyNames(w: Words, names: string[]): string {
  const { L } = w;
  if (!names.length) return L('counties.none');
  const shown = names.slice(0, HEADING_COUNTIES).join(L('sep'));
  return names.length > HEADING_COUNTIES ? shown + L('counties.more', { n: names.length }) : shown;
}
