// issue 13: the HTML report: one self-contained page (inline CSS and SVG, no script, no URL) that a clerk
// opens in any browser and prints on A4 landscape, a page per county. The tables are the report's sections
// (the same titles as every other format); the charts are SVG drawn here by ECharts' server-side renderer,
// loaded only when this format is asked for (./charts.js).
import type { Level } from '../domain.js';
import { idLabel, label, type LabelKey, type Lang } from '../i18n/messages.js';
import type { Profile } from '../profiles/schema.js';
import type { County, CountyLevel, Report } from '../report/schema.js';
import type { Bar, BarSpec, BoundaryLine, ValueLine } from './charts.js';
import { fixed } from './format.js';
import { profileOf, type Formatter } from './formatters.js';
import { xmlEscape } from './safe.js';
import { showNumber } from './markdown.js';
import { reportHeading, sectionsOf, type Cell, type Column, type ReportHeading, type Section } from './sections.js';

/**
 * Past this many school levels in one report (a province or the nation), the per-school bar charts are left
 * out: a bar per school per indicator would make a page of hundreds of megabytes. The tables keep every school.
 */
export const MAX_CHART_UNITS = 5000;

/** Past this many counties (a national file), no county gets charts of its own: the batch chart compares them. */
export const MAX_CHART_COUNTIES = 100;

type Charts = typeof import('./charts.js');

export const formatter: Formatter = {
  id: 'html',
  extensions: ['.html', '.htm'],
  binary: false,
  async render(report, opts) {
    const profile = await profileOf(report, opts);
    const charts = await import('./charts.js');
    return htmlPieces(report, profile, charts, sectionsOf(report, profile), reportHeading(report, profile, opts.date));
  },
};

/** Text for HTML content and attribute values: every data string passes here. */
const esc = (s: string) => xmlEscape(s);

/** The page as one string (tests, the library). */
export function renderHtml(
  report: Report,
  profile: Profile,
  charts: Charts,
  sections: Iterable<Section>,
  heading: ReportHeading,
): string {
  return [...htmlPieces(report, profile, charts, sections, heading)].join('');
}

/** The page in pieces, written out as they come. */
export function* htmlPieces(
  report: Report,
  profile: Profile,
  charts: Charts,
  sections: Iterable<Section>,
  heading: ReportHeading,
): Generator<string> {
  const lang = report.lang;
  const L = (key: LabelKey, params?: Record<string, unknown>) => label(lang, key, params);
  const levelName = (level: Level) => idLabel(lang, '', level);
  const words = indicatorWords(report, profile, lang);
  const floorPct = profile.perSchool ? Math.round(profile.perSchool.floorRatio * 100) : 85;
  const unitCount = report.counties.reduce((a, c) => a + c.units.length, 0);
  const perSchoolCharts = unitCount <= MAX_CHART_UNITS;
  const countyCharts = report.counties.length <= MAX_CHART_COUNTIES;

  const figure = (kind: string, attrs: Record<string, string | number>, spec: BarSpec, caption: string) =>
    figureHtml(charts, kind, attrs, spec, caption);

  /** The CV chart of a level: a bar per indicator (and the composite), the limit as a line. */
  const cvChart = (county: County, l: CountyLevel): string | null => {
    const limit = l.composite?.limit ?? l.indicators.find((i) => i.cvLimit !== null)?.cvLimit ?? null;
    const categories: string[] = [];
    const bars: (Bar | null)[] = [];
    for (const i of l.indicators) {
      categories.push(words(i.id).short);
      bars.push(i.cv === null ? null : { label: i.id, value: i.cv, color: passColor(charts, i.pass) });
    }
    if (l.composite) {
      categories.push(L('html.composite'));
      bars.push(
        l.composite.cv === null
          ? null
          : { label: 'composite', value: l.composite.cv, color: passColor(charts, l.composite.pass) },
      );
    }
    const n = bars.filter(Boolean).length;
    if (!n) return null;
    const lines: ValueLine[] =
      limit === null
        ? []
        : [{ value: limit, label: L('html.limitLine', { value: limit }), color: charts.COLORS.limit }];
    return figure(
      'cv',
      { county: county.county, level: l.level, bars: n },
      { series: [{ name: 'cv', bars }], categories, showLabels: true, lines, height: 280 },
      L('html.cvChart', { level: levelName(l.level), limit: limit ?? '—' }),
    );
  };

  /** Per indicator of a level: the units with a value as bars, highest first, the standard and floor as lines. */
  const unitCharts = (county: County, level: Level): string[] => {
    const units = county.units.filter((u) => u.level === level);
    const out: string[] = [];
    const ids = county.levels.find((l) => l.level === level)?.indicators.map((i) => i.id) ?? [];
    for (const id of ids) {
      const w = words(id);
      const points = units
        .map((u) => ({ u, ind: u.indicators.find((i) => i.id === id) }))
        .filter((p): p is { u: (typeof units)[number]; ind: NonNullable<typeof p.ind> } => p.ind?.value != null)
        .sort((a, b) => b.ind.value! - a.ind.value!);
      if (!points.length) continue;
      const standard = mode(points.map((p) => p.ind.standard));
      const floor = mode(points.map((p) => p.ind.floor));
      const lines: ValueLine[] = [];
      if (standard !== null)
        lines.push({
          value: standard,
          label: L('html.standardLine', { value: fixed(standard, w.decimals) }),
          color: charts.COLORS.standard,
          shift: -1,
        });
      if (floor !== null)
        lines.push({
          value: floor,
          label: L('html.floorLine', { pct: floorPct, value: fixed(floor, w.decimals) }),
          color: charts.COLORS.floor,
          shift: 1,
        });
      const bars = points.map(({ u, ind }) => ({
        label: u.name,
        value: ind.value!,
        color:
          ind.met === null
            ? charts.COLORS.neutral
            : ind.met
              ? charts.COLORS.pass
              : ind.aboveFloor === false
                ? charts.COLORS.fail
                : charts.COLORS.warn,
      }));
      out.push(
        figure(
          'units',
          { county: county.county, level, indicator: id, bars: bars.length },
          {
            series: [{ name: id, bars }],
            categories: points.map(({ u }) => u.name),
            showLabels: points.length <= charts.MAX_LABELS,
            lines,
            yName: w.unit,
          },
          L('html.unitChart', { level: levelName(level), indicator: w.name, unit: w.unit }),
        ),
      );
    }
    return out;
  };

  /** The class-size histogram of a level, with the limit, 大班额 and 超大班额 marks between bins. */
  const histogramChart = (county: County, l: CountyLevel): string | null => {
    const cs = l.classSize;
    const bins = cs?.histogram;
    if (!cs || !bins?.length || cs.classes === 0) return null;
    const { large, superLarge } = profile.classSize;
    const { COLORS } = charts;
    const categories = bins.map((b) =>
      b.max === null
        ? L('html.binFrom', { min: b.min })
        : b.min <= 1
          ? L('html.binUpTo', { max: b.max })
          : `${b.min}–${b.max}`,
    );
    const bars = bins.map((b) => ({
      label: String(b.min),
      value: b.classes,
      color:
        b.max !== null && b.max <= cs.limit
          ? COLORS.pass
          : b.min >= superLarge
            ? COLORS.superLarge
            : b.min >= large.min
              ? COLORS.fail
              : COLORS.warn,
    }));
    const boundaries: BoundaryLine[] = [];
    const after = (max: number, text: string, color: string) => {
      const i = bins.findIndex((b) => b.max === max);
      if (i >= 0 && i < bins.length - 1) boundaries.push({ after: i, label: text, color });
    };
    after(cs.limit, L('html.classLimit', { n: cs.limit }), COLORS.limit);
    if (large.min - 1 !== cs.limit) after(large.min - 1, L('html.largeMark', { n: large.min }), COLORS.fail);
    after(superLarge - 1, L('html.superLargeMark', { n: superLarge }), COLORS.superLarge);
    return figure(
      'histogram',
      { county: county.county, level: l.level, bars: bars.length },
      { series: [{ name: 'classes', bars }], categories, showLabels: true, boundaries, height: 260 },
      L('html.histogram', { level: levelName(l.level) }),
    );
  };

  /**
   * issue 14 (城乡): per indicator the 城区 / 镇区 / 乡村 means as grouped bars, each divided by the county mean so
   * that indicators of different units share one axis (1 = the county mean, drawn as a line).
   */
  const localeChart = (county: County, l: CountyLevel): string | null => {
    const f = l.locales;
    if (!f) return null;
    const categories: string[] = [];
    const groups = ['urban', 'town', 'rural'] as const;
    const series = groups.map((g) => ({ name: g, bars: [] as (Bar | null)[] }));
    for (const i of f.indicators) {
      const mean = l.indicators.find((x) => x.id === i.id)?.mean ?? null;
      categories.push(words(i.id).short);
      groups.forEach((g, k) => {
        const m = i.groups[g].mean;
        series[k]!.bars.push(
          m === null || !mean ? null : { label: `${i.id}:${g}`, value: m / mean, color: charts.COLORS[g] },
        );
      });
    }
    const n = series.reduce((a, s) => a + s.bars.filter(Boolean).length, 0);
    if (!n) return null;
    return figure(
      'locale',
      { county: county.county, level: l.level, bars: n },
      {
        series,
        categories,
        showLabels: true,
        lines: [{ value: 1, label: L('html.countyMeanLine'), color: charts.COLORS.countyMean }],
        height: 300,
      },
      L('html.localeChart', { level: levelName(l.level) }),
    );
  };

  /** Batches: each county's largest CV (or composite) per level against the level's limit. */
  const summaryChart = (): string | null => {
    if (report.counties.length < 2) return null;
    const levels = [...new Set(report.counties.flatMap((c) => c.levels.map((l) => l.level)))];
    const limits = new Map<Level, number>();
    const series = levels.map((level) => ({
      name: level,
      bars: report.counties.map((c): Bar | null => {
        const w = worst(c.levels.find((l) => l.level === level));
        if (!w) return null;
        if (w.limit !== null) limits.set(level, w.limit);
        return { label: c.county, value: w.value, color: passColor(charts, w.pass) };
      }),
    }));
    const n = series.reduce((a, s) => a + s.bars.filter(Boolean).length, 0);
    if (!n) return null;
    const distinct = new Set(limits.values());
    const lines: ValueLine[] =
      distinct.size === 1
        ? [
            {
              value: [...distinct][0]!,
              label: L('html.limitLine', { value: [...distinct][0] }),
              color: charts.COLORS.limit,
            },
          ]
        : [...limits].map(([level, value], k) => ({
            value,
            label: L('html.levelLimitLine', { level: levelName(level), value }),
            color: k ? charts.COLORS.superLarge : charts.COLORS.limit,
          }));
    const names = report.counties.map((c) => c.county);
    const categories = names.map((name, i) =>
      names.indexOf(name) !== names.lastIndexOf(name) ? `${name} (${report.counties[i]!.file ?? i + 1})` : name,
    );
    return figure(
      'summary',
      { bars: n },
      { series, categories, showLabels: categories.length <= charts.MAX_LABELS, lines },
      L('html.summaryChart', { levels: levels.map(levelName).join(L('sep')) }),
    );
  };

  const legend = legendHtml;
  const { COLORS } = charts;
  const unitLegend = legend([
    [COLORS.pass, L('html.legendMet')],
    [COLORS.warn, L('html.legendWarn', { pct: floorPct })],
    [COLORS.fail, L('html.legendFloor', { pct: floorPct })],
  ]);

  const localeLegend = legend([
    [COLORS.urban, L('locale.urban')],
    [COLORS.town, L('locale.town')],
    [COLORS.rural, L('locale.rural')],
  ]);
  const cvLegend = legend([
    [COLORS.pass, L('html.legendMet')],
    [COLORS.fail, L('html.legendFail')],
  ]);
  const classLegend = legend([
    [COLORS.pass, L('html.legendMet')],
    [COLORS.warn, L('html.legendOver')],
  ]);

  // The page, a piece at a time (a province's tables run to tens of megabytes): head, heading, the run's own
  // sections before the counties (summary) with the batch chart, a part per county with its charts after the
  // tables they draw, then the run's sections after the counties (findings, reading).
  yield pageStart(lang, heading, report.verdict);
  // The batch chart follows the summary table (or, without one, comes before the first county).
  let summary = summaryChart();
  if (!perSchoolCharts && report.counties.length)
    yield `<p class="note">${esc(L('html.chartsCapped', { units: unitCount, max: MAX_CHART_UNITS }))}</p>\n`;
  if (!countyCharts && report.counties.length)
    yield `<p class="note">${esc(L('html.countyChartsCapped', { counties: report.counties.length, max: MAX_CHART_COUNTIES }))}</p>\n`;

  // Sections come in report order: a county's sections together, counties in the order of report.counties.
  const state: { open: { key: string; pending: Map<string, string[]> } | null } = { open: null };
  let next = 0;
  const close = function* () {
    if (!state.open) return;
    for (const html of state.open.pending.values()) yield* html;
    yield '</section>\n';
    state.open = null;
  };
  for (const s of sections) {
    if (s.county === undefined) {
      yield* close();
      yield sectionHtml(s);
      if (s.id === 'summary' && summary) {
        yield summary;
        summary = null;
      }
      continue;
    }
    if (summary) {
      yield summary;
      summary = null;
    }
    const key = countyKey(s.county, s.file);
    if (state.open?.key !== key) {
      yield* close();
      // The county this section belongs to: the next one of that name (and file, in a batch of files).
      let i = next;
      while (i < report.counties.length && report.counties[i]!.county !== s.county) i++;
      const county = report.counties[i];
      if (county) next = i + 1;
      state.open = { key, pending: county ? chartsOf(county) : new Map() };
      yield `<section class="county"><h2>${esc(s.county)}${
        county ? ` <span class="verdict ${county.verdict}">${esc(verdictWord(lang, county.verdict))}</span>` : ''
      }</h2>\n`;
    }
    yield sectionHtml(s);
    for (const k of [`${s.id}:${s.level}`, s.id]) {
      const html = state.open?.pending.get(k);
      if (html) {
        yield* html;
        state.open?.pending.delete(k);
      }
    }
  }
  yield* close();
  if (summary) yield summary;
  yield PAGE_END;

  /** A county's charts, keyed by the section they follow: `cv:primary`, `units:junior`, `class-size`. */
  function chartsOf(county: County): Map<string, string[]> {
    const pending = new Map<string, string[]>();
    if (!countyCharts) return pending;
    const put = (key: string, list: string[]) => pending.set(key, [...(pending.get(key) ?? []), ...list]);
    for (const l of county.levels) {
      const cv = cvChart(county, l);
      if (cv) put(`cv:${l.level}`, [cvLegend, cv]);
      const locale = localeChart(county, l);
      if (locale) put(`locale:${l.level}`, [localeLegend, locale]);
      if (perSchoolCharts) {
        const list = unitCharts(county, l.level);
        if (list.length) put(`units:${l.level}`, [unitLegend, ...list]);
      }
      const histogram = histogramChart(county, l);
      if (histogram) put('class-size', [classLegend, histogram]);
    }
    return pending;
  }

  function sectionHtml(s: Section): string {
    return sectionTableHtml(lang, s);
  }
}

// Pieces of the page that the plan and diff pages share (issue 14, plan-html.ts).

/** The page up to and including the header: CSP (nothing loaded, no script), the CSS, title and heading lines. */
export function pageStart(lang: Lang, heading: ReportHeading, verdict: string): string {
  return (
    '<!DOCTYPE html>\n' +
    `<html lang="${HTML_LANG[lang]}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>${esc(heading.title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n` +
    `<header class="verdict-${esc(verdict)}"><h1>${esc(heading.title)}</h1>${heading.lines.map((l) => `<p>${esc(l)}</p>`).join('')}</header>\n`
  );
}

export const PAGE_END = '</body>\n</html>\n';

/** One section: its title (h2 for the run's own, h3 inside a county), its table and notes. */
export function sectionTableHtml(lang: Lang, s: Section): string {
  const heading = s.county === undefined ? 'h2' : 'h3';
  return (
    `<section class="table" data-section="${esc(s.id)}"${s.level ? ` data-level="${s.level}"` : ''}>` +
    `<${heading} class="section-title">${esc(s.title)}</${heading}>${tableHtml(lang, s.columns, s.rows)}` +
    s.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('') +
    '</section>'
  );
}

/** A chart with its caption; data-* attributes say what it draws (tests count bars against them). */
export function figureHtml(
  charts: Charts,
  kind: string,
  attrs: Record<string, string | number>,
  spec: BarSpec,
  caption: string,
): string {
  const data = Object.entries({ chart: kind, ...attrs, series: spec.series.length })
    .map(([k, v]) => ` data-${k}="${esc(String(v))}"`)
    .join('');
  return `<figure class="chart"${data}>${charts.barChart(spec)}<figcaption>${esc(caption)}</figcaption></figure>`;
}

/** A row of colour keys. */
export function legendHtml(kinds: [string, string][]): string {
  return `<p class="legend">${kinds.map(([color, text]) => `<span><i style="background:${color}"></i>${esc(text)}</span>`).join('')}</p>`;
}

/** The page's language tag, for fonts and screen readers. */
const HTML_LANG: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };

const countyKey = (county: string, file?: string) => `${county}\u0000${file ?? ''}`;

function tableHtml(lang: Lang, columns: readonly Column[], rows: readonly Cell[][]): string {
  // Wide tables (a per-school block has six columns per indicator) scroll on a screen rather than squash.
  const out: string[] = ['<div class="wide"><table>', '<thead>'];
  if (columns.some((c) => c.group)) {
    out.push('<tr>');
    for (let i = 0; i < columns.length; ) {
      const group = columns[i]!.group;
      let span = 1;
      while (group && columns[i + span]?.group === group) span++;
      out.push(`<th${span > 1 ? ` colspan="${span}"` : ''}>${esc(group ?? '')}</th>`);
      i += span;
    }
    out.push('</tr>');
  }
  out.push(`<tr>${columns.map((c) => `<th>${esc(c.head)}</th>`).join('')}</tr>`, '</thead>', '<tbody>');
  for (const row of rows) {
    out.push('<tr>');
    row.forEach((cell, i) => {
      const col = columns[i];
      // On one line: a school's name (a text column whose width asks for it) and a short word (小学, 达标).
      const short = (col?.width ?? 0) >= 24 ? 20 : 4;
      const name = typeof cell.v === 'string' && cell.v.length <= short ? 'name' : undefined;
      const classes = [cell.state, typeof cell.v === 'number' ? 'num' : name].filter(Boolean).join(' ');
      out.push(`<td${classes ? ` class="${classes}"` : ''}>${esc(cellText(lang, cell, col))}</td>`);
    });
    out.push('</tr>');
  }
  out.push('</tbody>', '</table></div>');
  return out.join('');
}

function cellText(lang: Lang, cell: Cell, col: Column | undefined): string {
  const { v } = cell;
  if (v === null) return '';
  if (typeof v === 'boolean') return label(lang, v ? 'pass' : 'fail');
  if (typeof v === 'number') return showNumber(v, cell.format ?? col?.format);
  return v;
}

function verdictWord(lang: Lang, v: Report['verdict']): string {
  return label(lang, v);
}

function passColor(charts: Charts, pass: boolean | null): string {
  return pass === false ? charts.COLORS.fail : pass === true ? charts.COLORS.pass : charts.COLORS.neutral;
}

/** The value most units share (standards are per level, but a profile may vary them). */
function mode(values: readonly (number | null)[]): number | null {
  const counts = new Map<number, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | null = null;
  let n = 0;
  for (const [v, c] of counts) if (c > n) [best, n] = [v, c];
  return best;
}

/** A level's largest CV (or its composite where the standard judges that) with the limit it is held to. */
export function worst(
  l: CountyLevel | undefined,
): { value: number; limit: number | null; pass: boolean | null } | null {
  if (!l) return null;
  if (l.composite)
    return l.composite.cv === null ? null : { value: l.composite.cv, limit: l.composite.limit, pass: l.composite.pass };
  let top: CountyLevel['indicators'][number] | null = null;
  for (const i of l.indicators) if (i.cv !== null && (top === null || i.cv > top.cv!)) top = i;
  if (!top) return null;
  return { value: top.cv!, limit: top.cvLimit, pass: top.pass };
}

function indicatorWords(report: Report, profile: Profile, lang: Lang) {
  return (id: string) => {
    const m = report.meta?.indicators.find((d) => d.id === id) ?? profile.indicators.find((d) => d.id === id);
    return m
      ? { name: m.name[lang], short: m.short[lang], unit: m.unit[lang], decimals: m.decimals }
      : { name: id, short: id, unit: '', decimals: 2 };
  };
}

// Screen and A4 landscape print; no web font (a clerk's machine has a CJK system font), no URL.
const CSS = `
:root{color-scheme:light}
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;margin:24px;color:#1f2328;background:#fff;font-size:14px;line-height:1.5}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:24px 0 8px;border-bottom:2px solid #d0d7de;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
header p{margin:2px 0;color:#57606a}
.verdict{font-weight:bold}.verdict.pass{color:#1a7f37}.verdict.fail,.verdict.error{color:#cf222e}.verdict.incomplete{color:#9a6700}
.wide{overflow-x:auto}
table{border-collapse:collapse;margin:4px 0 12px;font-size:12px}
th,td{border:1px solid #d0d7de;padding:2px 6px;vertical-align:top}
th{background:#f3f4f6;font-weight:bold;text-align:center}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.name{white-space:nowrap}
td.fail{background:#ffd7d5;color:#82071e}td.warn{background:#fff1c2}td.na{color:#6e7781}
figure.chart{margin:8px 0 16px;break-inside:avoid;page-break-inside:avoid}
figure.chart svg{max-width:100%;height:auto;display:block}
.chart-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:0 16px}
figcaption{font-size:13px;color:#57606a}
.legend span{margin-right:16px;font-size:12px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
.note{font-size:12px;color:#57606a}
@page{size:A4 landscape;margin:12mm}
@media print{
body{margin:0;font-size:11px}
.wide{overflow:visible}
table{font-size:8px}
section.county{break-before:page;page-break-before:always}
thead{display:table-header-group}
tr{break-inside:avoid;page-break-inside:avoid}
h2,h3{break-after:avoid;page-break-after:avoid}
}
`;
