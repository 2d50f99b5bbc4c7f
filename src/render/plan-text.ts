// issue 14: the text of `plan` and `diff`: short lines, one screen per level for a county (acceptance 5).
import { Chalk } from 'chalk';
import type { Level } from '../domain.js';
import { idLabel, label, type LabelKey, type Lang } from '../i18n/messages.js';
import type { DiffReport, PlanReport } from '../plan/report.js';
import { costKey, isTeacherKind } from '../plan/index.js';
import type { Profile } from '../profiles/schema.js';
import { quantityWords } from '../quantities.js';
import { terminalSafe } from './safe.js';
import { COST_WORDS, gradeWord, KIND_WORDS } from './sections/plan.js';

type CountyPlan = PlanReport['counties'][number];

function words(lang: Lang, color: boolean) {
  const c = new Chalk({ level: color ? 1 : 0 });
  const L = (key: LabelKey, params?: Record<string, unknown>) => label(lang, key, params);
  const mark = (pass: boolean | null | undefined) =>
    pass === true ? c.green('✓') : pass === false ? c.red('✗') : c.dim('–');
  const level = (l: Level) => idLabel(lang, '', l);
  const verdict = (v: string | null) => (v === null ? '–' : idLabel(lang, '', v));
  return { c, L, mark, level, verdict };
}

const cvText = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));
const safe = (s: string) => terminalSafe(s);
const int = (n: number) => Math.round(n).toLocaleString('en-US');

const ROOM_WORDS: Record<string, LabelKey> = { musicRooms: 'plan.q.musicRooms', artRooms: 'plan.q.artRooms' };

/** "运动场馆 +340平方米" for a quantity and amount. */
function amountText(lang: Lang, profile: Profile, quantity: string, amount: number, bare = false): string {
  const def = profile.indicators.find((d) => d.quantity === quantity);
  const room = ROOM_WORDS[quantity];
  const name = room
    ? label(lang, room)
    : def && quantity !== 'teachers'
      ? def.short[lang]
      : quantityName(lang, quantity);
  const kind = KIND_WORDS[costKey(quantity) ?? ''];
  // Computers, books: the indicator's own unit (台, 册).
  const unit = room ? '' : kind ? label(lang, kind) : (def?.unit[lang] ?? '');
  return label(lang, 'plan.amount', { name: bare ? '' : name, amount: int(amount), unit }).trim();
}

function quantityName(lang: Lang, quantity: string): string {
  try {
    return quantityWords(quantity)[lang];
  } catch {
    return quantity;
  }
}

export function renderPlanText(report: PlanReport, profile: Profile, color = false): string {
  const lang = report.lang;
  const { c, L, mark, level, verdict } = words(lang, color);
  const sep = L('sep');
  const out: string[] = [];
  const ind = (id: string) => profile.indicators.find((d) => d.id === id)?.short[lang] ?? id;
  const floorPct = Math.round((profile.perSchool?.floorRatio ?? 0.85) * 100);
  out.push(c.dim(`balance-check ${report.tool.version} · ${L('plan.title')} · ${profile.name[lang]}`));
  // With a scenario the text is the comparison; the JSON keeps the baseline's plan too.
  for (const county of report.scenario ? [] : report.counties) {
    out.push('');
    out.push(
      c.bold(`${safe(county.county)}  ${L('plan.before')}${L('colon')}${verdict(county.verdict)}`) +
        (county.planned
          ? `  ${L('plan.after')}${L('colon')}${county.checks.map((k) => `${checkShort(lang, k.id)} ${mark(k.before)}→${mark(k.after)}`).join('  ')}`
          : ''),
    );
    if (!county.planned) {
      out.push(`  ${L('plan.not-planned')}`);
      continue;
    }
    if (
      !county.changes.length &&
      county.cvs.every((x) => x.pass !== false) &&
      (county.composite ?? []).every((x) => x.pass !== false)
    ) {
      out.push(`  ${L('plan.nothing')}`);
      continue;
    }
    out.push(...countyBody(county));
    out.push('', c.dim(L('plan.method', { floor: floorPct })));
    if (county.composite?.some((x) => x.further.length)) out.push(c.dim(L('plan.composite.method')));
    // Said wherever a kind of teacher is added: the totals count people, not kinds.
    if (county.teacherRule && county.totals.some((t) => Object.keys(t.amounts).some(isTeacherKind)))
      out.push(c.dim(L('plan.teachers.rule')));
  }
  if (report.scenario) out.push(...scenarioText(report.scenario));
  return `${out.join('\n')}\n`;

  function countyBody(county: CountyPlan): string[] {
    const lines: string[] = [];
    if (county.size.length) {
      lines.push(c.bold(L('plan.size')));
      for (const s of county.size)
        lines.push(
          `  ${L('plan.size.row', { name: safe(s.name), students: s.students, limit: s.limit, excess: s.excess })}${s.to ? L('plan.size.to', { to: safe(s.to.name) }) : L('plan.size.none')}`,
        );
    }
    if (county.rooms.length) {
      lines.push(c.bold(L('plan.rooms', { per: profile.specialRooms?.classesPerRoom ?? 12 })));
      for (const r of county.rooms)
        lines.push(
          `  ${L('plan.rooms.row', { name: safe(r.name), classes: r.classes, needed: r.needed, music: r.addMusic, art: r.addArt })}`,
        );
    }
    for (const t of county.totals) {
      const l = t.level;
      lines.push('', c.bold.underline(level(l)));
      const classes = county.classes.filter((x) => x.level === l);
      if (classes.length) {
        lines.push(c.bold(L('plan.classes')));
        for (const x of classes) {
          const byGrade = (x.grades ?? []).filter((g) => g.add > 0);
          lines.push(
            `  ${L(x.add ? 'plan.classes.row' : 'plan.classes.even', { name: safe(x.name), level: '', classes: x.classes, pupils: x.pupils, largest: x.largest, add: x.add, large: x.addToEndLarge, superLarge: x.addToEndSuperLarge })}` +
              (byGrade.length
                ? L('plan.classes.grades', { list: byGrade.map((g) => `${gradeName(g.grade)} +${g.add}`).join(sep) })
                : ''),
          );
        }
      }
      const staff = county.staffing.filter((x) => x.level === l);
      if (staff.length) {
        const ratio = profile.staffing.classTeacherRatio?.[l];
        lines.push(
          c.bold(
            ratio === undefined
              ? L('plan.staffing', { norm: profile.staffing.norms[l] })
              : L('plan.staffing.both', { norm: profile.staffing.norms[l], ratio }),
          ),
        );
        for (const x of staff)
          lines.push(
            `  ${L('plan.staffing.row', { name: safe(x.name), students: x.students, teachers: x.teachers, add: x.add })}` +
              (x.binds
                ? L('plan.staffing.binds', {
                    byPupils: x.byPupils,
                    byClasses: x.byClasses,
                    classes: x.classes,
                    binds: L(x.binds === 'classes' ? 'plan.binds.classes' : 'plan.binds.pupils'),
                  })
                : ''),
          );
      }
      const units = county.units.filter((x) => x.level === l);
      if (units.length && profile.perSchool) {
        lines.push(
          c.bold(
            L('plan.units', {
              minMet: profile.perSchool.minMet,
              floor: Math.round(profile.perSchool.floorRatio * 100),
            }),
          ),
        );
        for (const u of units) {
          const adds = u.additions
            .filter((a) => a.amount > 0)
            .map(
              (a) =>
                amountText(lang, profile, a.quantity, a.amount) +
                (a.target === 'floor' ? `${L('open')}${L('plan.floor', { floor: floorPct })}${L('close')}` : ''),
            );
          const left = u.leftUnmet.length
            ? L('plan.units.left', {
                indicator: u.leftUnmet.map(ind).join(sep),
                rule: L(u.rule === 'cost' ? 'plan.rule.cost' : 'plan.rule.relative'),
              })
            : '';
          if (u.teachersHired) adds.push(L('plan.teachers.hired', { n: u.teachersHired }));
          lines.push(`  ${safe(u.name)}${L('colon')}${adds.join(sep)}${left}`);
        }
      }
      const cvs = county.cvs.filter((x) => x.level === l);
      if (cvs.length) {
        lines.push(c.bold(L('plan.cv')));
        for (const x of cvs) {
          lines.push(
            `  ${mark(x.pass)} ${L('plan.cv.row', { indicator: ind(x.indicator), before: cvText(x.before), afterPlan: cvText(x.afterPlan), after: cvText(x.after), limit: x.limit })}`,
          );
          if (x.further.length && x.raisedTo !== null) {
            const def = profile.indicators.find((d) => d.id === x.indicator);
            const total = x.further.reduce((a, f) => a + f.amount, 0);
            lines.push(
              `    ${L('plan.cv.further', { n: x.further.length, value: x.raisedTo.toFixed(def?.decimals ?? 2), amounts: amountText(lang, profile, x.further[0]!.quantity, total) })}`,
            );
          }
        }
      }
      const comp = county.composite?.find((x) => x.level === l);
      if (comp) {
        lines.push(c.bold(L('plan.composite')));
        lines.push(
          `  ${mark(comp.pass)} ${L('plan.composite.row', { before: cvText(comp.before), afterPlan: cvText(comp.afterPlan), after: cvText(comp.after), limit: comp.limit })}`,
        );
        for (const i of comp.indicators) {
          const adds = comp.further.filter((f) => f.indicator === i.id);
          if (!adds.length) continue;
          const total = adds.reduce((a, f) => a + f.amount, 0);
          lines.push(
            `    ${L('plan.composite.indicator', { indicator: ind(i.id), before: cvText(i.before), afterPlan: cvText(i.afterPlan), after: cvText(i.after), n: adds.length, amounts: amountText(lang, profile, adds[0]!.quantity, total, true) })}`,
          );
        }
      }
      const locales = county.locales.find((x) => x.level === l);
      if (locales) {
        lines.push(c.bold(L('plan.locales')));
        for (const i of locales.indicators) {
          const d = profile.indicators.find((x) => x.id === i.id)?.decimals ?? 2;
          const g = (k: 'urban' | 'town' | 'rural') =>
            i.groups[k].mean === null ? '–' : `${i.groups[k].mean!.toFixed(d)} (${cvText(i.groups[k].cv)})`;
          lines.push(
            `  ${L('plan.locales.row', { indicator: ind(i.id), urban: g('urban'), town: g('town'), rural: g('rural'), ratio: i.ruralToUrban === null ? '–' : i.ruralToUrban.toFixed(2) })}`,
          );
        }
      }
      const amounts = Object.entries(t.amounts).map(([q, v]) => amountText(lang, profile, q, v));
      if (t.classes) amounts.push(L('plan.classes-added', { n: t.classes }));
      if (t.pupilsMoved) amounts.push(L('plan.moved', { n: t.pupilsMoved }));
      if (amounts.length || t.budget !== null)
        lines.push(
          `${c.bold(L('plan.totals'))}${L('colon')}${amounts.join(sep)}${t.budget !== null ? `${sep}${L('plan.budget', { budget: int(t.budget) })}` : ''}`,
        );
    }
    if (county.budget !== null) {
      const missing = county.budgetMissing.map((k) => (COST_WORDS[k] ? L(COST_WORDS[k]) : k)).join(sep);
      lines.push(
        '',
        c.bold(L('plan.budget', { budget: int(county.budget) })) +
          (missing ? L('plan.budget.missing', { kinds: missing }) : ''),
      );
    } else lines.push('', c.dim(L('plan.budget.none')));
    return lines;
  }

  function gradeName(grade: string): string {
    return safe(gradeWord({ L }, grade));
  }

  function scenarioText(s: NonNullable<PlanReport['scenario']>): string[] {
    const lines: string[] = ['', c.bold(L('plan.scenario', { file: safe(s.file) }))];
    if (s.description) lines.push(`  ${safe(s.description)}`);
    for (const sc of s.counties) {
      lines.push(
        `${safe(sc.county)}  ${L('diff.verdict', { was: verdict(sc.verdict.before), now: verdict(sc.verdict.after) })}`,
      );
      for (const k of sc.checks)
        lines.push(`  ${checkShort(lang, k.id)}${L('colon')}${mark(k.before)} → ${mark(k.after)}`);
      for (const l of ['primary', 'junior'] as const) {
        const cvs = sc.cvs.filter((x) => x.level === l && (x.before.cv !== null || x.after.cv !== null));
        if (!cvs.length) continue;
        lines.push(`  ${level(l)}`);
        for (const x of cvs)
          lines.push(`    ${mark(x.after.pass)} ${ind(x.indicator)} ${cvText(x.before.cv)} → ${cvText(x.after.cv)}`);
      }
      const changed = sc.units.filter((u) => u.before !== u.after || u.metBefore !== u.metAfter);
      lines.push(`  ${L(changed.length ? 'plan.scenario.units' : 'plan.scenario.none')}`);
      for (const u of changed)
        lines.push(`    ${safe(u.name)} ${level(u.level)}${L('colon')}${mark(u.before)} → ${mark(u.after)}`);
    }
    return lines;
  }
}

function checkShort(lang: Lang, id: string): string {
  return idLabel(lang, 'check.', id, { minMet: '', floor: '' }).replace(/[（(].*$/, '');
}

export function renderDiffText(report: DiffReport, profile: Profile, color = false): string {
  const lang = report.lang;
  const { c, L, mark, level, verdict } = words(lang, color);
  const ind = (id: string) => profile.indicators.find((d) => d.id === id)?.short[lang] ?? id;
  const dec = (id: string) => profile.indicators.find((d) => d.id === id)?.decimals ?? 2;
  const num = (x: number | null, d: number) => (x === null ? '–' : x.toFixed(d));
  const out: string[] = [
    c.dim(
      `balance-check ${report.tool.version} · ${L('diff.title', { old: report.old.map(safe).join(' '), new: report.new.map(safe).join(' ') })}`,
    ),
  ];
  for (const county of report.counties) {
    out.push(
      '',
      c.bold(
        `${safe(county.county)}  ${L('diff.verdict', { was: verdict(county.verdict.was), now: verdict(county.verdict.now) })}`,
      ),
    );
    if (county.status !== 'both') {
      out.push(`  ${L(county.status === 'added' ? 'diff.added' : 'diff.removed')}`);
      continue;
    }
    for (const k of county.checks)
      if (k.was !== k.now)
        out.push(`  ${L('diff.check', { check: checkShort(lang, k.id), was: mark(k.was), now: mark(k.now) })}`);
    for (const l of county.levels) {
      const changed = l.indicators.filter((i) => i.cv.was !== i.cv.now || i.mean.was !== i.mean.now);
      if (!changed.length) continue;
      out.push(`  ${c.bold(level(l.level))}`);
      for (const i of changed)
        out.push(
          `    ${mark(i.passNow)} ${L('diff.cv', { indicator: ind(i.id), cvThen: num(i.cv.was, 3), cvNow: num(i.cv.now, 3), meanThen: num(i.mean.was, dec(i.id)), meanNow: num(i.mean.now, dec(i.id)) })}`,
        );
    }
    if (county.units.length) {
      out.push(`  ${c.bold(L('diff.units'))}`);
      for (const u of county.units) {
        out.push(
          `    ${L('diff.unit', { name: safe(u.name), level: level(u.level), was: mark(u.was), now: mark(u.now) })}`,
        );
        for (const i of u.indicators)
          out.push(
            `    ${L('diff.indicator', { indicator: ind(i.id), was: num(i.was, dec(i.id)), now: num(i.now, dec(i.id)) })}`,
          );
      }
    }
    if (county.schoolsAdded.length)
      out.push(`  ${L('diff.schools-added', { names: county.schoolsAdded.map((s) => safe(s.name)).join(L('sep')) })}`);
    if (county.schoolsRemoved.length)
      out.push(
        `  ${L('diff.schools-removed', { names: county.schoolsRemoved.map((s) => safe(s.name)).join(L('sep')) })}`,
      );
    for (const x of county.classes)
      out.push(
        `  ${L('diff.classes', { name: safe(x.name), level: level(x.level), largeThen: x.large.was ?? '–', largeNow: x.large.now ?? '–', superThen: x.superLarge.was ?? '–', superNow: x.superLarge.now ?? '–' })}`,
      );
    const nothing =
      !county.units.length &&
      !county.schoolsAdded.length &&
      !county.schoolsRemoved.length &&
      !county.classes.length &&
      county.levels.every((l) => l.indicators.every((i) => i.cv.was === i.cv.now && i.mean.was === i.mean.now));
    if (nothing) out.push(`  ${L('diff.none')}`);
  }
  out.push(
    '',
    report.worse
      ? c.red(L('diff.worse', { n: report.counties.reduce((a, x) => a + x.worse.length, 0) }))
      : c.green(L('diff.not-worse')),
  );
  return `${out.join('\n')}\n`;
}
