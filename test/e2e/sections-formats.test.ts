// issue 13: csv and markdown carry every section of the report, titled as reportSections() titles them.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, ROOT, run, runJson } from './helpers.js';
import { csvTitles, markdownTitles, sectionTitleSetup } from './section-titles.js';

const setup = sectionTitleSetup();

/** The titles reportSections gives the report of these arguments, and those csv and markdown print. */
function titlesOf(args: string[]) {
  const json = runJson(args);
  const csv = run([...args, '--format', 'csv']);
  const md = run([...args, '--format', 'markdown']);
  expect(csv.status).toBe(json.status);
  expect(md.status).toBe(json.status);
  return { expected: setup.titles(json.json), csv: csvTitles(csv.stdout), md: markdownTitles(md.stdout) };
}

describe('csv and markdown print every section of reportSections', () => {
  it('the demo: the same titles, in order, including class size, rooms, county items, staffing and 不参评学校', () => {
    const t = titlesOf([DEMO]);
    expect(t.csv).toEqual(t.expected);
    expect(t.md).toEqual(t.expected);
    for (const title of [
      '青山县 班额',
      '青山县 音乐美术专用教室',
      '青山县 县域指标',
      '青山县 生师比',
      '青山县 不参评学校',
    ])
      expect(t.csv).toContain(title);
  });

  it('a batch of two files: a summary first, and each county titled with its file', () => {
    const a = join(setup.tmp, 'a.xlsx');
    const b = join(setup.tmp, 'b.xlsx');
    copyFileSync(join(ROOT, DEMO), a);
    copyFileSync(join(ROOT, DEMO), b);
    const t = titlesOf([a, b]);
    expect(t.csv).toEqual(t.expected);
    expect(t.md).toEqual(t.expected);
    expect(t.csv[0]).toBe('汇总');
    expect(t.csv).toContain(`青山县（${a}） 小学 校际差异系数`);
    expect(t.csv).toContain(`青山县（${b}） 小学 校际差异系数`);
    expect(new Set(t.csv).size).toBe(t.csv.length);
    const en = titlesOf([a, b, '--lang', 'en']);
    expect(en.csv).toEqual(en.expected);
    expect(en.csv).toContain(`青山县 (${a}) Primary variation coefficients`);
  });

  it('English: the same sections, titles in English', () => {
    const t = titlesOf([DEMO, '--lang', 'en']);
    expect(t.csv).toEqual(t.expected);
    expect(t.md).toEqual(t.expected);
    expect(t.csv).toContain('青山县 Primary variation coefficients');
    expect(t.csv.at(-1)).toBe('How the files were read');
  });

  it('basic-2012: the 表2 block, 综合 judged against its limit', () => {
    const args = ['fixtures/basic-county.xlsx', '-s', 'basic-2012'];
    const t = titlesOf(args);
    expect(t.csv).toEqual(t.expected);
    const md = run([...args, '--format', 'markdown']).stdout;
    const block = md.slice(md.indexOf('## 白河县 小学 校际差异系数'));
    expect(block).toMatch(/\| 限值 \|( {2}\|){8} 0\.650000 \|/);
    expect(block).toMatch(/\| 是否达标 \|( {2}\|){8} 达标 \|/);
  });

  it('markdown shows failing cells in bold with ✗, csv keeps full precision', () => {
    const md = run([DEMO, '--format', 'markdown']).stdout;
    expect(md).toContain('| 3 | 差异系数 |');
    expect(md).toMatch(/\*\*0\.545807 ✗\*\*/);
    const json = runJson([DEMO]).json;
    const cv = json.counties[0].levels[0].indicators.find((i: any) => i.id === 'sports_area_per_pupil').cv;
    const csv = run([DEMO, '--format', 'csv']).stdout;
    expect(csv).toContain(`,${cv},`);
  });
});
