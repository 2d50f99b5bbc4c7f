// issue 12: workbooks made the way a county clerk makes them (fixtures/clerk.mjs) read with no spurious finding
// and give the same CVs, unit verdicts and county verdict as the same data in the template layout.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run, runJson, tempDir } from './helpers.js';

function generate(args: string[] = []): { xlsx: string; csv: string; canonical: string } {
  const dir = tempDir();
  const r = spawnSync(process.execPath, [join(ROOT, 'fixtures', 'clerk.mjs'), dir, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return { xlsx: join(dir, 'clerk.xlsx'), csv: join(dir, 'clerk.csv'), canonical: join(dir, 'canonical.xlsx') };
}

/** The counties without where each value was read (sheet, row, file differ between the layouts by design). */
function located(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(located);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !['file', 'sheet', 'row'].includes(k))
        .map(([k, v]) => [k, located(v)]),
    );
  return value;
}

const problems = (json: any) =>
  json.findings.filter((f: any) => f.severity !== 'info').map((f: any) => `${f.code} ${f.message}`);

describe('clerk workbook = canonical twin', () => {
  let files: ReturnType<typeof generate>;
  let twin: ReturnType<typeof runJson>;
  beforeAll(() => {
    files = generate();
    twin = runJson([files.canonical, '--county', '青石县']);
  });

  it('the twin itself reads cleanly (only the missing county sheets and classes are not assessed)', () => {
    expect(twin.status).toBe(1);
    expect(problems(twin.json)).toEqual([expect.stringMatching(/^not-assessed /)]);
    expect(twin.json.counties[0].units.length).toBe(13);
  });

  for (const kind of ['xlsx', 'csv'] as const) {
    it(`${kind}: same exit code, findings, CVs, unit verdicts and excluded schools as the twin`, () => {
      const clerk = runJson([files[kind], '--county', '青石县']);
      expect(clerk.status).toBe(twin.status);
      expect(problems(clerk.json)).toEqual(problems(twin.json));
      expect(located(clerk.json.counties)).toEqual(located(twin.json.counties));
      const c = clerk.json.counties[0];
      expect(c.verdict).toBe('fail');
      expect(c.levels.map((l: any) => l.indicators.map((i: any) => i.cv))).toEqual(
        twin.json.counties[0].levels.map((l: any) => l.indicators.map((i: any) => i.cv)),
      );
    });

    it(`${kind}: the two-row group headers resolve to their columns (header paths)`, () => {
      const clerk = runJson([files[kind], '--county', '青石县']);
      const reading = clerk.json.inputs[0].reading.find((r: any) => r.table === 'schools');
      const keyOf = Object.fromEntries(reading.columns.map((c: any) => [c.header, c.key]));
      expect(keyOf).toMatchObject({
        学校标识码: 'code',
        办学类型: 'type',
        城乡分类: 'locale',
        '在校学生数(人)': 'students',
        县级及以上骨干教师数: 'backbone_teachers',
        '专任教师数(人)/合计': 'teachers',
        '专任教师数(人)/其中:研究生': 'postgrad_teachers',
        '体育艺术专任教师(人)/体育': 'pe_teachers',
        '体育艺术专任教师(人)/音乐': 'music_teachers',
        '体育艺术专任教师(人)/美术': 'art_teachers',
        '校舍及场地面积(平方米)/教学及辅助用房': 'teaching_area',
        '校舍及场地面积(平方米)/其中:室内体育用房': 'indoor_sports_area',
        '校舍及场地面积(平方米)/体育运动场馆': 'sports_area',
        '网络多媒体教室(间)': 'multimedia_rooms',
        '专用教室(间)/音乐': 'music_rooms',
        '专用教室(间)/美术': 'art_rooms',
        '教学仪器设备值(万元)': 'equipment_value',
      });
      expect(reading.unmapped.map((u: any) => u.header)).toEqual(['序号', '备注']);
      expect(reading.headerRow).toBe(4);
      expect(reading.headerRows).toBe(2);
    });
  }

  it('subtotal, total and signature rows are skipped and listed with their rows in the reading note', () => {
    const clerk = runJson([files.xlsx, '--county', '青石县']);
    const reading = clerk.json.inputs[0].reading[0];
    expect(reading.skipped.summary).toBe(4);
    expect(reading.summaryRows).toEqual([
      { row: 14, text: '小学小计' },
      { row: 19, text: '初中小计' },
      { row: 21, text: '青石县合计' },
      { row: 23, text: '填表人:张三    审核人:李四    联系电话:0571-…' },
    ]);
    // A terminal wide enough for the whole note on one line (at 100 columns it wraps).
    const text = run([files.xlsx, '--county', '青石县'], { COLUMNS: '400' });
    expect(text.stdout).toContain(
      '跳过合计/备注 4 行（第 14 行「小学小计」，第 19 行「初中小计」，第 21 行「青石县合计」，第 23 行「填表人:张三    审核人:李四    联系电话:0571-…」）',
    );
    const en = run([files.xlsx, '--county', '青石县', '--lang', 'en'], { COLUMNS: '400' });
    expect(en.stdout).toContain('4 total/note rows skipped (row 14 "小学小计", row 19 "初中小计", row 21 "青石县合计"');
  });

  it('a 特殊教育学校 with a blank 学段 is excluded with its reason, not an error', () => {
    const clerk = runJson([files.xlsx, '--county', '青石县']);
    expect(clerk.json.findings.filter((f: any) => f.code === 'missing-level')).toEqual([]);
    expect(clerk.json.counties[0].excluded).toEqual([
      expect.objectContaining({ name: '青石县特殊教育学校', reason: 'special-education', students: 86 }),
    ]);
  });
});

describe('summary patterns are anchored: a school named 合计村小学 is a school', () => {
  it('合计村小学 and 全州路小学 are read as schools in both layouts, the subtotals still skipped', () => {
    const files = generate(['--names', '合计村小学,全州路小学']);
    const clerk = runJson([files.xlsx, '--county', '青石县']);
    const twin = runJson([files.canonical, '--county', '青石县']);
    const names = clerk.json.counties[0].units.map((u: any) => u.name);
    expect(names).toContain('合计村小学');
    expect(names).toContain('全州路小学');
    expect(clerk.json.inputs[0].reading[0].skipped.summary).toBe(4);
    expect(located(clerk.json.counties)).toEqual(located(twin.json.counties));
  });
});

describe('a needed column no header matches: the nearest header and a ready --columns skeleton', () => {
  const renamed = 'backbone_teachers=骨干老师（人）,multimedia_rooms=信息化教学用房,sports_area=操场';
  let files: ReturnType<typeof generate>;
  beforeAll(() => {
    files = generate(['--headers', renamed]);
  });

  it('the message names the closest header and --columns, and lists the headers not recognised', () => {
    const r = runJson([files.xlsx, '--county', '青石县']);
    expect(r.status).toBe(2);
    const missing = r.json.findings.filter((f: any) => f.code === 'missing-column');
    const seen =
      '（未识别的表头：A「序号」，M「骨干老师(人)」，T「校舍及场地面积(平方米)/操场」，V「信息化教学用房」，AA「备注」）';
    expect(missing.map((f: any) => f.message)).toEqual([
      `缺少列「县级以上骨干教师数」：标准 quality-2017 需要此列。表头中最接近的是 M 列「骨干老师(人)」：若就是此列，用 --columns 把它对到 backbone_teachers（balance-check validate --suggest-columns 文件 > cols.json 写出列映射草稿）${seen}`,
      `缺少列「体育运动场馆面积」：标准 quality-2017 需要此列。表头中最接近的是 T 列「校舍及场地面积(平方米)/操场」：若就是此列，用 --columns 把它对到 sports_area（balance-check validate --suggest-columns 文件 > cols.json 写出列映射草稿）${seen}`,
      `缺少列「网络多媒体教室数」：标准 quality-2017 需要此列。请在表头行添加该列并填写数据，或用 --columns 把表中已有的列对到 multimedia_rooms${seen}`,
    ]);
    const en = runJson([files.xlsx, '--county', '青石县', '--lang', 'en']);
    expect(en.json.findings.find((f: any) => f.code === 'missing-column').message).toBe(
      'Missing column "县级以上骨干教师数": the quality-2017 standard needs it. The closest header is column M "骨干老师(人)": if it is this column, map it to backbone_teachers with --columns (balance-check validate --suggest-columns FILE > cols.json writes a mapping to start from) (headers not recognised: A「序号」, M「骨干老师(人)」, T「校舍及场地面积(平方米)/操场」, V「信息化教学用房」, AA「备注」)',
    );
  });

  it('the text report prints the skeleton, and `validate --suggest-columns` writes it (exit 0)', () => {
    const text = run([files.xlsx, '--county', '青石县']);
    expect(text.stdout).toContain('列映射草稿（保存为 cols.json，核对后用 --columns cols.json 重新运行）：');
    expect(text.stdout).toContain('"骨干老师(人)": "backbone_teachers"');
    const s = run(['validate', '--suggest-columns', files.xlsx]);
    expect(s.status).toBe(0);
    const skeleton = JSON.parse(s.stdout);
    expect(skeleton.sheet).toBe('学校情况');
    expect(skeleton.columns).toMatchObject({
      学校标识码: 'code',
      '骨干老师(人)': 'backbone_teachers',
      '校舍及场地面积(平方米)/操场': 'sports_area',
      '?网络多媒体教室数': 'multimedia_rooms',
    });
  });

  it('the skeleton, once filled, makes the file read: the same results as the twin', () => {
    const s = run(['validate', '--suggest-columns', files.xlsx]);
    const skeleton = JSON.parse(s.stdout);
    // The user replaces the placeholder with the file's header.
    skeleton.columns.信息化教学用房 = skeleton.columns['?网络多媒体教室数'];
    delete skeleton.columns['?网络多媒体教室数'];
    const cols = join(tempDir(), 'cols.json');
    writeFileSync(cols, JSON.stringify(skeleton));
    const clerk = runJson([files.xlsx, '--county', '青石县', '--columns', cols]);
    const twin = runJson([files.canonical, '--county', '青石县']);
    expect(clerk.status).toBe(1);
    expect(problems(clerk.json)).toEqual(problems(twin.json));
    expect(located(clerk.json.counties)).toEqual(located(twin.json.counties));
  });

  it('a file with every column found: the skeleton maps each header, and reads the same with it', () => {
    const s = run(['validate', '--suggest-columns', files.canonical]);
    expect(s.status).toBe(0);
    const skeleton = JSON.parse(s.stdout);
    expect(skeleton).toEqual({ sheet: '学校', columns: expect.objectContaining({ 学校代码: 'code', 县区: 'county' }) });
    expect(Object.keys(skeleton.columns).some((h) => h.startsWith('?'))).toBe(false);
    const cols = join(tempDir(), 'cols.json');
    writeFileSync(cols, s.stdout);
    const withIt = runJson([files.canonical, '--county', '青石县', '--columns', cols]);
    const without = runJson([files.canonical, '--county', '青石县']);
    expect(withIt.status).toBe(1);
    expect(withIt.json.counties).toEqual(without.json.counties);
  });

  it('no schools table: nothing to write, exit 2 with one line on stderr', () => {
    const dir = tempDir();
    const csv = join(dir, 'notes.csv');
    writeFileSync(csv, '单位,联系人\n教育局,张三\n');
    const s = run(['validate', '--suggest-columns', csv]);
    expect(s.status).toBe(2);
    expect(s.stdout).toBe('');
    expect(s.stderr).toBe('balance-check: 没有找到学校表，无法写出列映射草稿\n');
  });
});

describe('the official forms’ 栏号 row under the header (甲 乙 丙 1 2 3 …)', () => {
  it('is skipped and listed, and the results are the twin’s (xlsx and csv)', () => {
    const files = generate(['--number-row']);
    const twin = runJson([files.canonical, '--county', '青石县']);
    for (const kind of ['xlsx', 'csv'] as const) {
      const clerk = runJson([files[kind], '--county', '青石县']);
      expect(clerk.status).toBe(twin.status);
      expect(problems(clerk.json)).toEqual(problems(twin.json));
      expect(located(clerk.json.counties)).toEqual(located(twin.json.counties));
      expect(clerk.json.inputs[0].reading[0].summaryRows[0]).toEqual({ row: 5, text: '甲 乙 丙 1 2 3 …' });
      expect(clerk.json.inputs[0].reading[0].skipped.summary).toBe(5);
    }
  });
});
