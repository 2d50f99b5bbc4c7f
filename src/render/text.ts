// Text report for a terminal: county verdict first, then the tables behind it, then data problems.
import { Chalk, type ChalkInstance } from 'chalk';
import type { Profile } from '../profiles/schema.js';
import type { County, CountyLevel, Finding, ItemResult, Report, UnitResult } from '../report/schema.js';
import { countWord, idLabel, label, type LabelKey, type LabelPrefix } from '../i18n/messages.js';
import { against, fixed } from './format.js';
import { countyFiles, summaryRows } from './tables.js';
import { append } from '../group.js';
import { NAME_COLUMNS, VALUE_COLUMNS, displayWidth, terminalSafe, truncate } from './safe.js';
import { profileOf, type Formatter } from './formatters.js';
import { inputReadingNotes, sheetReadingNotes } from './sections/run.js';
import { sectionsOf, type Section, type SectionId } from './sections.js';
import type { Level } from '../domain.js';
import { MIN_WIDTH, boxTable, visibleWidth, wrapLine, type BoxColumn } from './box.js';

export { displayWidth } from './safe.js';

/** Up to this many counties, the text report shows every table of each. */
const DETAILED_COUNTIES = 10;

export interface TextOptions {
  color: boolean;
  /** Only failures and errors. */
  quiet?: boolean;
  /** issue 13: terminal columns; no line is wider (at least MIN_WIDTH). No limit when absent. */
  width?: number;
}

export function renderText(report: Report, profile: Profile, opts: TextOptions): string {
  report = forDisplay(report);
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const lang = report.lang;
  const L = (key: LabelKey, params?: Record<string, unknown>) => label(lang, key, params);
  const W = (prefix: LabelPrefix, id: string, params?: Record<string, unknown>) => idLabel(lang, prefix, id, params);
  const out: string[] = [];
  const table = (head: (string | BoxColumn)[]) => textTable(head, opts.width);
  const mark = (pass: boolean | null, binding = true) =>
    pass === true ? c.green('✓') : pass === false ? (binding ? c.red('✗') : c.yellow('!')) : c.dim('–');
  const verdictWord = (v: Report['verdict']) =>
    v === 'pass' ? c.green.bold(L('pass')) : v === 'fail' ? c.red.bold(L('fail')) : c.yellow.bold(L(v));
  const [colon, open, close, sep] = (['colon', 'open', 'close', 'sep'] as const).map((k) => L(k)) as [
    string,
    string,
    string,
    string,
  ];
  const defs = new Map(profile.indicators.map((d) => [d.id, d]));
  const floorPct = profile.perSchool ? Math.round(profile.perSchool.floorRatio * 100) : 0;
  // issue 10 (checks): words from report.meta where the report has it, else from the profile and catalogue.
  const meta = report.meta;
  const checkName = (id: string) =>
    meta?.checks.find((x) => x.id === id)?.name[lang] ??
    W('check.', id, { minMet: profile.perSchool?.minMet, floor: floorPct });
  const scopeWord = (reason: string) =>
    meta?.scopeReasons.find((x) => x.id === reason)?.label[lang] ?? W('reason.', reason);

  out.push(
    c.dim(
      `balance-check ${report.tool.version} · ${report.standardName}${open}${meta?.standard.document[lang] ?? profile.document}${close}`,
    ),
  );
  if (report.cvRounding !== null) out.push(c.dim(L('cvRounding', { n: report.cvRounding })));

  // issue 12: counties from several files say which file each is from.
  const fileOf = countyFiles(report);
  // issue 13 (sections): each block under the title every format gives it (reportSections), laid out here.
  const sections = sectionTitles(report, profile);
  const head = (s: Section | undefined) => (s ? ['', c.bold(s.title)] : []);
  const notesOf = (s: Section | undefined) => (s ? s.notes.map((n) => c.dim(`  ${n}`)) : []);
  /** A section with nothing of its own for text to show: its title and notes (无, 未评估：why); none under --quiet. */
  const emptySection = (s: Section | undefined) => (opts.quiet ? [] : [...head(s), ...notesOf(s)]);
  if (report.counties.length > 1) out.push(...head(sections.get(sectionKey(-1, 'summary'))), ...summaryTable());
  // Past a few counties the per-school tables would run to hundreds of thousands of lines: each county
  // gets its verdict, checks and parts, and the other sections are one --county (or --format xlsx) away.
  const detailed = report.counties.length <= DETAILED_COUNTIES;
  for (const [ci, county] of report.counties.entries()) {
    if (opts.quiet && county.verdict === 'pass') continue;
    const sec = (id: SectionId, level?: Level) => sections.get(sectionKey(ci, id, level));
    // A pass beside a gap says so on the verdict line: a clerk reads that line first, often only that line.
    const gaps =
      county.verdict === 'pass' &&
      (county.checks.some((k) => k.binding && k.assessed !== undefined && k.assessed !== 'full') ||
        (county.parts ?? []).some((p) => p.assessed !== 'full'));
    const why =
      county.reason === 'nothing-assessed'
        ? c.dim(`${open}${L('reason.nothing-assessed')}${close}`)
        : gaps
          ? c.yellow(`${open}${L('reason.gaps')}${close}`)
          : '';
    const from = fileOf ? c.dim(`  ${L('col.file')}${colon}${terminalSafe(fileOf(county))}`) : '';
    out.push('', c.bold(`${county.county}  ${L('verdict')}${colon}`) + verdictWord(county.verdict) + why + from);
    out.push(...head(sec('checks')), ...checkLines(county));
    if (!detailed) {
      out.push(...itemSection(county, sec('county-items'), false));
      continue;
    }
    for (const level of county.levels) {
      const [cvS, unitsS] = [sec('cv', level.level), sec('units', level.level)];
      if (level.unitCount === 0) {
        out.push(...head(cvS), c.dim(`  ${L('reason.no-units')}`), ...emptySection(unitsS));
        continue;
      }
      if (!opts.quiet || level.pass === false) out.push(...head(cvS), ...cvTable(level));
      // issue 14 (城乡): information only, so not under --quiet.
      if (!opts.quiet) out.push(...localeTable(level, sec('locale', level.level)));
      out.push(...unitTable(county, level, unitsS));
    }
    out.push(
      ...classSection(county, sec('class-size'), sec('class-size-schools')),
      ...schoolSizeSection(county, sec('school-size')),
      ...roomsSection(county, sec('special-rooms')),
    );
    if (!opts.quiet) out.push(...staffingSection(county, sec('staffing')));
    out.push(...itemSection(county, sec('county-items'), true));
    if (!opts.quiet) out.push(...excludedSection(county, sec('excluded')));
  }
  // Indented: at column 0 after a blank line only section titles and county verdict lines stand.
  if (!detailed) out.push('', c.dim(`  ${L('detail.hint', { n: report.counties.length })}`));
  append(out, findingsSection(report.findings, sections.get(sectionKey(-1, 'findings'))));
  append(out, readingSection(sections.get(sectionKey(-1, 'reading'))));
  return fitLines(out, opts.width);

  function checkLines(county: County): string[] {
    const names = county.checks.map((ch) => checkName(ch.id));
    const width = Math.max(...names.map(displayWidth)) + 2;
    return county.checks.map((ch, i) => {
      const name = names[i]!;
      let detail: string;
      if (ch.pass === null) detail = c.dim(`${L('not-assessed')}${ch.reason ? colon + W('reason.', ch.reason) : ''}`);
      else if (ch.id === 'staffing') {
        // The county total can be 0 while single schools are short: say both.
        const total = county.levels.reduce((a, l) => a + (l.staffing.shortfall ?? 0), 0);
        const schools = new Set(ch.failures.map((f) => f.code)).size;
        const sum = ch.failures.reduce((a, f) => a + (f.value ?? 0), 0);
        detail = ch.pass ? L('summary.ok') : L('summary.staffing', { n: total, schools, sum });
      } else if (ch.id === 'class-size') {
        const s = county.classSize;
        detail = L('summary.classes', { over: s.overLimit, large: s.large, super: s.superLarge });
      } else if (ch.pass) detail = L('summary.ok');
      else if (ch.id === 'cv' || ch.id === 'composite') {
        detail = (['primary', 'junior'] as const)
          .map((lv) => [lv, ch.failures.filter((f) => f.level === lv).length] as const)
          .filter(([, n]) => n > 0)
          .map(([lv, n]) => `${L(lv)} ${L('summary.cv', { n })}`)
          .join(sep);
      } else detail = L('summary.units', { n: new Set(ch.failures.map((f) => f.code)).size });
      const tag = ch.binding ? '' : c.dim(`${open}${L('advisory')}${close}`);
      // issue 9 (evidence): a check that saw part of the county says so before its result.
      const cov =
        ch.assessed === 'partial' && ch.coverage
          ? c.yellow(
              `${L('part.partial')}${open}${L('coverage.counts', { assessed: ch.coverage.assessed, total: ch.coverage.total })}${close}`,
            ) + colon
          : '';
      return `  ${mark(ch.pass, ch.binding)} ${pad(name, width)} ${cov}${detail}${tag}`;
    });
  }

  function summaryTable(): string[] {
    const t = table([
      nameColumn(L('county')),
      ...(fileOf ? [{ head: L('col.file'), min: 16 }] : []),
      L('verdict'),
      { head: L('col.failedRules'), min: 12 },
      L('col.worstCv'),
    ]);
    for (const county of report.counties) {
      const s = summaryRows(county);
      const rule = (id: string) => {
        const item =
          meta?.countyItems.find((i) => i.id === id)?.name[lang] ??
          profile.countyItems.find((i) => i.id === id)?.name[lang];
        return item ?? checkName(id).replace(/\s*[（(].*$/, '');
      };
      const [level, ind] = (s.worstId ?? ':').split(':');
      const worst =
        s.worstCv === null
          ? '—'
          : `${fixed(s.worstCv, 3)} ${L('levelIndicator', { level: W('', level ?? ''), name: defs.get(ind ?? '')?.short[lang] ?? '' })}`;
      t.push([
        county.county,
        ...(fileOf ? [fileOf(county)] : []),
        verdictWord(county.verdict),
        s.failed.map(rule).join(sep) || '—',
        worst,
      ]);
    }
    return [c.dim(`  ${L('text.counties', { n: report.counties.length })}`), t.toString()];
  }

  function partLines(county: County): string[] {
    if (!county.parts) return [];
    const width = Math.max(...county.parts.map((p) => displayWidth(p.name))) + 2;
    const lines: string[] = [];
    for (const p of county.parts) {
      const n = p.items.length + p.checks.length;
      const judged =
        p.items.filter((i) => i.pass !== null).length +
        county.checks.filter((ch) => p.checks.includes(ch.id) && ch.pass !== null).length;
      const failed =
        p.items.filter((i) => i.pass === false).length +
        county.checks.filter((ch) => p.checks.includes(ch.id) && ch.pass === false).length;
      let detail: string;
      if (p.assessed === 'none') {
        const noSheet = p.items.some((i) => i.reason === 'no-county-sheet');
        detail = c.dim(L('not-assessed') + (noSheet ? colon + L('reason.no-county-sheet') : ''));
      } else {
        const word =
          p.pass === true ? c.green(L('pass')) : p.pass === false ? c.red(L('fail')) : c.yellow(L('part.partial'));
        detail = `${word}${open}${L('part.counts', { judged, n, failed })}${close}`;
      }
      lines.push(`  ${mark(p.pass)} ${pad(p.name, width)} ${detail}`);
    }
    return lines;
  }

  /** The four parts (評估分项) and the items the county sheet gave. */
  function itemSection(county: County, s: Section | undefined, table_: boolean): string[] {
    if (!county.parts) return [];
    const lines = [...head(s), ...partLines(county)];
    if (!table_) return lines;
    const items = (county.parts ?? [])
      .flatMap((p) => p.items)
      .filter((i) => i.source === 'sheet' && i.reason !== 'no-county-sheet');
    const shown = items.filter((i) => !opts.quiet || i.pass === false);
    if (shown.length === 0) return lines;
    const t = table([nameColumn(L('col.item')), L('col.value'), L('col.required'), L('col.result')]);
    for (const i of shown)
      t.push([
        i.name,
        i.value === null ? c.dim(L('reason.not-given')) : itemValue(i, i.value),
        itemRequirement(i),
        mark(i.pass),
      ]);
    return [...lines, t.toString()];
  }

  function itemValue(i: ItemResult, v: number | boolean): string {
    if (typeof v === 'boolean') return v ? L('yes') : L('no');
    if (i.unit === 'percent') return `${Number((v * 100).toPrecision(10))}%`;
    if (i.unit === 'level') return ['', 'Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'][v] ?? String(v);
    return String(v);
  }

  function itemRequirement(i: ItemResult): string {
    if (i.kind === 'yes' || i.threshold === null) return L('yes');
    const sign = i.kind === 'min' ? '≥' : i.kind === 'max' ? '≤' : '<';
    return `${sign} ${itemValue(i, i.threshold)}`;
  }

  function cvTable(level: CountyLevel): string[] {
    // Single CVs without limits (basic-2012) are reported, not judged: no limit/result columns for them.
    const judged = level.indicators.some((i) => i.cvLimit !== null) || level.composite !== null;
    // Indicator names in full where they fit, else their short words (issue 13: text that fits).
    const build = (short: boolean) => {
      const t = table([
        { head: L('col.indicator'), key: true, min: 12 },
        L('col.mean'),
        L('col.cv'),
        ...(judged ? [L('col.limit'), L('col.result')] : []),
      ]);
      for (const ind of level.indicators) {
        const def = defs.get(ind.id)!;
        const cv =
          ind.cv === null
            ? c.dim(W('reason.', ind.reason ?? 'no-data'))
            : against(ind.cv, 3, ind.cvLimit, 'max', ind.pass);
        const limit = ind.cvLimit === null ? [c.dim('—'), ''] : [fixed(ind.cvLimit, 2), mark(ind.pass)];
        t.push([(short ? def.short : def.name)[lang], fixed(ind.mean, def.decimals), cv, ...(judged ? limit : [])]);
      }
      if (level.composite) {
        const comp = level.composite;
        const cv = comp.cv === null ? c.dim(L('reason.no-data')) : against(comp.cv, 3, comp.limit, 'max', comp.pass);
        t.push([
          c.bold(L('composite', { count: countWord(lang, level.indicators.length) })),
          '',
          c.bold(cv),
          fixed(comp.limit, 2),
          mark(comp.pass),
        ]);
      }
      return t;
    };
    const full = build(false);
    const t = opts.width === undefined || full.naturalWidth() <= Math.max(MIN_WIDTH, opts.width) ? full : build(true);
    const lines = [c.dim(`  ${L('note.level', { units: level.unitCount, students: level.students })}`), t.toString()];
    if (level.cvMean !== null)
      lines.push(
        c.dim(L('cvMean', { value: fixed(level.cvMean, 3), count: countWord(lang, level.indicators.length) })),
      );
    return lines;
  }

  /** issue 14 (城乡): per indicator the county mean, each group's mean (CV within it) and 乡村/城区; the notes above. */
  function localeTable(level: CountyLevel, s: Section | undefined): string[] {
    const f = level.locales;
    if (!f || !s) return [];
    const groups = ['urban', 'town', 'rural'] as const;
    const build = (short: boolean) => {
      const t = table([
        { head: L('col.indicator'), key: true, min: 12 },
        L('col.mean'),
        ...groups.map((g) => L(`locale.${g}`)),
        L('col.ruralToUrban'),
      ]);
      for (const i of f.indicators) {
        const def = defs.get(i.id)!;
        const mean = level.indicators.find((x) => x.id === i.id)?.mean ?? null;
        const group = (g: (typeof groups)[number]) => {
          const x = i.groups[g];
          if (x.mean === null) return c.dim('—');
          return x.cv === null
            ? fixed(x.mean, def.decimals)
            : `${fixed(x.mean, def.decimals)}${open}${fixed(x.cv, 3)}${close}`;
        };
        t.push([
          (short ? def.short : def.name)[lang],
          fixed(mean, def.decimals),
          ...groups.map(group),
          i.ruralToUrban === null ? c.dim('—') : fixed(i.ruralToUrban, 2),
        ]);
      }
      return t;
    };
    const full = build(false);
    const t = opts.width === undefined || full.naturalWidth() <= Math.max(MIN_WIDTH, opts.width) ? full : build(true);
    return [...head(s), ...notesOf(s), c.dim(`  ${L('text.localeCells')}`), t.toString()];
  }

  function unitTable(county: County, level: CountyLevel, s: Section | undefined): string[] {
    const units = county.units.filter((u) => u.level === level.level && (!opts.quiet || u.pass === false));
    if (units.length === 0) return [];
    const ids = profile.indicators.map((d) => d.id);
    const judged = profile.perSchool !== null;
    const heads = [
      nameColumn(L('col.school')),
      L('col.students'),
      ...ids.map((id) => defs.get(id)!.short[lang]),
      ...(judged ? [L('col.met'), L('col.verdict')] : []),
    ];
    const t = table(heads);
    for (const u of units) {
      const cells = u.indicators.map((i) => {
        const def = defs.get(i.id)!;
        const v = against(i.value, def.decimals, i.standard, 'min', i.met);
        const m = i.met === true ? c.green('✓') : i.met === false ? (i.aboveFloor ? c.yellow('△') : c.red('✗')) : '';
        return `${v}${m}`;
      });
      t.push([
        u.name,
        String(u.students),
        ...cells,
        ...(judged ? [`${u.met}/${u.indicators.length}`, unitVerdict(u)] : []),
      ]);
    }
    if (!judged) return [...head(s), t.toString()];
    const standards = profile.indicators.map((d) => (d.standard ? fixed(d.standard[level.level], d.decimals) : ''));
    t.push([c.dim(L('col.required')), '', ...standards.map((s) => c.dim(s)), '', '']);
    return [...head(s), c.dim(`  ${L('text.legend', { floor: floorPct })}`), t.toString()];
  }

  function unitVerdict(u: UnitResult): string {
    return u.pass === true ? c.green(L('pass')) : u.pass === false ? c.red(L('fail')) : c.dim(L('not-assessed'));
  }

  function classSection(county: County, s: Section | undefined, schools: Section | undefined): string[] {
    if (!county.classSize.assessed) return [...emptySection(s), ...emptySection(schools)];
    const cs = profile.classSize;
    const t = table(['', L('col.classes'), L('col.over'), L('col.large'), L('col.super')]);
    for (const l of county.levels) {
      if (!l.classSize) continue;
      const s = l.classSize;
      const share = (n: number) => (s.classes ? `${n}${open}${fixed((100 * n) / s.classes, 1)}%${close}` : String(n));
      t.push([L(l.level), String(s.classes), share(s.overLimit), share(s.large), share(s.superLarge)]);
    }
    const lines = [
      ...head(s),
      c.dim(
        `  ${L('note.classLimits', {
          primary: cs.limits.primary,
          junior: cs.limits.junior,
          largeMin: cs.large.min,
          largeMax: cs.large.max,
          superLarge: cs.superLarge,
        })}`,
      ),
      t.toString(),
    ];
    const over = county.units.filter((u) => u.classSize && u.classSize.overLimit > 0);
    if (over.length) {
      const st = table([
        nameColumn(L('col.school')),
        '',
        L('col.over'),
        L('col.large'),
        L('col.super'),
        L('col.largest'),
      ]);
      for (const u of over)
        st.push([
          u.name,
          L(u.level),
          String(u.classSize!.overLimit),
          String(u.classSize!.large),
          String(u.classSize!.superLarge),
          String(u.classSize!.largest),
        ]);
      lines.push(...head(schools), st.toString());
    } else lines.push(...emptySection(schools));
    return lines;
  }

  function schoolSizeSection(county: County, s: Section | undefined): string[] {
    const ch = county.checks.find((x) => x.id === 'school-size');
    if (!ch || ch.failures.length === 0) return emptySection(s);
    const t = table([nameColumn(L('col.school')), L('col.students'), L('col.limit')]);
    for (const f of ch.failures) t.push([f.name ?? '', String(f.value), String(f.limit)]);
    return [...head(s), t.toString()];
  }

  function roomsSection(county: County, s: Section | undefined): string[] {
    const ch = county.checks.find((x) => x.id === 'special-rooms');
    if (!ch || ch.failures.length === 0) return emptySection(s);
    const t = table([nameColumn(L('col.school')), L('col.value'), L('col.required')]);
    for (const f of ch.failures) t.push([f.name ?? '', `${W('', f.detail ?? '')} ${f.value}`, String(f.limit)]);
    return [...head(s), c.dim(`  ${L('note.rooms', { per: profile.specialRooms?.classesPerRoom })}`), t.toString()];
  }

  function staffingSection(county: County, s: Section | undefined): string[] {
    const t = table([nameColumn(''), L('col.students'), L('col.teachers'), L('col.ratio'), L('col.shortfall')]);
    for (const l of county.levels) {
      if (l.unitCount === 0) continue;
      const s = l.staffing;
      t.push([
        L(l.level),
        String(s.students),
        s.teachers === null ? '—' : String(s.teachers),
        s.ratio === null ? '—' : `${fixed(s.ratio, 1)}:1`,
        String(s.shortfall ?? '—'),
      ]);
    }
    const short = county.units.filter((u) => (u.staffing.shortfall ?? 0) > 0);
    for (const u of short) {
      const s = u.staffing;
      t.push([
        c.dim(`${u.name}${open}${L(u.level)}${close}`),
        String(s.students),
        String(s.teachers),
        s.ratio === null ? '—' : `${fixed(s.ratio, 1)}:1`,
        String(s.shortfall),
      ]);
    }
    const norms = L('note.staffing', {
      primary: profile.staffing.norms.primary,
      junior: profile.staffing.norms.junior,
    });
    return [...head(s), c.dim(`  ${norms}${sep}${L('note.advisory')}`), t.toString()];
  }

  function excludedSection(county: County, s: Section | undefined): string[] {
    if (county.excluded.length === 0) return [];
    const t = table([nameColumn(L('col.school')), L('col.students'), { head: L('col.result'), min: 12 }]);
    // A column of bad pupil counts excludes every school: a capped list, as for findings (issue 9).
    for (const e of county.excluded.slice(0, EXCLUDED_SHOWN))
      t.push([e.name + (e.level ? `${open}${L(e.level)}${close}` : ''), String(e.students), scopeWord(e.reason)]);
    const more = county.excluded.length - EXCLUDED_SHOWN;
    return [...head(s), t.toString(), ...(more > 0 ? [c.dim(`  … ${L('excluded.more', { n: more })}`)] : [])];
  }

  function findingsSection(findings: Finding[], s: Section | undefined): string[] {
    const shown = findings.filter((f) => f.severity !== 'info' && (!opts.quiet || f.severity === 'error'));
    if (shown.length === 0) return emptySection(s);
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    const multi = report.inputs.length > 1 || new Set(findings.map((f) => f.file)).size > 1;
    const lines = [...head(s), c.dim(`  ${counts(L, errors, warnings, opts.quiet)}`)];
    for (const l of findingLines(shown, c, L, multi)) lines.push(l);
    if (errors) lines.push(c.yellow(L('findings.incomplete')));
    return lines;
  }

  /** How the files were read; not under --quiet. */
  function readingSection(s: Section | undefined): string[] {
    if (opts.quiet) return [];
    // What was read (as validate prints it), then anything the reader did beyond reading the template.
    const read = report.inputs
      .filter((i) => i.reading?.length)
      .map((i) => {
        const tables = i.reading!.map((r) =>
          L('reading.table', { sheet: r.sheet, table: L(`table.${r.table}`), rows: r.rows, row: r.headerRow }),
        );
        return c.dim(`  ${report.inputs.length > 1 ? `${i.path} ` : ''}${tables.join(sep)}`);
      });
    const lines = [...read, ...readingLines(report, c, L)];
    return lines.length ? [...head(s), ...lines] : emptySection(s);
  }
}

/** Sections by county (its index in the report; -1 for the run), id and level: text prints their titles. */
const sectionKey = (county: number, id: SectionId, level?: Level) => `${county}\u0000${id}\u0000${level ?? ''}`;

function sectionTitles(report: Report, profile: Profile): Map<string, Section> {
  const out = new Map<string, Section>();
  let county = -1;
  for (const s of sectionsOf(report, profile)) {
    // A county's sections begin with its checks.
    if (s.id === 'checks') county++;
    const runWide = s.id === 'summary' || s.id === 'findings' || s.id === 'reading';
    out.set(sectionKey(runWide ? -1 : county, s.id, s.level), s);
  }
  return out;
}

const EXCLUDED_SHOWN = 200;

type Labeller = (key: LabelKey, params?: Record<string, unknown>) => string;

/** "2 errors, 1 warning"; under --quiet the report holds no warnings (quietReport), so errors only. */
const counts = (L: Labeller, errors: number, warnings: number, quiet?: boolean) =>
  quiet ? L('findings.errors', { errors }) : L('findings.counts', { errors, warnings });
const FINDINGS_PER_CODE = 20;

/** One line per finding, at most 20 of one code per file: a column of bad cells is one problem. */
function findingLines(findings: Finding[], c: ChalkInstance, L: Labeller, multi: boolean): string[] {
  const lines: string[] = [];
  const seen = new Map<string, number>();
  for (const f of findings) {
    const k = `${f.file}\u0000${f.code}`;
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    if (n > FINDINGS_PER_CODE) continue;
    const cell = f.row === undefined ? '' : f.column ? `!${f.column}${f.row}` : ` ${L('row', { row: f.row })}`;
    const where = [
      multi ? f.file : '',
      f.sheet ? `${f.sheet}${cell}` : '',
      f.header && !f.message.includes(f.header) ? f.header : '',
    ]
      .filter(Boolean)
      .join(' ');
    const sym = f.severity === 'error' ? c.red('✗') : c.yellow('!');
    lines.push(`  ${sym} ${where ? c.cyan(where) + '  ' : ''}${f.message} ${c.dim(`[${f.code}]`)}`);
  }
  for (const [k, n] of seen) {
    if (n > FINDINGS_PER_CODE)
      lines.push(c.dim(`  … ${L('findings.more', { n: n - FINDINGS_PER_CODE, code: k.split('\u0000')[1] })}`));
  }
  return lines;
}

/** What the reader did, where it was more than reading the template: so a user can trust or correct it. */
function readingLines(report: Report, c: ChalkInstance, L: Labeller): string[] {
  const lines: string[] = [];
  for (const input of report.inputs) {
    for (const r of input.reading ?? []) {
      const notes = sheetReadingNotes(r, L);
      if (notes.length)
        lines.push(
          c.dim(`  ${report.inputs.length > 1 ? input.path + ' ' : ''}${r.sheet}${L('colon')}${notes.join(L('sep'))}`),
        );
      // issue 12: the --columns skeleton, ready to save and fill in.
      if (r.suggestedColumns)
        lines.push(
          `  ${L('reading.suggested')}`,
          ...JSON.stringify(r.suggestedColumns, null, 2)
            .split('\n')
            .map((l) => `    ${l}`),
        );
    }
    for (const note of inputReadingNotes(input, L))
      lines.push(c.dim(`  ${report.inputs.length > 1 ? input.path + ' ' : ''}${note}`));
  }
  return lines;
}

/** `validate`: what was read, then the data problems, or a line saying there are none. */
export function renderValidation(report: Report, opts: TextOptions): string {
  report = forDisplay(report);
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const L = (key: LabelKey, params?: Record<string, unknown>) => label(report.lang, key, params);
  const out: string[] = [];
  for (const input of report.inputs) {
    if (input.status === 'error') continue;
    const findings = report.findings.filter((f) => f.file === input.path);
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    const tables = (input.reading ?? [])
      .map((r) => L('reading.table', { sheet: r.sheet, table: L(`table.${r.table}`), rows: r.rows, row: r.headerRow }))
      .join(L('sep'));
    const mark = errors ? c.red('✗') : warnings ? c.yellow('!') : c.green('✓');
    out.push(`${mark} ${input.path}  ${tables}  ${counts(L, errors, warnings, opts.quiet)}`);
    append(
      out,
      findingLines(
        findings.filter((f) => f.severity !== 'info' && (!opts.quiet || f.severity === 'error')),
        c,
        L,
        false,
      ),
    );
  }
  // Findings about the whole run (nothing assessed at all), which belong to no one input.
  const paths = new Set(report.inputs.map((i) => i.path));
  const general = report.findings.filter((f) => (f.file === undefined || !paths.has(f.file)) && f.severity !== 'info');
  if (general.length) append(out, findingLines(general, c, L, false));
  if (!opts.quiet) {
    const reading = readingLines(report, c, L);
    if (reading.length) out.push('', c.bold(L('section.reading')), ...reading);
  }
  return out.length ? fitLines(out, opts.width) : '';
}

interface TextTable {
  push(...rows: string[][]): void;
  /** The box lines, fitted to the width given to table(). */
  toString(): string;
  /** Display width of the table with no limit. */
  naturalWidth(): number;
}

/** A school (or county, or file) name column: repeated when a table is split, narrowed before that. */
const nameColumn = (head: string): BoxColumn => ({ head, key: true, min: 16 });

function textTable(head: (string | BoxColumn)[], width?: number): TextTable {
  const columns = head.map((h) => (typeof h === 'string' ? { head: h } : h));
  const rows: string[][] = [];
  return {
    push: (...r) => {
      for (const x of r) rows.push(x);
    },
    toString: () => boxTable(columns, rows, width).join('\n'),
    naturalWidth: () => visibleWidth(boxTable(columns, rows)[0]!),
  };
}

/** The report's lines, prose wrapped to the width (tables already fit). */
function fitLines(out: string[], width: number | undefined): string {
  if (width === undefined) return out.join('\n') + '\n';
  const lines: string[] = [];
  for (const block of out) for (const line of block.split('\n')) for (const l of wrapLine(line, width)) lines.push(l);
  return lines.join('\n') + '\n';
}

/** Columns kept of a finding message, and of any other string from the data. */
const MESSAGE_COLUMNS = 400;
const OTHER_COLUMNS = 200;

/**
 * The report as a terminal may show it: every string without control sequences (before our colours
 * are added), names cut to 40 columns and echoed values to 80 (JSON keeps them whole), before the
 * box tables measure them (issue 13: then to the terminal's width).
 */
export function forDisplay(report: Report): Report {
  const findings = report.findings.map((f) => ({ ...f, message: shortenMessage(f) }));
  // Past DETAILED_COUNTIES no per-school table is shown: the units need no cleaning.
  const counties =
    report.counties.length > DETAILED_COUNTIES
      ? report.counties.map((c) => ({ ...c, units: [], excluded: [] }))
      : report.counties;
  return walk({ ...report, counties, findings }, '') as Report;
}

/** Copy on write: objects without a string to change are kept as they are (a national report is large). */
function walk(v: unknown, key: string): unknown {
  if (typeof v === 'string') return displayString(v, key);
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const x = walk(v[i], key);
      if (x !== v[i]) (out ??= v.slice())[i] = x;
    }
    return out ?? v;
  }
  if (v !== null && typeof v === 'object') {
    let out: Record<string, unknown> | null = null;
    for (const k in v) {
      const x0 = (v as Record<string, unknown>)[k];
      const x = walk(x0, k);
      if (x !== x0) (out ??= { ...(v as Record<string, unknown>) })[k] = x;
    }
    return out ?? v;
  }
  return v;
}

const CONTROL_CHAR = /[\x00-\x1f\x7f-\x9f]/;

function displayString(s: string, key: string): string {
  if (s.length <= 20 && !CONTROL_CHAR.test(s)) return s;
  const safe = CONTROL_CHAR.test(s) ? terminalSafe(s) : s;
  switch (key) {
    case 'name':
    case 'county':
    case 'code':
      return truncate(safe, NAME_COLUMNS);
    case 'value':
    case 'header':
    case 'sheet':
      return truncate(safe, VALUE_COLUMNS);
    case 'message':
      return truncate(safe, MESSAGE_COLUMNS);
    case 'file':
    case 'path':
      return safe;
    default:
      return truncate(safe, OTHER_COLUMNS);
  }
}

/** The message with its echoed value and header cut as the fields themselves are. */
function shortenMessage(f: Finding): string {
  let m = f.message;
  for (const s of [f.value === undefined || f.value === null ? '' : String(f.value), f.header ?? '']) {
    if (s.length * 2 > VALUE_COLUMNS && m.includes(s)) m = m.split(s).join(truncate(terminalSafe(s), VALUE_COLUMNS));
  }
  return m;
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(1, width - displayWidth(s)));
}

export const formatter: Formatter = {
  id: 'text',
  extensions: ['.txt'],
  binary: false,
  async render(report, opts) {
    if (report.error) return ''; // a usage error: its one line is on stderr
    if (opts.mode === 'validate') return renderValidation(report, opts);
    // Nothing read at all (every input unreadable): nothing to print, and an earlier -o file stays.
    // Under --quiet an empty report may just mean all passed: then it is empty only when nothing was read.
    const nothing =
      report.counties.length === 0 &&
      report.findings.length === 0 &&
      (!opts.quiet || report.inputs.every((i) => i.status === 'error'));
    return nothing ? '' : renderText(report, await profileOf(report, opts), opts);
  },
};
