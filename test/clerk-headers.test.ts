// issue 12: header wordings as clerks write them, header paths, and summary rows by anchored pattern.
import { describe, expect, it } from 'vitest';
import type { RawWorkbook } from '../src/read/index.js';
import { mapWorkbook } from '../src/map/index.js';
import { headerKey, looseKey } from '../src/map/headers.js';
import { isSummaryText } from '../src/map/footer.js';
import { builtInProfile } from '../src/profiles/index.js';
import { goodPrimary, run, workbook } from './helpers.js';

/** One sheet with the given header row(s) and one school row; the keys the reader gave each header. */
function keys(top: (string | null)[], sub?: (string | null)[], merges: RawWorkbook['sheets'][0]['merges'] = []) {
  const rows = [{ row: 1, cells: top }];
  if (sub) rows.push({ row: 2, cells: sub });
  const data = top.map((_, j) => (j === 0 ? '2133010001' : j === 1 ? '甲小学' : '1'));
  rows.push({ row: rows.length + 1, cells: data });
  const wb: RawWorkbook = { file: 't.xlsx', format: 'xlsx', sheets: [{ name: 'S', colOffset: 0, rows, merges }] };
  const t = mapWorkbook(wb).tables[0]!;
  return {
    mapped: Object.fromEntries(t.columns.map((c) => [c.header, c.key])),
    unmapped: t.unmapped.map((u) => u.header),
  };
}

describe('header wordings', () => {
  it.each([
    ['县级及以上骨干教师数', 'backbone_teachers'],
    ['网络多媒体教室（间）', 'multimedia_rooms'],
    ['在校学生数（人）', 'students'],
    ['学校标识码', 'code'],
    ['城乡分类', 'locale'],
    ['办学类型', 'type'],
    ['专任教师（人）', 'teachers'],
    ['中级及以上职称教师（人）', 'titled_teachers'],
    ['计算机（台）', 'computers'],
    ['图书（册）', 'books'],
    ['班级数（个）', 'classes'],
    ['教学及辅助用房面积（平方米）', 'teaching_area'],
    ['教学仪器设备值【万元】', 'equipment_value'],
    ['＊学校名称', 'name'],
  ])('%s → %s', (header, key) => {
    const { mapped } = keys(['县区', '学段', header]);
    expect(mapped[header.normalize('NFKC')]).toBe(key);
  });

  it('unrelated headers stay unmapped', () => {
    const others = ['备注', '序号', '联系电话', '校长姓名', '其中：女', '占地面积', '学校地址', '邮政编码', '建校年份'];
    const { mapped, unmapped } = keys(['学校代码', '学校名称', ...others]);
    expect(Object.keys(mapped)).toEqual(['学校代码', '学校名称']);
    expect(unmapped).toEqual(others.map((h) => h.normalize('NFKC')));
  });

  it('a unit in brackets on the group row is the unit of its sub-headers; other brackets are kept', () => {
    expect(headerKey('教学仪器设备值（万元）/小学').unit).toBe('万元');
    expect(headerKey('县(市、区)').base).toBe('县(市、区)');
    expect(headerKey('专任教师数（人）/其中：本科')).toEqual({ base: '专任教师数本科', unit: '人' });
  });

  it('the loose form drops a qualifier in brackets, not a part of the figure', () => {
    expect(looseKey(headerKey('学校名称（全称）').base)).toBe('学校名称');
    expect(looseKey(headerKey('学段（小学/初中）').base)).toBe('学段');
    expect(looseKey(headerKey('在校学生数（女）').base)).toBe('在校学生数(女)');
    const { mapped, unmapped } = keys(['学校代码（10位）', '学校名称（全称）', '在校学生数（女）']);
    expect(mapped).toEqual({ '学校代码(10位)': 'code', '学校名称(全称)': 'name' });
    expect(unmapped).toEqual(['在校学生数(女)']);
  });

  it('the loose form drops 及以上 and trailing 数/人/间, not a word of two characters', () => {
    expect(looseKey('县级及以上骨干教师数')).toBe('县级以上骨干教师');
    expect(looseKey('网络多媒体教室数')).toBe('网络多媒体教室');
    expect(looseKey('生数')).toBe('生数');
  });

  it('a loose form two keys share matches neither (班级人数 vs 班级 in the classes table)', () => {
    const wb: RawWorkbook = {
      file: 'c.xlsx',
      format: 'xlsx',
      sheets: [
        {
          name: '班级',
          colOffset: 0,
          rows: [
            { row: 1, cells: ['学校代码', '年级', '班级', '班级人数'] },
            { row: 2, cells: ['2133010001', '一年级', '1班', 40] },
          ],
        },
      ],
    };
    const t = mapWorkbook(wb).tables[0]!;
    expect(t.columns.map((c) => c.key)).toEqual(['code', 'grade', 'class', 'students']);
  });
});

describe('header paths (merged two-row headers)', () => {
  const merged = (top: (string | null)[], sub: (string | null)[]) => {
    // Each group header spans the empty cells right of it (as Excel merges it).
    const merges: { r0: number; c0: number; r1: number; c1: number }[] = [];
    top.forEach((t, c) => {
      if (t === null) return;
      let end = c;
      while (end + 1 < top.length && top[end + 1] === null) end++;
      merges.push(sub[c] === null ? { r0: 1, c0: c, r1: 2, c1: c } : { r0: 1, c0: c, r1: 1, c1: end });
    });
    return keys(top, sub, merges).mapped;
  };

  it('体育艺术专任教师（人） over 体育 | 音乐 | 美术', () => {
    expect(
      merged(['学校代码', '学校名称', '体育艺术专任教师（人）', null, null], [null, null, '体育', '音乐', '美术']),
    ).toEqual({
      学校代码: 'code',
      学校名称: 'name',
      '体育艺术专任教师(人)/体育': 'pe_teachers',
      '体育艺术专任教师(人)/音乐': 'music_teachers',
      '体育艺术专任教师(人)/美术': 'art_teachers',
    });
  });

  it('校舍及场地面积（平方米） over 教学及辅助用房 | 其中：室内体育用房 | 体育运动场馆', () => {
    expect(
      merged(
        ['学校代码', '学校名称', '校舍及场地面积（平方米）', null, null],
        [null, null, '教学及辅助用房', '其中：室内体育用房', '体育运动场馆'],
      ),
    ).toMatchObject({
      '校舍及场地面积(平方米)/教学及辅助用房': 'teaching_area',
      '校舍及场地面积(平方米)/其中:室内体育用房': 'indoor_sports_area',
      '校舍及场地面积(平方米)/体育运动场馆': 'sports_area',
    });
  });

  it('专用教室（间） over 音乐 | 美术, and 体育 under a group of rooms is no teacher column', () => {
    const m = merged(['学校代码', '学校名称', '专用教室（间）', null, null], [null, null, '音乐', '美术', '体育']);
    expect(m).toEqual({
      学校代码: 'code',
      学校名称: 'name',
      '专用教室(间)/音乐': 'music_rooms',
      '专用教室(间)/美术': 'art_rooms',
    });
  });

  it('专任教师数 over 合计 | 其中：研究生 | 本科 | 专科', () => {
    expect(
      merged(
        ['学校代码', '学校名称', '专任教师数', null, null, null],
        [null, null, '合计', '其中：研究生', '本科', '专科'],
      ),
    ).toMatchObject({
      '专任教师数/合计': 'teachers',
      '专任教师数/其中:研究生': 'postgrad_teachers',
      '专任教师数/本科': 'bachelor_teachers',
      '专任教师数/专科': 'associate_teachers',
    });
  });

  it('a CSV (no merges): the empty cells right of a group header with sub-headers belong to the group', () => {
    const { mapped } = keys(
      ['学校代码', '学校名称', '专任教师数', null, null, '县级及以上骨干教师数', null],
      [null, null, '合计', '其中:研究生', '本科', null, '备注'],
    );
    expect(mapped).toMatchObject({
      '专任教师数/合计': 'teachers',
      '专任教师数/其中:研究生': 'postgrad_teachers',
      '专任教师数/本科': 'bachelor_teachers',
      县级及以上骨干教师数: 'backbone_teachers',
    });
    // 备注 under an empty cell right of a header without sub-headers is not that header's.
    expect(Object.values(mapped)).toHaveLength(6);
  });
});

describe('summary rows by pattern, anchored at the start or the end', () => {
  it.each([
    '小学小计',
    '初中小计',
    '青石县合计',
    '全市合计',
    '合计',
    '总计',
    '合计：',
    '全县',
    '全区汇总',
    '备注：数据截至9月',
    '说明',
    '注：本表由学校填写',
    '填表人：张三  审核人：李四  联系电话：123',
    '审核人：李四',
    '联系电话：0571-88886666',
    '负责人：王五',
    '制表：赵六',
    '填报日期：2024年10月',
    '小 计',
    '一、小学',
    '二．初中',
  ])('%s is a summary row', (text) => {
    expect(isSummaryText(text.normalize('NFKC'))).toBe(true);
  });

  it.each([
    '合计村小学',
    '总计划小学',
    '全州县第一中学',
    '青石县实验小学',
    '小学',
    '2133010001',
    '计',
    '一中',
    '十里铺小学',
  ])('%s is not', (text) => {
    expect(isSummaryText(text)).toBe(false);
  });
});

describe('out-of-scope school types need no level or pupils', () => {
  const schools = [
    goodPrimary('3301000001', 600),
    goodPrimary('3301000002', 500),
    { code: '3301000003', name: '县工读学校', type: '工读学校' },
    { code: '3301000004', name: '县特殊教育学校', type: '特殊教育学校', students: 80 },
    { code: '3301000005', name: '县职业中学', type: '职业学校' },
  ];

  it('专门/工读, 特殊教育 and 职业 schools with a blank 学段 and 在校生数 are excluded with their reasons', () => {
    for (const id of ['quality-2017', 'basic-2012']) {
      const r = run(workbook(schools), builtInProfile(id));
      // Rows 4–6 are the three schools (basic-2012 also misses columns the test rows lack: not theirs).
      expect(r.findings.filter((f) => f.severity === 'error' && (f.row ?? 0) >= 4)).toEqual([]);
      if (id === 'quality-2017') expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(r.counties[0]!.excluded.map((e) => [e.name, e.reason])).toEqual([
        ['县工读学校', 'special-education'],
        ['县特殊教育学校', 'special-education'],
        ['县职业中学', 'vocational'],
      ]);
    }
  });

  it('an in-scope multi-level school with a blank 学段 is still an error', () => {
    const r = run(
      workbook([...schools, { code: '3301000006', name: '九年制', type: '九年一贯制学校', students: 300 }]),
    );
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['missing-level']);
  });
});

describe('official wordings of the statistics forms', () => {
  it.each([
    ['学校（机构）名称', 'name'],
    ['学校（机构）办学类型', 'type'],
    ['学校（机构）所在地城乡类型', 'locale'],
    ['体育馆面积', 'indoor_sports_area'],
    ['运动场地面积（平方米）', 'sports_area'],
  ])('%s → %s', (header, key) => {
    expect(keys(['县区', '学段', header]).mapped[header.normalize('NFKC')]).toBe(key);
  });

  it('专任教师 over 体育与健康 | 艺术 | 音乐: 体育与健康 is the PE teachers; 艺术 stays unmapped', () => {
    const { mapped, unmapped } = keys(
      ['学校代码', '学校名称', '专任教师', null, null],
      [null, null, '体育与健康', '艺术', '音乐'],
      [{ r0: 1, c0: 2, r1: 1, c1: 4 }],
    );
    expect(mapped).toMatchObject({ '专任教师/体育与健康': 'pe_teachers', '专任教师/音乐': 'music_teachers' });
    expect(unmapped).toEqual(['专任教师/艺术']);
  });
});

describe('three header rows: group / subgroup / column', () => {
  const header = [
    ['学校代码', '学校名称', '专任教师（人）', null, null, null, '体育运动场馆面积'],
    [null, null, '合计', '按学历分', null, null, null],
    [null, null, null, '研究生', '本科', '专科', null],
  ];
  const table = (merges: { r0: number; c0: number; r1: number; c1: number }[]) => {
    const rows = [
      ...header.map((cells, k) => ({ row: k + 1, cells })),
      { row: 4, cells: ['2133010001', '甲小学', 30, 1, 20, 9, 5000] },
    ];
    return mapWorkbook({ file: 't.xlsx', format: 'xlsx', sheets: [{ name: 'S', colOffset: 0, rows, merges }] })
      .tables[0]!;
  };
  const expected = {
    学校代码: 'code',
    学校名称: 'name',
    '专任教师(人)/合计': 'teachers',
    '专任教师(人)/按学历分/研究生': 'postgrad_teachers',
    '专任教师(人)/按学历分/本科': 'bachelor_teachers',
    '专任教师(人)/按学历分/专科': 'associate_teachers',
    体育运动场馆面积: 'sports_area',
  };

  it('merged (xlsx): each column resolves through its path, the header ends on row 3', () => {
    const t = table([
      { r0: 1, c0: 0, r1: 3, c1: 0 },
      { r0: 1, c0: 1, r1: 3, c1: 1 },
      { r0: 1, c0: 2, r1: 1, c1: 5 },
      { r0: 2, c0: 2, r1: 3, c1: 2 },
      { r0: 2, c0: 3, r1: 2, c1: 5 },
      { r0: 1, c0: 6, r1: 3, c1: 6 },
    ]);
    expect(Object.fromEntries(t.columns.map((c) => [c.header, c.key]))).toEqual(expected);
    expect([t.headerRow, t.headerRows, t.rows.length]).toEqual([3, 3, 1]);
  });

  it('without merges (a CSV): the empty cells right of each group header belong to it', () => {
    const t = table([]);
    expect(Object.fromEntries(t.columns.map((c) => [c.header, c.key]))).toEqual(expected);
    expect([t.headerRow, t.headerRows, t.rows.length]).toEqual([3, 3, 1]);
  });
});
