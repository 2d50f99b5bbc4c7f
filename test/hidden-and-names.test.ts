// issue 12 (helper E), in process: hidden rows and sheets as the .xlsx reader sees them, and the county's name
// found in title rows. The end-to-end cases are in test/e2e/hidden-and-names.test.ts.
import { describe, expect, it } from 'vitest';
import { readBytes } from '../src/read/index.js';
import { titleCounty } from '../src/map/title.js';
import { unzip, worksheet, xlsx, zip } from './zip-helper.js';

const row = (r: number, attrs: string, text: string) =>
  `<row r="${r}"${attrs}><c r="A${r}" t="inlineStr"><is><t>${text}</t></is></c><c r="B${r}"><v>${r}</v></c></row>`;

describe('the .xlsx reader: hidden rows and sheets', () => {
  it('<row hidden="1"> and hidden="true" are listed; hidden blank rows and visible rows are not', async () => {
    const rows = [
      row(1, '', 'a'),
      row(2, ' hidden="1" ht="0"', 'b'),
      row(3, ' spans="1:2" hidden="true"', 'c'),
      '<row r="4" hidden="1"/>',
      row(5, ' hidden="0"', 'e'),
      `<x:row r="6" x:hidden="1"><x:c r="A6" t="inlineStr"><x:is><x:t>f</x:t></x:is></x:c></x:row>`,
    ].join('');
    const wb = await readBytes(xlsx([['S', worksheet(rows)]]), 'h.xlsx');
    expect(wb.sheets[0]!.hiddenRows).toEqual([2, 3, 6]);
    expect(wb.sheets[0]!.hidden).toBeUndefined();
    // The values of hidden rows are read as every other row's.
    expect(wb.sheets[0]!.rows.map((r) => r.cells[0] ?? null)).toEqual(['a', 'b', 'c', null, 'e', 'f']);
  });

  it('a sheet with state="hidden" or "veryHidden" is marked hidden; "visible" is not', async () => {
    const parts = unzip(
      xlsx([
        ['A', worksheet(row(1, '', 'a'))],
        ['B', worksheet(row(1, '', 'b'))],
        ['C', worksheet(row(1, '', 'c'))],
      ]),
    ).map(([name, data]) =>
      name === 'xl/workbook.xml'
        ? ([
            name,
            data
              .toString()
              .replace('<sheet name="A"', '<sheet state="visible" name="A"')
              .replace('<sheet name="B"', '<sheet state="hidden" name="B"')
              .replace('<sheet name="C"', '<sheet state="veryHidden" name="C"'),
          ] as [string, string])
        : ([name, data] as [string, Buffer]),
    );
    const wb = await readBytes(zip(parts), 'h.xlsx');
    expect(wb.sheets.map((s) => [s.name, s.hidden ?? false])).toEqual([
      ['A', false],
      ['B', true],
      ['C', true],
    ]);
  });
});

describe('titleCounty: the county named above the header', () => {
  const at = (...texts: (string | number | null)[]) => texts.map((t, i) => ({ row: i + 1, cells: [t] }));
  it.each([
    ['青石县2024学年义务教育学校办学条件统计表', '青石县'],
    ['青石县 2024年 义务教育学校情况', '青石县'],
    ['青石县义务教育学校基本情况表', '青石县'],
    ['河北省石家庄市长安区2024年义务教育统计', '长安区'],
    ['济南市市中区2024年义务教育统计', '市中区'],
    ['辛集市教育局2024年义务教育学校统计表', '辛集市'],
    ['科尔沁右翼前旗二〇二四年义务教育学校统计', '科尔沁右翼前旗'],
    ['峨边彝族自治县2024年义务教育学校统计', '峨边彝族自治县'],
    ['填报单位：青石县教育局', '青石县'],
    ['填表单位: 东湖区教育体育局   填表日期: 2024-09-01', '东湖区'],
  ])('%s → %s', (title, name) => {
    expect(titleCounty(at(title))?.name).toBe(name);
  });

  it.each([
    ['学校办学条件统计表'],
    ['全县2024年义务教育学校统计表'],
    ['广西壮族自治区2024年义务教育统计'],
    ['某某省2024年义务教育统计'],
    ['表一 学校基本情况'],
    ['2024年9月'],
    ['单位：人、平方米、万元'],
  ])('%s → none', (title) => {
    expect(titleCounty(at(title))).toBeUndefined();
  });

  it('the first row that names one wins, with its row; numbers and blanks are passed over', () => {
    expect(titleCounty(at(null, 2024, '学校统计表', '填报单位：青石县教育局', '东湖区2024年'))).toEqual({
      name: '青石县',
      row: 4,
    });
  });
});
