// issue 14 (plan-out): `plan` and `diff` as a workbook (the 缺口 sheet first, in the assessment workbook's style)
// and as one self-contained html page (the assessment page's shell, tables and charts: the gap per school per
// quantity, the CVs before and after the plan; for diff the CVs then and now). Sections from sections/plan.ts.
import type { Level } from '../domain.js';
import { label, type LabelKey, type Lang } from '../i18n/messages.js';
import type { DiffReport, PlanReport } from '../plan/report.js';
import type { Profile } from '../profiles/schema.js';
import type { Bar, ValueLine } from './charts.js';
import { figureHtml, legendHtml, MAX_CHART_COUNTIES, PAGE_END, pageStart, sectionTableHtml } from './html.js';
import type { ReportHeading, Section } from './sections.js';
import {
  diffHeading,
  diffSections,
  gapRows,
  planHeading,
  planSections,
  quantityHead,
  quantityOrder,
} from './sections/plan.js';
import { words } from './sections/context.js';
import { xmlEscape } from './safe.js';
import { sectionsWorkbook } from './xlsx.js';

type Charts = typeof import('./charts.js');

/** One county: its name leads the workbook's and page's title, as in the assessment. */
const titleOf = (heading: ReportHeading, counties: { county: string }[]) =>
  counties.length === 1 ? `${counties[0]!.county} ${heading.title}` : heading.title;

export function planXlsx(report: PlanReport, profile: Profile, date?: string): Promise<Uint8Array> {
  const heading = planHeading(report, profile, date);
  return sectionsWorkbook(planSections(report, profile), heading, titleOf(heading, report.counties));
}

export function diffXlsx(report: DiffReport, profile: Profile, date?: string): Promise<Uint8Array> {
  const heading = diffHeading(report, profile, date);
  return sectionsWorkbook(diffSections(report, profile), heading, titleOf(heading, report.counties));
}

const verdictClass = (exitCode: number) => (exitCode === 0 ? 'pass' : exitCode === 1 ? 'fail' : 'incomplete');

/** Sections as the page's parts: a part per county (in the order they come), charts after the section they draw. */
function page(
  lang: Lang,
  heading: ReportHeading,
  verdict: string,
  sections: Section[],
  counties: number,
  chartsAfter: (s: Section) => string[],
): string {
  const out = [pageStart(lang, heading, verdict)];
  if (counties > MAX_CHART_COUNTIES)
    out.push(
      `<p class="note">${xmlEscape(label(lang, 'html.countyChartsCapped', { counties, max: MAX_CHART_COUNTIES }))}</p>\n`,
    );
  let open: string | undefined;
  for (const s of sections) {
    if (s.county !== open) {
      if (open !== undefined) out.push('</section>\n');
      open = s.county;
      if (open !== undefined) out.push(`<section class="county"><h2>${xmlEscape(open)}</h2>\n`);
    }
    out.push(sectionTableHtml(lang, s));
    // A national file draws no county's charts (as the assessment page): the tables keep every county.
    if (counties <= MAX_CHART_COUNTIES) out.push(...chartsAfter(s));
  }
  if (open !== undefined) out.push('</section>\n');
  out.push(PAGE_END);
  return out.join('');
}

export function planHtml(report: PlanReport, profile: Profile, charts: Charts, date?: string): string {
  const lang = report.lang;
  const L = (key: LabelKey, params?: Record<string, unknown>) => label(lang, key, params);
  const w = words(lang, profile);
  const { COLORS } = charts;
  const heading = planHeading(report, profile, date);
  heading.title = titleOf(heading, report.counties);
  const ind = (id: string) => profile.indicators.find((d) => d.id === id)?.short[lang] ?? id;
  const series = [
    { key: 'before', name: L('planout.cvBefore'), color: COLORS.neutral },
    { key: 'afterPlan', name: L('planout.cvAfterPlan'), color: COLORS.warn },
    { key: 'after', name: L('planout.series.after'), color: COLORS.pass },
  ] as const;

  const gapCharts = (county: PlanReport['counties'][number], level: Level): string[] => {
    const names = new Map<string, string>();
    for (const list of [county.size, county.classes, county.rooms, county.staffing, county.units])
      for (const x of list) names.set(x.code, x.name);
    for (const c of county.cvs) for (const f of c.further) names.set(f.code, f.name);
    const rows = gapRows(county, profile).filter((r) => r.level === level);
    const quantities = quantityOrder(profile, new Set(rows.flatMap((r) => Object.keys(r.amounts))));
    const out: string[] = [];
    const chart = (quantity: string, name: string, unit: string, amounts: [string, number][]) => {
      const sorted = amounts.filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
      if (!sorted.length) return;
      const bars: Bar[] = sorted.map(([code, v]) => ({ label: code, value: v, color: COLORS.fail }));
      const categories = sorted.map(([code]) => names.get(code) ?? code);
      out.push(
        figureHtml(
          charts,
          'gap',
          { county: county.county, level, quantity, bars: bars.length },
          {
            series: [{ name: quantity, bars }],
            categories,
            showLabels: categories.length <= charts.MAX_LABELS,
            yName: unit,
            height: 240,
            integer: true,
          },
          L('planout.chart.gap', { level: L(level), name, unit }),
        ),
      );
    };
    for (const q of quantities) {
      const { name, unit } = quantityHead(w, q);
      chart(
        q,
        name,
        unit,
        rows.map((r) => [r.code, r.amounts[q] ?? 0]),
      );
    }
    chart(
      'classes',
      L('planout.addClasses'),
      L('kind.classroom'),
      rows.map((r) => [r.code, r.classes]),
    );
    // Side by side where the page is wide enough: a county has a chart per quantity.
    return out.length ? [`<div class="chart-grid">${out.join('')}</div>`] : [];
  };

  const cvChart = (county: PlanReport['counties'][number], level: Level): string | null => {
    const cvs = county.cvs.filter((x) => x.level === level);
    if (!cvs.length) return null;
    const further = cvs.some((x) => x.further.length);
    const shown = further ? series : series.slice(0, 2);
    const spec = shown.map((s) => ({
      name: s.key,
      bars: cvs.map((x): Bar | null =>
        x[s.key] === null ? null : { label: x.indicator, value: x[s.key]!, color: s.color },
      ),
    }));
    const bars = spec.reduce((a, s) => a + s.bars.filter(Boolean).length, 0);
    if (!bars) return null;
    const limit = cvs[0]!.limit;
    const lines: ValueLine[] = [{ value: limit, label: L('html.limitLine', { value: limit }), color: COLORS.limit }];
    return (
      legendHtml(shown.map((s) => [s.color, s.name])) +
      figureHtml(
        charts,
        'plan-cv',
        { county: county.county, level, bars },
        { series: spec, categories: cvs.map((x) => ind(x.indicator)), showLabels: true, lines },
        L('planout.chart.cv', { level: L(level) }),
      )
    );
  };

  const sections = planSections(report, profile);
  const body = page(lang, heading, verdictClass(report.exitCode), sections, report.counties.length, (s) => {
    const county = report.counties.find((c) => c.county === s.county);
    if (!county?.planned) return [];
    if (s.id === 'plan-gaps' && s.level) return gapCharts(county, s.level);
    if (s.id === 'plan-cv')
      return (['primary', 'junior'] as const).map((l) => cvChart(county, l)).filter((x) => x !== null);
    return [];
  });
  return body;
}

export function diffHtml(report: DiffReport, profile: Profile, charts: Charts, date?: string): string {
  const lang = report.lang;
  const L = (key: LabelKey, params?: Record<string, unknown>) => label(lang, key, params);
  const { COLORS } = charts;
  const heading = diffHeading(report, profile, date);
  heading.title = titleOf(heading, report.counties);
  const ind = (id: string) => profile.indicators.find((d) => d.id === id)?.short[lang] ?? id;
  const series = [
    { key: 'was', name: L('planout.was'), color: COLORS.neutral },
    { key: 'now', name: L('planout.now'), color: COLORS.pass },
  ] as const;
  const cvChart = (county: DiffReport['counties'][number], level: Level): string | null => {
    const l = county.levels.find((x) => x.level === level);
    const shown = l?.indicators.filter((i) => i.cv.was !== null || i.cv.now !== null) ?? [];
    if (!shown.length) return null;
    const spec = series.map((s) => ({
      name: s.key,
      bars: shown.map((i): Bar | null =>
        i.cv[s.key] === null ? null : { label: i.id, value: i.cv[s.key]!, color: s.color },
      ),
    }));
    const bars = spec.reduce((a, s) => a + s.bars.filter(Boolean).length, 0);
    const limit = shown.find((i) => i.limit !== null)?.limit;
    const lines: ValueLine[] =
      limit === undefined || limit === null
        ? []
        : [{ value: limit, label: L('html.limitLine', { value: limit }), color: COLORS.limit }];
    return (
      legendHtml(series.map((s) => [s.color, s.name])) +
      figureHtml(
        charts,
        'diff-cv',
        { county: county.county, level, bars },
        { series: spec, categories: shown.map((i) => ind(i.id)), showLabels: true, lines },
        L('planout.chart.diffCv', { level: L(level) }),
      )
    );
  };
  const sections = diffSections(report, profile);
  return page(lang, heading, report.worse ? 'fail' : 'pass', sections, report.counties.length, (s) => {
    const county = report.counties.find((c) => c.county === s.county);
    if (!county || s.id !== 'diff-cv' || !s.level) return [];
    const chart = cvChart(county, s.level);
    return chart ? [chart] : [];
  });
}
