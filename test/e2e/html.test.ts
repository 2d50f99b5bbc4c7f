// Issue 13 (html): the built CLI writes one self-contained page: no script, no URL, a CSP that forbids
// fetching anything, every data string escaped, Chinese by default, printable on A4, charts as SVG. The
// browser opens it in html-browser.test.ts; here the bytes are checked, and a 300-school county is timed
// and weighed, and --help is shown not to load ECharts.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { generate } from '../../bench/generate.mjs';
import { DEMO, ROOT, loadedModules, run, runJson, tempDir } from './helpers.js';

/** The page's visible text, roughly: tags dropped, the five entities decoded. */
const textOf = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);

describe('the html format', () => {
  let page: string;
  let exit: number | null;
  beforeAll(() => {
    const out = join(tempDir(), '报告.html');
    const r = run([DEMO, '-o', out]);
    exit = r.status;
    page = readFileSync(out, 'utf8');
  });

  it('-o r.html writes the page with the report’s exit code; -f html prints the same page', () => {
    expect(exit).toBe(1);
    const r = run([DEMO, '-f', 'html']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(page);
  });

  it('is one self-contained file: a CSP that fetches nothing, no script, no link, no URL but SVG’s namespace', () => {
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(page).not.toMatch(/<script|<link|<img|<iframe|<object|@import|@font-face|\bsrc=|\bhref=|javascript:/i);
    const urls = page.match(/\b(?:https?|ftp|file):\/\/[^\s"'<>)]*/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
    // url(#id) inside an SVG is a fragment of the page itself.
    expect(page.match(/url\((?!#)/g)).toBeNull();
  });

  it('prints on A4 landscape, a page per county, header rows repeated', () => {
    expect(page).toContain('@page{size:A4 landscape');
    expect(page).toMatch(/@media print\{[\s\S]*section\.county\{break-before:page;page-break-before:always\}/);
    expect(page).toContain('thead{display:table-header-group}');
  });

  it('Chinese by default, English with --lang en (chart words too)', () => {
    expect(page).toContain('<figcaption>小学 各项指标差异系数（限值 0.5）</figcaption>');
    expect(page).toContain('>限值 0.5</text>');
    expect(page).toContain('>标准班额 45</text>');
    const en = run([DEMO, '-f', 'html', '--lang', 'en']);
    expect(en.status).toBe(1);
    expect(en.stdout.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(en.stdout).toContain('<figcaption>Primary: CV of each indicator (limit 0.5)</figcaption>');
    expect(en.stdout).toContain('>limit 0.5</text>');
    expect(en.stdout).toContain('>class limit 45</text>');
    expect(en.stdout).not.toContain('限值');
  });

  it('a chart per level for the CVs, per level and indicator for the schools, per level for class sizes', () => {
    const { json } = runJson([DEMO]);
    const charts = [...page.matchAll(/<figure class="chart" data-chart="(\w+)"[^>]*data-bars="(\d+)"/g)];
    const levels = json.counties[0].levels.filter((l: any) => l.unitCount > 0);
    const kinds = charts.map((m) => m[1]);
    expect(kinds.filter((k) => k === 'cv')).toHaveLength(levels.length);
    expect(kinds.filter((k) => k === 'units')).toHaveLength(levels.length * json.meta.indicators.length);
    expect(kinds.filter((k) => k === 'histogram')).toHaveLength(levels.length);
    expect(kinds.filter((k) => k === 'summary')).toHaveLength(0); // one county: no batch chart
    expect(page.match(/<svg /g)).toHaveLength(charts.length);
  });

  it('every string from the data is escaped: a school and a county named like markup stay text', async () => {
    const dir = tempDir();
    const { csv } = await generate('t', 8, 1, dir, { xlsx: false, classes: false });
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    const head = lines[0]!.split(',');
    const nameAt = head.indexOf('学校名称');
    const countyAt = head.indexOf('县区');
    expect([nameAt, countyAt].every((i) => i >= 0)).toBe(true);
    const NAME = `<script>alert("x")</script>&amp;'小学`;
    const COUNTY = '<b onmouseover=alert(1)>县';
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const rows = lines.map((line, i) => {
      if (i === 0) return line;
      const cells = line.split(',');
      cells[countyAt] = quote(COUNTY);
      if (i === 1) cells[nameAt] = quote(NAME);
      return cells.join(',');
    });
    const input = join(dir, 'hostile.csv');
    writeFileSync(input, `${rows.join('\n')}\n`);
    const r = run([input, '-f', 'html']);
    expect(r.status, r.stderr).not.toBe(3);
    expect(r.stdout).not.toContain('<script');
    expect(r.stdout).not.toContain('<b ');
    expect(r.stdout).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;&apos;小学');
    expect(r.stdout).toContain('<h2>&lt;b onmouseover=alert(1)&gt;县 ');
    expect(textOf(r.stdout)).toContain(NAME);
  });

  it('a 300-school county: under 2 MB, and how long it takes beside json (printed)', async () => {
    const dir = tempDir();
    // The bench's county (bench/data is generated, not in the repository): 300 schools.
    const { xlsx: BENCH_COUNTY } = await generate('county', 300, 1, dir, { csv: false, classes: false });
    const time = (args: string[]) => {
      const t0 = performance.now();
      const r = run(args);
      expect(r.status, r.stderr).toBe(1);
      return performance.now() - t0;
    };
    const json = time([BENCH_COUNTY, '-o', join(dir, 'c.json')]);
    const html = time([BENCH_COUNTY, '-o', join(dir, 'c.html')]);
    const bytes = statSync(join(dir, 'c.html')).size;
    console.log(`bench county: json ${json.toFixed(0)} ms, html ${html.toFixed(0)} ms, html ${bytes} bytes`);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
    expect(readFileSync(join(dir, 'c.html'), 'utf8')).toContain('data-chart="units"');
  });
});

describe('ECharts is loaded only for html', () => {
  const loaded = loadedModules;
  const ECHARTS = /(^|\/)node_modules\/(echarts|zrender)\//;

  it('the bundle keeps ECharts in a chunk of its own, apart from the html formatter', () => {
    const inside = JSON.parse(readFileSync(join(ROOT, 'dist/bundle/modules.json'), 'utf8')) as Record<string, string[]>;
    const withEcharts = Object.entries(inside).filter(([, mods]) => mods.some((m) => ECHARTS.test(m)));
    expect(withEcharts.map(([, mods]) => mods.filter((m) => m.startsWith('src/')))).toEqual([['src/render/charts.ts']]);
    const html = Object.values(inside).find((mods) => mods.includes('src/render/html.ts'))!;
    expect(html.some((m) => ECHARTS.test(m))).toBe(false);
  });

  it('--help and --format json load no ECharts module; --format html does (the hook sees it)', () => {
    const help = loaded(['--help']);
    expect(help).toContain('src/cli.ts');
    expect(help.filter((m) => ECHARTS.test(m) || /src\/render\/(html|charts)\.ts$/.test(m))).toEqual([]);
    const json = loaded([join(ROOT, DEMO), '-f', 'json']);
    expect(json).toContain('src/render/json.ts');
    expect(json.filter((m) => ECHARTS.test(m) || /src\/render\/(html|charts)\.ts$/.test(m))).toEqual([]);
    const html = loaded([join(ROOT, DEMO), '-f', 'html']);
    expect(html).toContain('src/render/charts.ts');
    expect(html.some((m) => ECHARTS.test(m))).toBe(true);
  });
});
