// The library API: inputs in, report out. The CLI is a thin layer over this.
import { readdirSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { FatalError, finding, type RawFinding } from './findings.js';
import type { CountyItemValue } from './validate/county.js';
import { cellAt } from './validate/locate.js';
import { append } from './group.js';
import type { ClassFile } from './stream.js';
import { classCuts, mergeClasses, type ClassAggregate } from './validate/classes.js';
import { readBytes, readInput, type RawWorkbook, type ReadOptions } from './read/index.js';
import { checkMemory } from './read/memory.js';
import { mapWorkbook, schoolCodes, type MappedTable, type MapOptions } from './map/index.js';
import { validate } from './validate/index.js';
import { missingGroups, suggestColumns } from './map/suggest.js';
import { buildUnits, type Excluded, type School, type Unit, type UnitSet } from './units/index.js';
import { computeCounty } from './compute/index.js';
import { judgeCounty } from './judge/index.js';
import { namedCounty, reportMeta } from './report/meta.js';
import { builtInProfile, DEFAULT_STANDARD } from './profiles/index.js';
import type { Profile } from './profiles/schema.js';
import { FINDINGS, fatalMessage, format, idLabel, label, type LabelPrefix, type Lang } from './i18n/messages.js';
import { VERSION } from './version.js';
import type { County, Finding, Report, SheetReading } from './report/schema.js';
import { SCHEMA_VERSION } from './report/schema-version.js';
import { withMaxWarnings } from './modes.js';
import { noCountyItems, sortInputs, type SortedInputs } from './companions.js';
import { layoutsWith, type Layout } from './import/layout.js';
import { layoutFor } from './import/index.js';

export interface AssessOptions {
  /** Built-in standard id (default quality-2017); ignored when `profile` is given. */
  standard?: string;
  profile?: Profile;
  lang?: Lang;
  /** Counties to assess (others are left out); one name also names a file without a 县区 column (default:
   * the file name). A name that matches no county in the data is an error (exit 3), never an empty pass. */
  county?: string | string[];
  /** Exit 1 when the report has more warnings than this (ESLint's --max-warnings). */
  maxWarnings?: number;
  /** Encoding and size/time limits for reading. */
  read?: ReadOptions;
  /** Which sheet, which header row, a column mapping. */
  map?: MapOptions;
  /** issue 15: statistics exports (教基/基础基 forms, county-wide exports) are imported: extra layouts
   * (--layout), annex → parent (--merge-map), the 学段 of wide files whose name does not say it. */
  import?: { layouts?: Layout[]; mergeMap?: Record<string, string>; level?: '小学' | '初中' | '高中' };
  /** Called after each input, e.g. for a progress bar. */
  onProgress?: (done: number, total: number, path: string) => void;
  /** issue 14: sees each county's units before compute; what it returns is assessed (plan keeps, scenarios edit). */
  countyUnits?: CountyUnitsHook;
}

/** issue 14: a county's units, schools and excluded schools, as compute receives them. */
export interface CountyUnits {
  units: Unit[];
  schools: School[];
  excluded: Excluded[];
  hasClassSizes: boolean;
}
export type CountyUnitsHook = (county: string, data: CountyUnits, file: string) => CountyUnits | undefined;

/** A path to read, or bytes already in memory (`path` then only names them). */
export type InputSpec = string | { path: string; bytes: Uint8Array };

export { VERSION };

export async function assess(inputs: InputSpec[], options: AssessOptions = {}): Promise<Report> {
  const lang = options.lang ?? 'zh';
  const profile = options.profile ?? builtInProfile(options.standard ?? DEFAULT_STANDARD);
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'balance-check', version: VERSION },
    standard: profile.id,
    standardName: profile.name[lang],
    cvRounding: profile.cv.rounding,
    lang,
    exitCode: 0,
    verdict: 'pass',
    inputs: [],
    findings: [],
    // Declared before counties, so that the chunked JSON (counties last) keeps the field order.
    error: undefined,
    maxWarnings: undefined,
    meta: reportMeta(profile), // issue 10 (checks)
    counties: [],
  };
  // Class CSVs given beside schools files are streamed first, so that each schools file can take the
  // classes of its own schools; what no file takes is reported as classes of unknown schools.
  const entries: (Report['inputs'][number] | undefined)[] = inputs.map(() => undefined);
  // issue 12: a companion keeps its no-school-table finding, reported when nothing of it joined a schools file
  // (a county workbook whose schools sheet was not recognised, more likely than classes of no school).
  const classFiles: (Pick<ClassFile, 'path' | 'classes' | 'findings'> & {
    noSchools?: RawFinding;
    items?: CountyItemValue[];
  })[] = [];
  const pool: ClassAggregate = new Map();
  const primaries: number[] = [];
  const stream = inputs.length > 1 && !options.map?.table ? await import('./stream.js') : undefined;
  for (const [n, input] of inputs.entries()) {
    const path = typeof input === 'string' ? input : input.path;
    try {
      // The same read options and limits as every input (issue 10: one read path).
      const file = stream?.readClassCsv(input, classCuts(profile), options.read);
      if (!file) {
        primaries.push(n);
        continue;
      }
      classFiles.push(file);
      mergeClasses(pool, file.classes);
      entries[n] = { path, status: 'ok', format: 'csv', reading: [{ ...readingOf(file.table), rows: file.rows }] };
    } catch (e) {
      entries[n] = { path, status: 'error', message: fatalMessage(e, lang) };
    }
  }
  // issue 12: several workbooks are sorted by content; class and county-items workbooks (companions) join the
  // schools files. Without a schools file in the run they are reported as what they are (no schools table).
  const sorted: SortedInputs =
    primaries.length > 1 && !options.map?.table
      ? await sortInputs(inputs, primaries, profile, options)
      : { schools: primaries.map((n) => ({ n })), companions: [] };
  const companionItems: CountyItemValue[] = [];
  let itemsGiven = false;
  for (const { n, companion } of sorted.companions) {
    const alone = sorted.schools.length === 0;
    const findings = alone ? companion.findings : companion.findings.filter((f) => f.code !== 'no-school-table');
    entries[n] = {
      path: companion.path,
      status: 'ok',
      format: companion.format,
      reading: companion.tables.map((t) => readingOf(t)),
    };
    if (alone) {
      for (const f of findings) report.findings.push(localise(f, lang));
      if (findings.some((f) => f.severity === 'error')) entries[n]!.status = 'invalid';
      continue;
    }
    classFiles.push({
      path: companion.path,
      classes: companion.classes,
      findings,
      noSchools: companion.findings.find((f) => f.code === 'no-school-table'),
      items: companion.items ?? [],
    });
    mergeClasses(pool, companion.classes);
    if (companion.items) {
      itemsGiven = true;
      append(companionItems, companion.items);
    }
  }
  const itemsUsed = new Set<CountyItemValue>();
  // Items that name no county go to the single county of the run; else one error says so, after the run.
  const itemsFor = (counties: string[]): { items: CountyItemValue[]; unplaced: boolean } | null => {
    if (!itemsGiven) return null;
    const sole = sorted.schools.length === 1 && counties.length === 1;
    const items = companionItems.filter((v) => (v.county === undefined ? sole : counties.includes(v.county)));
    for (const v of items) itemsUsed.add(v);
    // Items that could be this county's and are not placed leave its assessment incomplete, as in one workbook.
    return { items, unplaced: !sole && companionItems.some((v) => v.county === undefined) };
  };
  // issue 9 (evidence): --county may name several counties; each must be found in the data.
  const wanted =
    options.county === undefined
      ? []
      : [options.county]
          .flat()
          .map((c) => c.trim())
          .filter((c) => c !== '');
  const namingCounty = wanted.length === 1 ? wanted[0] : undefined;
  const seenCounties = new Set<string>();
  const take = (codes: Iterable<string>): ClassAggregate => {
    const out: ClassAggregate = new Map();
    for (const code of codes) {
      const groups = pool.get(code);
      if (groups) {
        out.set(code, groups);
        pool.delete(code);
      }
    }
    return out;
  };
  // issue 15: statistics exports are set aside and imported together (a folder of per-school workbooks is one county).
  const forms: { n: number; path: string; wb: RawWorkbook; layout: string }[] = [];
  for (const [k, school] of sorted.schools.entries()) {
    const { n } = school;
    const input = inputs[n]!;
    const path = typeof input === 'string' ? input : input.path;
    options.onProgress?.(k, sorted.schools.length, path);
    try {
      if (typeof input === 'string') noDataFiles(input);
      if (school.error !== undefined) throw school.error;
      const read = options.map?.sheet === undefined ? options.read : { ...options.read, sheet: options.map.sheet };
      const wb =
        school.wb ??
        (typeof input === 'string' ? await readInput(input, read) : await readBytes(input.bytes, input.path, read));
      school.wb = undefined; // assessed once: not held for the rest of the run
      const layout = layoutFor(wb, options.import?.layouts);
      if (layout) {
        forms.push({ n, path, wb, layout: layout.id });
        continue;
      }
      const { counties, findings, readings, skippedSheets } = assessWorkbook(wb, profile, {
        county: namingCounty ?? defaultCounty(path),
        countyFromFile: namingCounty === undefined,
        lang,
        map: options.map,
        takeClasses: take,
        countyItems: itemsFor,
        countyUnits: options.countyUnits,
      });
      for (const c of counties) seenCounties.add(c.county);
      checkMemory(path, options.read?.maxHeapMb); // issue 9: the memory budget, at the stage boundary
      const errors = findings.some((f) => f.severity === 'error');
      entries[n] = {
        path,
        status: errors ? 'invalid' : 'ok',
        format: wb.format,
        reading: readings,
        ...(skippedSheets ? { skippedSheets } : {}),
      };
      for (const f of findings) report.findings.push(localise(f, lang));
      // --county names a file without a 县区 column, and picks one county out of a file with many.
      // issue 12: each county says which file it is from (a batch may hold several files of one county).
      for (const { county, ...rest } of counties)
        if (!wanted.length || wanted.includes(county)) report.counties.push({ county, file: path, ...rest });
    } catch (e) {
      entries[n] = { path, status: 'error', message: fatalMessage(e, lang) };
    }
  }
  if (forms.length) {
    try {
      const { counties, findings } = await assessImported(forms, entries, profile, options, {
        county: namingCounty,
        lang,
        takeClasses: take,
        countyItems: itemsFor,
      });
      for (const c of counties) seenCounties.add(c.county);
      for (const f of findings) report.findings.push(localise(f, lang));
      for (const { county, ...rest } of counties)
        if (!wanted.length || wanted.includes(county)) report.counties.push({ county, file: forms[0]!.path, ...rest });
    } catch (e) {
      for (const f of forms) entries[f.n] = { path: f.path, status: 'error', message: fatalMessage(e, lang) };
    }
  }
  for (const file of classFiles) {
    const unknown: RawFinding[] = [];
    for (const [code, groups] of file.classes) {
      if (!pool.has(code)) continue;
      const first = groups.reduce((a, g) => (g.at.row < a.at.row ? g : a));
      unknown.push(
        finding('unknown-school', 'error', cellAt(first.at, 'code', 'classes'), {
          value: code,
          params: { count: groups.reduce((a, g) => a + g.tally.n, 0) },
        }),
      );
    }
    const joined =
      unknown.length < file.classes.size || file.items?.some((v) => itemsUsed.has(v) || v.county === undefined);
    const findings = append([], file.findings);
    if (file.noSchools && !joined) findings.push(file.noSchools);
    else append(findings, unknown);
    for (const f of findings) report.findings.push(localise(f, lang));
    const entry = entries[inputs.findIndex((i) => (typeof i === 'string' ? i : i.path) === file.path)];
    if (entry && findings.some((f) => f.severity === 'error')) entry.status = 'invalid';
  }
  const unplaced = companionItems.filter((v) => !itemsUsed.has(v));
  const firstUnnamed = unplaced.find((v) => v.county === undefined);
  if (firstUnnamed) {
    report.findings.push(localise(noCountyItems(firstUnnamed, [...seenCounties]), lang));
    const entry = entries[inputs.findIndex((i) => (typeof i === 'string' ? i : i.path) === firstUnnamed.source.file)];
    if (entry) entry.status = 'invalid';
  }
  for (const v of unplaced)
    if (v.county !== undefined)
      report.findings.push(
        localise(
          finding('county-items-unmatched', 'warning', cellAt(v.source, 'county', 'county'), { value: v.county }),
          lang,
        ),
      );
  report.inputs = entries.filter((e): e is Report['inputs'][number] => e !== undefined);
  // The same county from two files is assessed twice, once per file: say so, a batch may hold an old copy.
  const seen = new Map<string, string>();
  for (const c of report.counties) {
    const file = c.units[0]?.file ?? '';
    const first = seen.get(c.county);
    if (first === undefined) seen.set(c.county, file);
    else if (first !== file)
      report.findings.push(
        localise(finding('duplicate-county', 'warning', { file }, { value: c.county, params: { first } }), lang),
      );
  }
  const missingCounties = wanted.filter((c) => !seenCounties.has(c));
  if (missingCounties.length && report.inputs.some((i) => i.status !== 'error')) {
    const list = [...seenCounties];
    const sep = label(lang, 'sep');
    const counties =
      list.length === 0
        ? label(lang, 'counties.none')
        : list.slice(0, COUNTIES_LISTED).join(sep) +
          (list.length > COUNTIES_LISTED ? label(lang, 'counties.more', { n: list.length }) : '');
    const message = fatalMessage(
      new FatalError('county-not-found', { county: missingCounties.join(sep), counties }),
      lang,
    );
    report.error = { code: 'county-not-found', message };
  }
  // Nothing assessed never passes: inputs read, but not one school to judge (a class table alone, say).
  if (report.counties.length === 0 && !report.error && exitCode(report) < 2) {
    report.findings.push(localise(finding('no-assessment', 'error', {}), lang));
  }
  report.exitCode = exitCode(report);
  report.verdict = (['pass', 'fail', 'incomplete', 'error'] as const)[report.exitCode]!;
  if (options.maxWarnings !== undefined) applyMaxWarnings(report, options.maxWarnings);
  return report;
}

const COUNTIES_LISTED = 20;

/** issue 15: statistics exports → canonical rows (import/) → the usual pipeline; each input says it was imported. */
async function assessImported(
  forms: { n: number; path: string; wb: RawWorkbook; layout: string }[],
  entries: (Report['inputs'][number] | undefined)[],
  profile: Profile,
  options: AssessOptions,
  w: { county?: string; lang: Lang } & Pick<WorkbookOptions, 'takeClasses' | 'countyItems'>,
): Promise<{ counties: County[]; findings: RawFinding[] }> {
  const imp = await import('./import/index.js');
  const result = imp.importWorkbooks(
    forms.map((f) => f.wb),
    { ...options.import, layouts: layoutsWith(options.import?.layouts) },
  );
  const table = imp.canonicalTable(
    result.schools,
    result.toFill.map((t) => t.key),
  );
  const file = forms.length === 1 ? forms[0]!.path : imp.commonFolder(forms.map((f) => f.path));
  // Blank columns the forms do not hold are left out: the assessment says a needed one is missing.
  const wb = imp.canonicalWorkbook(table, file, table.blank);
  const named = w.county ?? result.schools.find((s) => s.county)?.county;
  const assessed = assessWorkbook(wb, profile, {
    county: named ?? file,
    countyFromFile: named === undefined,
    lang: w.lang,
    takeClasses: w.takeClasses,
    countyItems: w.countyItems,
    // plan's hook, keyed by the file the report names the county with (the first form, as below).
    ...(options.countyUnits ? { countyUnits: (c, d) => options.countyUnits!(c, d, forms[0]!.path) } : {}),
  });
  const findings: RawFinding[] = [...result.findings, ...imp.importNotes(result, table)];
  findings.push(...assessed.findings);
  const errors = new Set(findings.filter((f) => f.severity === 'error').map((f) => f.file));
  for (const [i, f] of forms.entries()) {
    const note = result.files.find((x) => x.path === f.path);
    entries[f.n] = {
      path: f.path,
      status: errors.has(f.path) || (i === 0 && errors.has(file)) ? 'invalid' : 'ok',
      format: f.wb.format,
      ...(i === 0 ? { reading: assessed.readings } : {}),
      imported: { layout: f.layout, schools: note?.schools ?? 0 },
    };
  }
  return { counties: assessed.counties, findings };
}

/** ESLint's --max-warnings, in place (assess() owns the report it changes); modes.ts has the pure form. */
export function applyMaxWarnings(report: Report, max: number): void {
  Object.assign(report, withMaxWarnings(report, max));
}

/** A directory that held no spreadsheet (inputs.ts keeps it in the list): say so, with what it holds. */
function noDataFiles(path: string): void {
  // A folder named like a workbook was meant as a file: the reader says it is a directory.
  if (
    path === '-' ||
    /\.(xlsx|xls|csv)[\\/]*$/i.test(path) ||
    !statSync(path, { throwIfNoEntry: false })?.isDirectory()
  )
    return;
  let found = 0;
  try {
    found = readdirSync(path, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
  } catch {
    // unreadable: report it as holding nothing
  }
  throw new FatalError('no-data-files', { file: path, found });
}

/** Pure once the bytes are read: map → validate → units → compute → judge, per county. */
export interface WorkbookOptions {
  /** County name for rows without a 县区. */
  county: string;
  /** issue 12: `county` is only the file's name: a county named in the title rows comes first, and using the
   * file's name is a warning. */
  countyFromFile?: boolean;
  lang?: Lang;
  map?: MapOptions;
  /** Hands over the classes of these school codes read from companion class files. */
  takeClasses?: (codes: Iterable<string>) => ClassAggregate;
  /** issue 12: county items of companion files for these counties; null when the run has none. */
  countyItems?: (counties: string[]) => { items: CountyItemValue[]; unplaced: boolean } | null;
  /** issue 14: see AssessOptions. */
  countyUnits?: CountyUnitsHook;
}

export function assessWorkbook(
  wb: RawWorkbook,
  profile: Profile,
  options: WorkbookOptions,
): { counties: County[]; findings: RawFinding[]; readings: SheetReading[]; skippedSheets?: string[] } {
  const { lang = 'zh' } = options;
  const {
    names,
    byCounty,
    hasClassSizes,
    hasLocale,
    countyItems: tableItems,
    findings,
    readings,
    skippedSheets,
  } = unitsOf(wb, profile, options);
  // issue 12: county items from companion files join the county items of this workbook.
  const extra = options.countyItems?.(names) ?? null;
  const itemValues = extra === null ? tableItems : [...(tableItems ?? []), ...extra.items];
  const items = itemsByCounty(itemValues, names, profile);
  append(findings, items.findings);
  const errors = findings.some((f) => f.severity === 'error') || extra?.unplaced === true;
  const meta = reportMeta(profile);
  const counties = names.map((c, i) => {
    let [ofUnits, ofSchools, ofExcluded] = byCounty[i]!;
    byCounty[i] = undefined; // a county's units and figures go once it is judged
    let classSizes = hasClassSizes;
    const edited = options.countyUnits?.(
      c,
      { units: ofUnits, schools: ofSchools, excluded: ofExcluded, hasClassSizes },
      wb.file,
    );
    if (edited) ({ units: ofUnits, schools: ofSchools, excluded: ofExcluded, hasClassSizes: classSizes } = edited);
    const figures = computeCounty(c, ofUnits, ofSchools, classSizes, profile, hasLocale);
    const judged = judgeCounty(figures, ofExcluded, profile, errors, items.byCounty.get(c) ?? (itemValues ? [] : null));
    return namedCounty(judged, meta, lang); // issue 10 (checks): the judge has no words; names filled here
  });
  for (const c of counties) append(findings, evidenceFindings(c, wb.file));
  return { counties, findings, readings, ...(skippedSheets ? { skippedSheets } : {}) };
}

type ByCounty = ([Unit[], School[], Excluded[]] | undefined)[];

/** map → validate → units, grouped by county. A function of its own so that the mapped rows and validated
 * records, large for a national file, are garbage once the units are built: compute and judge never need them. */
function unitsOf(
  wb: RawWorkbook,
  profile: Profile,
  options: WorkbookOptions,
): {
  names: string[];
  byCounty: ByCounty;
  hasClassSizes: boolean;
  hasLocale: boolean;
  countyItems: CountyItemValue[] | null;
  findings: RawFinding[];
  readings: SheetReading[];
  skippedSheets?: string[];
} {
  const mapped = mapWorkbook(wb, options.map ?? {});
  const validated = validate(mapped.tables, profile, options.takeClasses?.(schoolCodes(mapped.tables)));
  const naming = nameCounty(wb.file, mapped.tables, options);
  if (validated.schools.some((s) => s.county === undefined) && naming.finding) mapped.findings.push(naming.finding);
  const units = buildUnits(validated, profile, naming.name);
  const findings: RawFinding[] = [];
  for (const list of [wb.findings ?? [], mapped.findings, validated.findings, units.findings]) append(findings, list);
  const names = countiesOf(units);
  return {
    names,
    byCounty: groupByCounty(units, names),
    hasClassSizes: units.hasClassSizes,
    hasLocale: units.hasLocale ?? false,
    countyItems: validated.countyItems,
    findings,
    readings: mapped.tables.map((t) => readingOf(t, profile, wb.format)),
    ...(mapped.skippedSheets ? { skippedSheets: mapped.skippedSheets } : {}),
  };
}

/** Units, schools and excluded per county, in the order of `names`: one Map lookup per item. */
function groupByCounty(u: UnitSet, names: string[]): ByCounty {
  const index = new Map(names.map((c, i) => [c, i]));
  const out = names.map((): [Unit[], School[], Excluded[]] => [[], [], []]);
  for (const x of u.units) out[index.get(x.county)!]![0].push(x);
  for (const x of u.schools) out[index.get(x.county)!]![1].push(x);
  for (const x of u.excluded) out[index.get(x.county)!]![2].push(x);
  return out;
}

/** issue 12: the name for rows without a 县区: --county, else a county named in the schools table's title rows,
 * else the file's name, said in a warning (stdin has no name but `-`). */
function nameCounty(
  file: string,
  tables: MappedTable[],
  options: WorkbookOptions,
): { name: string; finding?: RawFinding } {
  if (!options.countyFromFile) return { name: options.county };
  const schools = tables.find((t) => t.kind === 'schools' && t.titleCounty);
  const title = schools?.titleCounty;
  if (schools && title)
    return {
      name: title.name,
      finding: finding(
        'county-from-title',
        'info',
        { file, sheet: schools.sheet, row: title.row },
        { value: title.name, params: { row: title.row } },
      ),
    };
  const code = file === '-' ? 'county-from-stdin' : 'county-from-file-name';
  return { name: options.county, finding: finding(code, 'warning', { file }, { value: options.county }) };
}

const NAMES_LISTED = 10;

/** issue 9 (evidence): what a county's verdict rests on, as findings: nothing assessed (error), a check that
 * saw only part of the county (warning, with who is missing), binding checks and parts not assessed (warning). */
export function evidenceFindings(c: County, file: string): RawFinding[] {
  const out: RawFinding[] = [];
  if (c.reason === 'nothing-assessed') {
    out.push(
      finding('nothing-assessed', 'error', { file }, { value: c.county, params: { excluded: c.excluded.length } }),
    );
    return out;
  }
  // An incomplete county's gaps are its data errors, already located: a warning per check would repeat them.
  if (c.verdict === 'incomplete') return out;
  for (const ch of c.checks) {
    const cov = ch.coverage;
    if (ch.assessed !== 'partial' || !cov) continue;
    // One name per school (a school may miss both levels); joined by a newline that localise() turns into the language's separator.
    const unique = [...new Set(cov.missing.map((m) => m.name))];
    const names = unique.slice(0, NAMES_LISTED).join('\n');
    const more = unique.length > NAMES_LISTED ? ` … (+${unique.length - NAMES_LISTED})` : '';
    out.push(
      finding(
        'partial-coverage',
        'warning',
        { file },
        {
          value: c.county,
          params: {
            check: ch.id,
            what: cov.unit,
            assessed: cov.assessed,
            total: cov.total,
            count: cov.missing.length,
            names: names + more,
          },
        },
      ),
    );
  }
  const checks = c.checks
    .filter((ch) => ch.binding && ch.pass === null && ch.reason !== 'single-unit')
    .map((ch) => ch.id);
  const parts = (c.parts ?? []).filter((p) => p.assessed === 'none').map((p) => p.id);
  if (checks.length || parts.length) {
    out.push(
      finding(
        'not-assessed',
        'warning',
        { file },
        { value: c.county, params: { checks: checks.join(','), parts: parts.join(',') } },
      ),
    );
  }
  return out;
}

/** What the reader did with a table, for users to check the mapping. */
export function readingOf(t: MappedTable, profile?: Profile, format?: RawWorkbook['format']): SheetReading {
  // issue 12: a schools table lacking a needed column carries a ready --columns skeleton.
  const suggested =
    profile && t.kind === 'schools' && missingGroups(t, profile).length
      ? suggestColumns(t, profile, format !== 'csv')
      : undefined;
  return {
    sheet: t.sheet,
    table: t.kind,
    headerRow: t.headerRow,
    headerRows: t.headerRows,
    rows: t.rows.length,
    columns: t.columns.map((c) => ({
      column: c.letter,
      header: c.header,
      key: c.key,
      ...(c.factor !== 1 ? { factor: c.factor } : {}),
    })),
    unmapped: t.unmapped.map((u) => ({ column: u.letter, header: u.header })),
    skipped: t.skipped,
    // issue 12
    ...(t.hidden ? { hidden: true } : {}),
    ...(t.hiddenRows ? { hiddenRows: t.hiddenRows } : {}),
    ...(t.summaryRows ? { summaryRows: t.summaryRows } : {}),
    ...(suggested ? { suggestedColumns: suggested } : {}),
  };
}

/** County items to their county: by the 县区 they name, or to the only county when they name none. */
function itemsByCounty(
  values: CountyItemValue[] | null,
  counties: string[],
  profile: Profile,
): { byCounty: Map<string, CountyItemValue[]>; findings: RawFinding[] } {
  const byCounty = new Map<string, CountyItemValue[]>();
  const findings: RawFinding[] = [];
  if (values === null) return { byCounty, findings };
  // issue 12: items naming no county, with several counties: one error saying so, not one per row.
  const unnamed = counties.length > 1 ? values.find((v) => v.county === undefined) : undefined;
  if (unnamed) findings.push(noCountyItems(unnamed, counties));
  for (const v of values) {
    if (unnamed && v.county === undefined) continue;
    const county = v.county ?? (counties.length === 1 ? counties[0] : undefined);
    if (county === undefined || !counties.includes(county)) {
      findings.push(
        finding('county-items-unmatched', 'warning', cellAt(v.source, 'county', 'county'), { value: v.county ?? '' }),
      );
      continue;
    }
    const list = byCounty.get(county);
    if (list) list.push(v);
    else byCounty.set(county, [v]);
  }
  const wanted = profile.countyItems.filter((i) => i.kind !== 'computed');
  for (const county of counties) {
    const given = new Set((byCounty.get(county) ?? []).map((v) => v.itemId));
    const missing = wanted.filter((i) => !given.has(i.id));
    const first = values[0];
    // Items the error above could not place are not missing ones: said once.
    if (missing.length && first && !unnamed) {
      findings.push(
        finding(
          'county-items-missing',
          'warning',
          { file: first.source.file, sheet: first.source.sheet },
          { value: county, params: { count: missing.length, items: missing.map((i) => i.name.zh).join('、') } },
        ),
      );
    }
  }
  return { byCounty, findings };
}

function countiesOf(u: UnitSet): string[] {
  return [...new Set([...u.units.map((x) => x.county), ...u.excluded.map((x) => x.county)])];
}

function defaultCounty(path: string): string {
  return path === '-' ? '-' : basename(path, extname(path));
}

export function exitCode(r: Pick<Report, 'inputs' | 'findings' | 'counties' | 'error'>): 0 | 1 | 2 | 3 {
  if (r.error || r.inputs.some((i) => i.status === 'error')) return 3;
  if (r.findings.some((f) => f.severity === 'error') || r.counties.some((c) => c.verdict === 'incomplete')) return 2;
  if (r.counties.some((c) => c.verdict === 'fail')) return 1;
  return 0;
}

const idWord = (lang: Lang, prefix: LabelPrefix, id: unknown) => idLabel(lang, prefix, String(id));
/** A check's name without its parenthesised rule. */
const checkWord = (lang: Lang, id: unknown) => idWord(lang, 'check.', id).replace(/[（(].*$/, '');

function notAssessedList(lang: Lang, params: Record<string, string | number>): string {
  const ids = (s: unknown) =>
    String(s ?? '')
      .split(',')
      .filter(Boolean);
  const words = [
    ...ids(params.checks).map((id) => checkWord(lang, id)),
    ...ids(params.parts).map((id) => idWord(lang, 'part.', id)),
  ];
  return words.join(label(lang, 'sep'));
}

/** issue 12: the closest header and how to map it, or how to add the column; the headers not recognised. */
function missingColumnAdvice(lang: Lang, p: Record<string, string | number>): string {
  const near = p.nearest
    ? label(lang, 'missing-column.near', { column: p.nearestColumn, nearest: p.nearest, key: p.key })
    : label(lang, 'missing-column.add', { key: p.key });
  const seen = String(p.seen ?? '');
  return seen ? near + label(lang, 'missing-column.seen', { seen: seen.split('\n').join(label(lang, 'sep')) }) : near;
}

export function localise(f: RawFinding, lang: Lang): Finding {
  // Codes are typed; this catches only a code smuggled in by a cast: it must never print as itself.
  const template: string | undefined = FINDINGS[lang][f.code];
  if (template === undefined) throw new Error(`finding code without words: ${f.code}`);
  const { params, ...rest } = f;
  const words = {
    ...params,
    ...(params?.expected ? { expected: idWord(lang, 'expected.', params.expected) } : {}),
    ...(params?.type ? { type: idWord(lang, 'type_', params.type) } : {}),
    ...(params?.level ? { level: idWord(lang, '', params.level) } : {}),
    // issue 9 (evidence): ids in params put into words
    ...(params?.check ? { check: checkWord(lang, params.check) } : {}),
    ...(params?.what ? { what: idWord(lang, 'coverage.', params.what) } : {}),
    ...(params?.checks !== undefined || params?.parts !== undefined ? { items: notAssessedList(lang, params) } : {}),
    ...(params?.slip ? { slip: idWord(lang, 'slip.', params.slip) } : {}),
    ...(params?.bound ? { bound: idWord(lang, 'bound.', params.bound) } : {}),
    ...(typeof params?.names === 'string' ? { names: params.names.split('\n').join(label(lang, 'sep')) } : {}),
    ...(f.code === 'missing-column' ? { advice: missingColumnAdvice(lang, params ?? {}) } : {}),
  };
  return {
    ...rest,
    message: format(template, { header: f.header, value: f.value === undefined ? '' : String(f.value), ...words }),
  };
}
