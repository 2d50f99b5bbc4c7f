// issue 15: the pieces of the statistics-form reader: label normalisation, value cells (*, -, — not applicable;
// empty 0), header-path columns (艺术 is the total, never 艺术教育 or 音乐), the frame, and layout validation.
import { describe, expect, it } from 'vitest';
import { FatalError } from '../src/findings.js';
import { findColumn, findRow, formTable, gridOf, norm, parseValue } from '../src/import/table.js';
import { builtInLayouts, parseLayout } from '../src/import/layout.js';
import { importWorkbooks, recogniseLayout } from '../src/import/index.js';
import type { RawSheet } from '../src/read/index.js';

const sheet = (name: string, rows: (string | number | null)[][], merges?: RawSheet['merges']): RawSheet => ({
  name,
  colOffset: 0,
  rows: rows.map((cells, i) => ({ row: i + 1, cells })),
  ...(merges ? { merges } : {}),
});

describe('labels and values', () => {
  it('normalises labels: 其中：, #, 一、, unit brackets, full-width brackets', () => {
    expect(norm('其中：教学仪器设备资产值（万元）')).toBe('教学仪器设备资产值');
    expect(norm('#女')).toBe('女');
    expect(norm('一、教学及辅助用房')).toBe('教学及辅助用房');
    expect(norm('县级及以上骨干教师（小学）')).toBe('县级及以上骨干教师(小学)');
    expect(norm('运动场地面积 （平方米）')).toBe('运动场地面积');
  });

  it('reads *, -, — as not applicable, empty as 0, numeric text as numbers, other text as bad', () => {
    for (const na of ['*', '-', '—', ' － ']) expect(parseValue(na)).toEqual({ kind: 'na' });
    expect(parseValue(null)).toEqual({ kind: 'number', n: 0 });
    expect(parseValue('')).toEqual({ kind: 'number', n: 0 });
    expect(parseValue(' 1,234.5 ')).toEqual({ kind: 'number', n: 1234.5 });
    expect(parseValue('１２')).toEqual({ kind: 'number', n: 12 });
    expect(parseValue('十二')).toEqual({ kind: 'bad', text: '十二' });
  });
});

describe('columns by header path', () => {
  const paths = [
    ['按授课课程分', '体育与健康'],
    ['按授课课程分', '艺术', '计'],
    ['按授课课程分', '艺术', '音乐'],
    ['按授课课程分', '艺术', '美术'],
    ['艺术教育'],
  ];
  it('艺术 is the 计 column under 艺术: not 音乐, not 美术, not 艺术教育', () => {
    expect(findColumn(paths, undefined, { path: '艺术' })).toEqual({ c: 1 });
    expect(findColumn(paths, undefined, { path: '艺术/音乐' })).toEqual({ c: 2 });
    expect(findColumn(paths, undefined, { path: '艺术教育' })).toEqual({ c: 4 });
  });
  it('two columns matching one path are ambiguous, never a guess', () => {
    const r = findColumn(
      [
        ['小学', '合计'],
        ['初中', '合计'],
      ],
      undefined,
      { path: '合计' },
    );
    expect(r).toEqual({ error: 'ambiguous', candidates: ['小学/合计', '初中/合计'] });
  });
  it('an exact path wins over a longer one ending the same', () => {
    expect(findColumn([['合计'], ['在校生数', '合计']], undefined, { path: '合计' })).toEqual({ c: 0 });
  });
});

describe('the frame and the form table', () => {
  const framed = sheet('教基3115', [
    [null, 'A', 'B', 'C', 'D'],
    [1, '初中分类型学生数'],
    [2, '表号：教基3115', null, '单位：人'],
    [3, '指标名称', '代码', '在校生数', '#女'],
    [4, '甲', '乙', '1', '2'],
    [5, '总计', '01', '321', '*'],
    [6, '#女', '02', '160', '*'],
  ]);
  it('drops the frame (column letters in row 1, row numbers in column A) and keeps Excel positions', () => {
    const g = gridOf(framed);
    expect(g.framed).toBe(true);
    const t = formTable(g)!;
    const r = findRow(t, { code: '1' });
    expect(r).toEqual({ r: 4 });
    const c = findColumn(t.paths, t.numbers, { no: 1 });
    expect(c).toEqual({ c: 2 });
    expect(`${g.colLetter(2)}${g.rowNo(4)}`).toBe('D6');
    expect(t.grid.cells[4]![2]).toBe('321');
  });
  it('a label row inside a 学段 block: 小学 and 初中 blocks each have their 本科 row', () => {
    const t = formTable(
      gridOf(
        sheet('教基4155', [
          ['义务教育阶段专任教师分课程、分学历情况'],
          ['教基4155'],
          ['指标名称', '代码', '合计'],
          ['甲', '乙', '1'],
          ['总计', '01', 30],
          ['小学', '02', 20],
          ['本科', '03', 12],
          ['初中', '04', 10],
          ['本科', '05', 7],
        ]),
      ),
    )!;
    expect(findRow(t, { block: '初中', label: '本科' })).toEqual({ r: 8 });
    expect(findRow(t, { block: '小学', label: '本科' })).toEqual({ r: 6 });
    expect(findRow(t, { label: '本科' })).toEqual({ error: 'ambiguous' });
  });
});

describe('layouts', () => {
  it('the built-in layouts load: 教基 2021/22 and 2024+, 基础基 2018–2020, the county-wide export', () => {
    expect(builtInLayouts().map((l) => l.id)).toEqual(['jiaoji-2021', 'jiaoji-2024', 'jichuji-2018', 'wide-export']);
  });
  it('a figure naming a form the layout does not list is refused with the field named', () => {
    const bad = {
      id: 'x',
      name: 'x',
      shape: 'school',
      recognise: { sheets: ['^X'] },
      forms: {},
      figures: [{ key: 'students', level: '小学', form: '3112', rows: [{ code: '01' }], cols: [{ path: '在校生数' }] }],
    };
    expect(() => parseLayout(JSON.stringify(bad), 'x.json')).toThrow(FatalError);
    try {
      parseLayout(JSON.stringify(bad), 'x.json');
    } catch (e) {
      expect((e as FatalError).params).toEqual({
        file: 'x.json',
        reason: ': figure students: form 3112 is not in forms',
      });
    }
  });
  it('the form version is told by 4155 title: 义务教育阶段 → 2024+, 小学专任教师 → 2021/22; no 教基 sheet → none', () => {
    const wb = (title: string) => ({
      file: 'a.xlsx',
      format: 'xlsx' as const,
      sheets: [sheet('教基4155', [[title], ['教基4155'], ['指标名称', '代码', '合计'], ['甲', '乙', '1']])],
    });
    const layouts = builtInLayouts();
    expect(recogniseLayout(wb('义务教育阶段专任教师分课程、分学历情况'), layouts)?.id).toBe('jiaoji-2024');
    expect(recogniseLayout(wb('小学专任教师分课程、分学历情况'), layouts)?.id).toBe('jiaoji-2021');
    expect(
      recogniseLayout({ file: 'b.xlsx', format: 'xlsx', sheets: [sheet('学校', [['学校名称', '在校生数']])] }, layouts),
    ).toBeUndefined();
  });
});

describe('values read from a form', () => {
  // A 教基3112 alone, with the identity from the file name: 在校生数 as text, as *, as a word.
  const wb = (value: string | number | null) => ({
    file: 'dir/东坑小学(小学).xlsx',
    format: 'xlsx' as const,
    sheets: [
      sheet('教基3112', [
        ['小学分类型学生数'],
        ['教基3112', null, '单位：人'],
        ['指标名称', '代码', '在校生数'],
        ['甲', '乙', '1'],
        ['总计', '01', value],
      ]),
    ],
  });
  const layout = builtInLayouts().filter((l) => l.id === 'jiaoji-2024')[0]!;
  // Recognised without 4155: a layout whose only title check is left out, for this one form.
  const only3112 = { ...layout, recognise: { sheets: ['^教基3112$'] } };
  const students = (value: string | number | null) => {
    const r = importWorkbooks([wb(value)], { layouts: [only3112] });
    return { value: r.schools[0]!.figures.get('小学|students')?.value, findings: r.findings.map((f) => f.code) };
  };
  it('numeric text is a number; * is not applicable (blank, not 0, no error); a word is a located error', () => {
    expect(students(' 1,204 ').value).toBe(1204);
    expect(students('*').value).toBeNull();
    expect(students('*').findings).not.toContain('import-bad-value');
    expect(students('很多').findings).toContain('import-bad-value');
  });
  it('forms the workbook does not have are one error each, naming the form and its figures', () => {
    const r = importWorkbooks([wb(5)], { layouts: [only3112] });
    const missing = r.findings.filter((f) => f.code === 'import-form-missing').map((f) => f.params?.form);
    expect(missing).toEqual(['教基2106', '教基4155', '教基1102续', '教基4153', '教基5170', '教基5176']);
  });
});
