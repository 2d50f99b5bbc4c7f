// The report as plain tables (title, head, rows of cells), shared by the csv, markdown and xlsx formats.
import type { Profile } from '../profiles/schema.js';
import type { County, Report } from '../report/schema.js';
import { countWord, label, type Lang } from '../i18n/messages.js';
import { failedRules } from '../judge/verdict.js';

export type CellValue = string | number | boolean | null;
export interface PlainTable {
  /** Short id, also the xlsx sheet name. */
  id: string;
  title: string;
  head: string[];
  rows: CellValue[][];
}

const yesNo = (lang: Lang, pass: boolean | null) => (pass === null ? label(lang, 'not-assessed') : label(lang, pass ? 'pass' : 'fail'));

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

export function reportTables(report: Report, profile: Profile): PlainTable[] {
  const lang = report.lang;
  const L = (k: string, p?: Record<string, unknown>) => label(lang, k, p);
  // issue 10 (checks): names from the report's meta where it has them.
  const name = (id: string) => (report.meta?.indicators ?? profile.indicators).find((d) => d.id === id)?.name[lang] ?? id;
  const tables: PlainTable[] = [];
  tables.push({
    id: lang === 'zh' ? '汇总' : 'Summary',
    title: lang === 'zh' ? '汇总' : 'Summary',
    head: [L('county'), L('verdict'), lang === 'zh' ? '未达标规则' : 'Rules not met', lang === 'zh' ? '最大差异系数' : 'Largest CV', lang === 'zh' ? '最大差异系数指标' : 'Largest CV indicator'],
    rows: report.counties.map((c) => {
      const s = summaryRows(c);
      return [c.county, L(c.verdict), s.failed.join(' '), s.worstCv, s.worstId];
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
      rows.push([c.county, lang === 'zh' ? '全县平均值' : 'County mean', ...ids.map((id) => by(id)?.mean ?? null), null]);
      rows.push([c.county, lang === 'zh' ? '差异系数' : 'CV', ...ids.map((id) => by(id)?.cv ?? null), l.composite?.cv ?? l.cvMean]);
      rows.push([c.county, lang === 'zh' ? '是否达标' : 'Met', ...ids.map((id) => (by(id)?.pass == null ? null : yesNo(lang, by(id)!.pass))), l.composite ? yesNo(lang, l.composite.pass) : null]);
    }
    tables.push({
      id: lang === 'zh' ? `差异系数（${L(level)}）` : `CV (${L(level)})`,
      title: lang === 'zh' ? `${L(level)}校际差异系数` : `${L(level)}: variation coefficients`,
      head: [L('county'), lang === 'zh' ? '项目' : 'Row', ...ids.map(name), profile.cv.composite ? L('composite', { count: countWord(lang, ids.length) }) : lang === 'zh' ? '平均（参考）' : 'Mean (info)'],
      rows,
    });
    const unitRows: CellValue[][] = [];
    for (const c of report.counties) {
      for (const u of c.units.filter((x) => x.level === level)) {
        for (const i of u.indicators) {
          unitRows.push([c.county, u.code, u.name, u.students, name(i.id), i.standard, i.floor, i.value, i.met === null ? null : yesNo(lang, i.met), u.pass === null ? null : yesNo(lang, u.pass)]);
        }
      }
    }
    tables.push({
      id: lang === 'zh' ? `达标表（${L(level)}）` : `Schools (${L(level)})`,
      title: lang === 'zh' ? `${L(level)}学校达标表` : `${L(level)} schools`,
      head:
        lang === 'zh'
          ? ['县区', '学校代码', '学校名称', '学生数', '指标', '基本值', '达标值', '实际值', '是否达标', '学校结论']
          : ['County', 'Code', 'School', 'Pupils', 'Indicator', 'Standard', 'Floor', 'Actual', 'Met', 'School verdict'],
      rows: unitRows,
    });
  }
  tables.push({
    id: lang === 'zh' ? '检查' : 'Checks',
    title: lang === 'zh' ? '各项检查' : 'Checks',
    head: [L('county'), lang === 'zh' ? '检查' : 'Check', L('col.result'), lang === 'zh' ? '是否判定' : 'Binding', lang === 'zh' ? '未达标数' : 'Failures'],
    rows: report.counties.flatMap((c) => c.checks.map((ch) => [c.county, ch.id, yesNo(lang, ch.pass), ch.binding, ch.failures.length])),
  });
  tables.push({
    id: lang === 'zh' ? '数据问题' : 'Findings',
    title: L('title.findings'),
    head: lang === 'zh' ? ['级别', '代码', '文件', '工作表', '行', '列', '表头', '原值', '说明'] : ['Severity', 'Code', 'File', 'Sheet', 'Row', 'Column', 'Header', 'Value', 'Message'],
    rows: report.findings.map((f) => [f.severity, f.code, f.file ?? null, f.sheet ?? null, f.row ?? null, f.column ?? null, f.header ?? null, f.value === undefined || f.value === null ? null : String(f.value), f.message]),
  });
  return tables;
}

/** Cells that a spreadsheet would run as a formula (= + - @, tab, CR) are prefixed with an apostrophe. */
export function neutralise(v: CellValue): CellValue {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}
