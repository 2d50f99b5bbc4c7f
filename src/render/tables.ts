// The report as plain tables (title, head, rows of cells), shared by the csv, markdown and xlsx formats.
import type { Profile } from '../profiles/schema.js';
import type { County, Report } from '../report/schema.js';
import { countWord, label, type LabelKey, type Lang } from '../i18n/messages.js';
import { failedRules } from '../judge/verdict.js';

export type CellValue = string | number | boolean | null;
export interface PlainTable {
  /** Short id, also the xlsx sheet name. */
  id: string;
  title: string;
  head: string[];
  rows: CellValue[][];
}

const yesNo = (lang: Lang, pass: boolean | null) =>
  pass === null ? label(lang, 'not-assessed') : label(lang, pass ? 'pass' : 'fail');

/** Rules not met and the largest CV, per county: the first table of a multi-county run. */
export function summaryRows(county: County): { failed: string[]; worstCv: number | null; worstId: string | null } {
  const failed = failedRules(county.checks, county.parts);
  let worstCv: number | null = null;
  let worstId: string | null = null;
  for (const l of county.levels) {
    for (const i of l.indicators) {
      if (i.cv !== null && (worstCv === null || i.cv > worstCv)) {
        worstCv = i.cv;
        worstId = `${l.level}:${i.id}`;
      }
    }
  }
  return { failed, worstCv, worstId };
}

/**
 * issue 12: the file of each county when the report's counties come from more than one file (a batch of
 * several copies of one county would otherwise list rows all named alike); undefined for a single file.
 */
export function countyFiles(report: Report): ((c: County) => string) | undefined {
  const fileOf = (c: County) => c.file ?? c.units[0]?.file ?? '';
  return new Set(report.counties.map(fileOf)).size > 1 ? fileOf : undefined;
}

export function reportTables(report: Report, profile: Profile): PlainTable[] {
  const lang = report.lang;
  const L = (k: LabelKey, p?: Record<string, unknown>) => label(lang, k, p);
  // issue 10 (checks): names from the report's meta where it has them.
  const name = (id: string) =>
    (report.meta?.indicators ?? profile.indicators).find((d) => d.id === id)?.name[lang] ?? id;
  const tables: PlainTable[] = [];
  // issue 12: with counties from several files, a file column after each county column.
  const fileOf = countyFiles(report);
  const countyHead = fileOf ? [L('county'), L('col.file')] : [L('county')];
  const countyCells = (c: County): CellValue[] => (fileOf ? [c.county, fileOf(c)] : [c.county]);
  tables.push({
    id: L('sheet.summary'),
    title: L('sheet.summary'),
    head: [...countyHead, L('verdict'), L('col.failedRules'), L('col.worstCv'), L('col.worstCvIndicator')],
    rows: report.counties.map((c) => {
      const s = summaryRows(c);
      return [...countyCells(c), L(c.verdict), s.failed.join(' '), s.worstCv, s.worstId];
    }),
  });
  for (const level of ['primary', 'junior'] as const) {
    const ids = profile.indicators.map((d) => d.id);
    const rows: CellValue[][] = [];
    for (const c of report.counties) {
      const l = c.levels.find((x) => x.level === level);
      if (!l || l.unitCount === 0) continue;
      const by = (id: string) => l.indicators.find((i) => i.id === id);
      // The official 表2 layout: one row of county means, one of CVs, indicators across.
      rows.push([...countyCells(c), L('row.mean'), ...ids.map((id) => by(id)?.mean ?? null), null]);
      rows.push([...countyCells(c), L('row.cv'), ...ids.map((id) => by(id)?.cv ?? null), l.composite?.cv ?? l.cvMean]);
      rows.push([
        ...countyCells(c),
        L('row.met'),
        ...ids.map((id) => (by(id)?.pass == null ? null : yesNo(lang, by(id)!.pass))),
        l.composite ? yesNo(lang, l.composite.pass) : null,
      ]);
    }
    tables.push({
      id: L('sheet.cv', { level: L(level) }),
      title: L('title.cvSheet', { level: L(level) }),
      head: [
        ...countyHead,
        L('col.cvRow'),
        ...ids.map(name),
        profile.cv.composite ? L('composite', { count: countWord(lang, ids.length) }) : L('col.cvMean'),
      ],
      rows,
    });
    const unitRows: CellValue[][] = [];
    for (const c of report.counties) {
      for (const u of c.units.filter((x) => x.level === level)) {
        for (const i of u.indicators) {
          unitRows.push([
            ...countyCells(c),
            u.code,
            u.name,
            u.students,
            name(i.id),
            i.standard,
            i.floor,
            i.value,
            i.met === null ? null : yesNo(lang, i.met),
            u.pass === null ? null : yesNo(lang, u.pass),
          ]);
        }
      }
    }
    tables.push({
      id: L('sheet.units', { level: L(level) }),
      title: L('title.unitsSheet', { level: L(level) }),
      head: [
        ...countyHead,
        ...(
          [
            'col.schoolCode',
            'col.schoolName',
            'col.students',
            'col.indicator',
            'col.standard',
            'col.floor',
            'col.actual',
            'row.met',
            'col.schoolVerdict',
          ] as const
        ).map((k) => L(k)),
      ],
      rows: unitRows,
    });
  }
  tables.push({
    id: L('sheet.checks'),
    title: L('title.checks'),
    head: [...countyHead, L('col.check'), L('col.result'), L('col.binding'), L('col.failures')],
    rows: report.counties.flatMap((c) =>
      c.checks.map((ch) => [...countyCells(c), ch.id, yesNo(lang, ch.pass), ch.binding, ch.failures.length]),
    ),
  });
  tables.push({
    id: L('sheet.findings'),
    title: L('title.findings'),
    head: (
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
    ).map((k) => L(k)),
    rows: report.findings.map((f) => [
      f.severity,
      f.code,
      f.file ?? null,
      f.sheet ?? null,
      f.row ?? null,
      f.column ?? null,
      f.header ?? null,
      f.value === undefined || f.value === null ? null : String(f.value),
      f.message,
    ]),
  });
  return tables;
}

/** Cells that a spreadsheet would run as a formula (= + - @, tab, CR) are prefixed with an apostrophe. */
export function neutralise(v: CellValue): CellValue {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}
