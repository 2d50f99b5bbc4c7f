// issue 13, acceptance 3 for text: the text report prints every section of reportSections(), each under a
// line that is exactly its title, in the same order (its own compact layouts below the titles).
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, ROOT, run, runJson } from './helpers.js';
import { csvTitles, textTitles, sectionTitleSetup } from './section-titles.js';

const setup = sectionTitleSetup();

// Wide enough that no title is wrapped (a title holds the file path in a batch).
const WIDE = { COLUMNS: '400' };

function titlesOf(args: string[]) {
  const json = runJson(args, WIDE);
  const text = run(args, WIDE);
  expect(text.status).toBe(json.status);
  return { expected: setup.titles(json.json), text: textTitles(text.stdout), stdout: text.stdout };
}

describe('text prints every section of reportSections under its exact title', () => {
  it('the demo, zh and en: the same titles in order, as csv has them', () => {
    for (const lang of ['zh', 'en']) {
      const t = titlesOf([DEMO, '--lang', lang]);
      expect(t.text).toEqual(t.expected);
      expect(t.text).toEqual(csvTitles(run([DEMO, '--lang', lang, '--format', 'csv']).stdout));
    }
    const t = titlesOf([DEMO]);
    // Sections text printed no title for before issue 13, and the reading (what was read, even when plain).
    for (const title of ['青山县 各项检查', '青山县 超标准班额学校', '青山县 县域指标', '读取说明'])
      expect(t.text).toContain(title);
    expect(t.stdout).toMatch(
      /\n读取说明\n {2}学校（学校表，第 1 行表头，34 行），班级（班级表，第 1 行表头，575 行）\n/,
    );
    // Each title is followed by its content: the checks by the check lines, the CV title by its counts.
    expect(t.stdout).toMatch(/\n青山县 各项检查\n {2}✗ 校际差异系数 /);
    expect(t.stdout).toMatch(/\n青山县 小学 校际差异系数\n {2}19 所学校，16663 名学生\n┌/);
  });

  it('a two-file batch: 汇总 first with the number of counties, each county titled with its file', () => {
    const a = join(setup.tmp, 'a.xlsx');
    copyFileSync(join(ROOT, DEMO), a);
    const b = 'fixtures/basic-county.xlsx';
    const t = titlesOf([a, b]);
    expect(t.text).toEqual(t.expected);
    expect(t.text[0]).toBe('汇总');
    expect(t.stdout).toContain('\n汇总\n  2 个县区\n┌');
    expect(t.text).toContain(`青山县（${a}） 小学 学校达标表`);
    // The summary's words in English: level and indicator apart, a check's name without a space before the comma.
    const en = run([a, b, '--lang', 'en'], WIDE).stdout;
    expect(en).toMatch(/│ 0\.546 Primary Sports m² +│/);
    expect(en).toContain('Variation coefficients, Schools, Class size');
    expect(t.stdout).toMatch(/│ 0\.546 小学运动场馆 +│/);
  });

  it('basic-2012 (indicator values, no per-school verdicts) and a county with no class data', () => {
    const args = ['fixtures/basic-county.xlsx', '-s', 'basic-2012'];
    const t = titlesOf(args);
    expect(t.text).toEqual(t.expected);
    // Sections with nothing to list say so under their title, as every format does.
    const plain = titlesOf(['fixtures/basic-county.xlsx']);
    expect(plain.text).toEqual(plain.expected);
    expect(plain.stdout).toMatch(/\n白河县 班额\n {2}小学≤45人[^\n]*\n {2}未评估：没有班级数据/);
  });

  it('--quiet leaves out the sections with nothing failing, never adds one', () => {
    const quiet = textTitles(run([DEMO, '--quiet'], WIDE).stdout);
    const all = titlesOf([DEMO]).expected;
    expect(quiet.length).toBeLessThan(all.length);
    for (const title of quiet) expect(all).toContain(title);
    expect(quiet).toContain('青山县 各项检查');
    expect(quiet).not.toContain('青山县 生师比');
  });

  it('more than ten counties: the summary, then per county its checks and parts; other sections one --county away', () => {
    const files = Array.from({ length: 11 }, (_, i) => join(setup.tmp, `c${i}.xlsx`));
    for (const f of files) copyFileSync(join(ROOT, DEMO), f);
    const r = run(files, WIDE);
    expect(r.status).toBe(1);
    const titles = textTitles(r.stdout);
    const expected = setup
      .titles(runJson(files, WIDE).json)
      .filter((x) => x === '汇总' || / (各项检查|县域指标)$/.test(x) || x === '数据问题' || x === '读取说明');
    expect(expected).toHaveLength(1 + 11 * 2 + 2);
    expect(titles).toEqual(expected);
    expect(r.stdout).toContain('--county');
  });
});
