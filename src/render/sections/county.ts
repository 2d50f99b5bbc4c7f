// issue 13: the sections per county: summary (batches), checks, class size, school size, rooms, staffing,
// county items and the schools not assessed.
import type { Check, County, ItemResult } from '../../report/schema.js';
import { summaryRows } from '../tables.js';
import type { Cell, CellState, Column, Section } from '../sections.js';
import {
  CV_FORMAT,
  type Ctx,
  INT,
  PERCENT,
  cell,
  exactDecimals,
  fixed,
  passCell,
  section,
  stateOf,
} from './context.js';

export function summarySection(ctx: Ctx): Section {
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

export function checksSection(ctx: Ctx, county: County): Section {
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

export function classSizeSection(ctx: Ctx, county: County): Section {
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
  // Counted but not judged (size bands straddling the limit): say so under the counts.
  if (ch && ch.pass === null) notes.push(L('note.notAssessed', { reason: W('reason.', ch.reason ?? 'no-data') }));
  return section(ctx, 'class-size', { county }, columns, rows, notes);
}

export function classSchoolsSection(ctx: Ctx, county: County): Section {
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

export function schoolSizeSection(ctx: Ctx, county: County, ch: Check): Section {
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

export function roomsSection(ctx: Ctx, county: County, ch: Check): Section {
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

export function staffingSection(ctx: Ctx, county: County): Section {
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

export function itemsSection(ctx: Ctx, county: County): Section {
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
      const why = i.reason ? W('reason.', i.reason) : null;
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

export function excludedSection(ctx: Ctx, county: County): Section {
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
