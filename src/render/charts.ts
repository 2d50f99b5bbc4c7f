// issue 13 (html): charts as inline SVG, drawn without a browser by Apache ECharts' server-side renderer.
// This module is the only one that imports ECharts; the html formatter loads it with a dynamic import, so
// `--help` and the other formats never pay for it (scripts/bundle.mjs keeps it in a chunk of its own).
// Specs in, SVG text out: the words come resolved from the caller (the report's language).
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, MarkLineComponent, SVGRenderer]);

export const COLORS = {
  pass: '#4e79a7',
  warn: '#f28e2b',
  fail: '#d62728',
  neutral: '#8c96a3',
  standard: '#2e7d32',
  floor: '#d62728',
  limit: '#d62728',
  large: '#f28e2b',
  superLarge: '#7b1fa2',
  // issue 14 (城乡): three groups, none of them a verdict colour.
  urban: '#59a14f',
  town: '#edc948',
  rural: '#9c755f',
  countyMean: '#555555',
} as const;

/** CJK fonts a clerk's Windows, a Mac and Linux have; unquoted so that ECharts' style attribute stays valid. */
const FONT = 'Microsoft YaHei, PingFang SC, Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, sans-serif';
const WIDTH = 960;
const GRID = { left: 64, right: 150, top: 24, bottom: 40 };

export interface Bar {
  label: string;
  value: number;
  color: string;
}

/** A horizontal line across the plot at a value, labelled at the right end. */
export interface ValueLine {
  value: number;
  label: string;
  color: string;
  /** Nudge the label up (−1) or down (1): two lines close together keep their labels apart. */
  shift?: -1 | 1;
}

/** A vertical line between two categories: after the category at this index. */
export interface BoundaryLine {
  after: number;
  label: string;
  color: string;
}

export interface BarSpec {
  /** Groups of bars side by side per category (a batch's levels); most charts have one. */
  series: { name: string; bars: (Bar | null)[] }[];
  categories: string[];
  /** Category names under the axis; left out when there are too many to read. */
  showLabels: boolean;
  lines?: ValueLine[];
  boundaries?: BoundaryLine[];
  height?: number;
  yName?: string;
  /** Whole amounts (teachers, rooms): no ticks between integers. */
  integer?: boolean;
}

/** Labels on the axis only while they fit. */
export const MAX_LABELS = 40;

/**
 * One bar chart as an SVG string. The bars are series 0…n−1 and the marks are a last, empty line series,
 * so a reader (the browser test) counts bars as the elements of the bar series alone.
 */
export function barChart(spec: BarSpec): string {
  const height = spec.height ?? 300;
  const n = spec.categories.length;
  const plotWidth = WIDTH - GRID.left - GRID.right;
  const top = spec.boundaries?.length ? GRID.top + 16 : GRID.top;
  // Names turn when they would not fit side by side (CJK characters ≈ 12 px at this size).
  const widest = spec.showLabels ? Math.max(0, ...spec.categories.map((c) => [...c].length)) : 0;
  const rotate = widest * 12 > plotWidth / Math.max(n, 1) ? 40 : 0;
  const bottom = rotate ? Math.min(40 + widest * 8, 140) : GRID.bottom;
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: WIDTH,
    height: height - GRID.bottom + bottom,
  });
  try {
    const marks: object[] = (spec.lines ?? []).map((l) => ({
      yAxis: l.value,
      name: l.label,
      lineStyle: { color: l.color, type: 'dashed', width: 1.5 },
      label: { formatter: l.label, color: l.color, position: 'end', distance: [5, (l.shift ?? 0) * 7] },
    }));
    for (const b of spec.boundaries ?? []) {
      // Category i spans [i, i+1] × (plot width / n) from the grid's left edge.
      const x = GRID.left + ((b.after + 1) * plotWidth) / Math.max(n, 1);
      // From the axis up, so that the label sits above the plot, clear of the category names.
      marks.push([
        {
          x,
          y: height - GRID.bottom,
          name: b.label,
          lineStyle: { color: b.color, type: 'dashed', width: 1.5 },
          label: { formatter: b.label, color: b.color, position: 'end' },
        },
        { x, y: top },
      ]);
    }
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT },
      grid: { left: GRID.left, right: GRID.right, top, bottom },
      xAxis: {
        type: 'category',
        // Names the axis does not show are not given to it either: ECharts lays out every category label.
        data: spec.showLabels ? spec.categories : spec.categories.map((_c, i) => i),
        axisTick: { show: spec.showLabels },
        axisLabel: spec.showLabels ? { interval: 0, rotate, fontSize: 11 } : { show: false },
      },
      yAxis: {
        type: 'value',
        name: spec.yName ?? '',
        nameTextStyle: { align: 'left' },
        ...(spec.integer ? { minInterval: 1 } : {}),
      },
      series: [
        ...spec.series.map((s) => ({
          type: 'bar',
          name: s.name,
          barMaxWidth: 36,
          // A picture on paper: no hover or selection states to build per bar.
          silent: true,
          emphasis: { disabled: true },
          select: { disabled: true },
          data: s.bars.map((b) => (b ? { value: b.value, itemStyle: { color: b.color } } : null)),
        })),
        { type: 'line', data: [], markLine: { symbol: 'none', silent: true, data: marks } },
      ],
    });
    return clean(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/** The hover styles of an interactive chart mean nothing on paper and collide between charts: dropped. */
function clean(svg: string): string {
  return svg
    .replace(/<style\b[\s\S]*?<\/style>\s*/g, '')
    .replace(/ (?:pointer-events="visible"|class="zr\d+-cls-\d+"|ecmeta_ssr_type="chart"|ecmeta_silent="true")/g, '');
}
