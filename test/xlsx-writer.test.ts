// issue 13: the styled xlsx writer (src/render/xlsx-writer.ts, zip-writer.ts) and the sheet layout
// (src/render/xlsx.ts sectionsWorkbook) on hand-made sections: read back by SheetJS and by our own reader,
// styles resolved through styles.xml (a failing cell's fill, number formats), merges, print titles, frozen pane.
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { FatalError } from '../src/findings.js';
import { readBytes } from '../src/read/index.js';
import { inflateEntry, listZip } from '../src/read/zip.js';
import type { ReportHeading, Section } from '../src/render/sections.js';
import { numFmtCode, sectionsWorkbook } from '../src/render/xlsx.js';
import { colName, FILLS, sheetNames } from '../src/render/xlsx-writer.js';
import { crc32Table, ZipWriter } from '../src/render/zip-writer.js';

const LIMITS = { maxUncompressedBytes: 2 ** 30, maxZipEntries: 1000 };

async function parts(bytes: Uint8Array): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of listZip(bytes, 't.xlsx', LIMITS)) {
    const chunks: Buffer[] = [];
    for await (const c of inflateEntry(bytes, e, 't.xlsx')) chunks.push(c);
    out.set(e.name, Buffer.concat(chunks).toString('utf8'));
  }
  return out;
}

const heading: ReportHeading = {
  title: '青山县义务教育优质均衡发展评估报告',
  lines: [
    '标准：县域义务教育优质均衡发展督导评估（教督〔2017〕6号）',
    '填报单位：青山县教育局',
    '生成日期：2026-11-29',
  ],
};

const cv = (level: 'primary' | 'junior', word: string, mean: number): Section => ({
  id: 'cv',
  title: `青山县 ${word} 校际差异系数`,
  sheet: '差异系数',
  county: '青山县',
  level,
  columns: [
    { head: '序号', format: { kind: 'int' } },
    { head: '项目' },
    { head: '每百名学生拥有高于规定学历教师数', format: { kind: 'fixed', decimals: 6 } },
    { head: '生均教学仪器设备值（元）', format: { kind: 'fixed', decimals: 6 } },
  ],
  rows: [
    [{ v: 1 }, { v: '全县平均值' }, { v: mean }, { v: 2496.674864123 }],
    [{ v: 2 }, { v: '标准差' }, { v: 1.643162 }, { v: 780.914372 }],
    [{ v: 3 }, { v: '差异系数' }, { v: 0.2979291234567891, state: 'pass' }, { v: 0.51, state: 'fail' }],
  ],
  notes: ['综合（仅供参考）不参与判定'],
});

const units: Section = {
  id: 'units',
  title: '青山县 小学 学校达标表',
  sheet: '小学达标表',
  county: '青山县',
  level: 'primary',
  columns: [
    { head: '序号', format: { kind: 'int' } },
    { head: '学校' },
    ...['L1', 'L4'].flatMap((g) => [
      { head: '基本值', group: g, format: { kind: 'fixed', decimals: 2 } as const },
      { head: '实际值', group: g, format: { kind: 'fixed', decimals: 2 } as const },
      { head: '是否达标', group: g, format: { kind: 'int' } as const },
    ]),
    { head: '达标比例', format: { kind: 'percent', decimals: 1 } },
  ],
  rows: [
    [
      { v: 1 },
      { v: '=1+1' },
      { v: 3.57 },
      { v: 3.1, state: 'fail' },
      { v: false },
      { v: 3.825 },
      { v: 4.0, state: 'warn' },
      { v: true },
      { v: 0.5 },
    ],
    [
      { v: 2 },
      { v: '+青山县育才小学' },
      { v: 3.57 },
      { v: 5 },
      { v: 1 },
      { v: 3.825 },
      { v: -98 },
      { v: 0 },
      { v: null },
    ],
  ],
  notes: [],
};

async function demoBook(): Promise<Uint8Array> {
  return sectionsWorkbook([cv('primary', '小学', 5.515273123456789), cv('junior', '初中', 6.25), units], heading);
}

/** styles.xml resolved: each cellXfs entry with its fill colour and number format code. */
function styleTable(styles: string): { fill: string | null; numFmt: string; bold: boolean; font: string }[] {
  const section = (tag: string) => styles.match(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`))![1]!;
  const fills = [...section('fills').matchAll(/<fill>([\s\S]*?)<\/fill>/g)].map(
    (m) => m[1]!.match(/fgColor rgb="(\w+)"/)?.[1] ?? null,
  );
  const fonts = [...section('fonts').matchAll(/<font>([\s\S]*?)<\/font>/g)].map((m) => m[1]!);
  const numFmts = new Map(
    [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [Number(m[1]), m[2]!]),
  );
  const builtIn: Record<number, string> = { 0: 'General', 1: '0', 2: '0.00', 9: '0%', 10: '0.00%' };
  return [...section('cellXfs').matchAll(/<xf ([^>]*?)\/?>/g)].map((m) => {
    const a = (k: string) => Number(m[1]!.match(new RegExp(`${k}="(\\d+)"`))?.[1] ?? 0);
    const font = fonts[a('fontId')]!;
    return {
      fill: fills[a('fillId')]!,
      numFmt: numFmts.get(a('numFmtId')) ?? builtIn[a('numFmtId')]!,
      bold: font.includes('<b/>'),
      font: font.match(/<name val="([^"]+)"/)![1]!,
    };
  });
}

/** The s attribute of a cell in a sheet's XML. */
function styleOf(sheet: string, ref: string): number {
  const m = sheet.match(new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`));
  expect(m, ref).not.toBeNull();
  return Number(m![1] ?? 0);
}

describe('zip writer', () => {
  it('CRC-32 by table equals zlib', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7919) & 0xff);
    expect(crc32Table(bytes)).toBe(zlibCrc32(bytes));
    expect(crc32Table(bytes.subarray(5000), crc32Table(bytes.subarray(0, 5000)))).toBe(zlibCrc32(bytes));
    expect(crc32Table(new Uint8Array())).toBe(0);
  });

  it('entries fed in pieces read back through our reader (sizes, CRC checked) byte for byte', async () => {
    const zip = new ZipWriter();
    const text = Array.from({ length: 50_000 }, (_, i) => `<row r="${i}">青山县第${i}小学</row>`);
    await zip.add('a.xml', text);
    await zip.add('b.bin', [new Uint8Array([1, 2, 3]), 'x', new Uint8Array([0])]);
    await zip.add('空.txt', []);
    const bytes = zip.finish();
    const got = await parts(bytes);
    expect([...got.keys()]).toEqual(['a.xml', 'b.bin', '空.txt']);
    expect(got.get('a.xml')).toBe(text.join(''));
    expect([...Buffer.from(got.get('b.bin')!, 'utf8')]).toEqual([1, 2, 3, 120, 0]);
    expect(got.get('空.txt')).toBe('');
  });

  it('refuses a zip past the 32-bit limit (no ZIP64) with a FatalError', async () => {
    const zip = new ZipWriter(1000);
    const err = await zip.add('big.xml', ['x'.repeat(1001)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FatalError);
    expect((err as FatalError).code).toBe('report-too-large');
    const small = new ZipWriter(1000);
    await small.add('ok.xml', ['x'.repeat(900)]);
    expect(small.finish().length).toBeLessThan(1000);
  });
});

describe('sheet names', () => {
  it('at most 31 characters, no []:*?/\\, unique regardless of case', () => {
    expect(sheetNames(['a/b[c]:d*e?f\\g', 'Sheet', 'sheet', "'q'", 'x'.repeat(40), 'x'.repeat(40)])).toEqual([
      'a_b_c__d_e_f_g',
      'Sheet',
      'sheet (2)',
      'q',
      'x'.repeat(31),
      `${'x'.repeat(27)} (2)`,
    ]);
    expect(colName(0)).toBe('A');
    expect(colName(25)).toBe('Z');
    expect(colName(26)).toBe('AA');
    expect(colName(43)).toBe('AR');
  });
});

describe('styled workbook from sections', () => {
  it('SheetJS reads sheets, full-precision numbers and strings without an apostrophe or a formula', async () => {
    const wb = XLSX.read(await demoBook());
    expect(wb.SheetNames).toEqual(['差异系数', '小学达标表']);
    const ws = wb.Sheets['差异系数']!;
    // Title, three heading lines, a blank row, then the 小学 block's title and header.
    expect(ws.A1.v).toBe('青山县义务教育优质均衡发展评估报告');
    expect(ws.A2.v).toBe(heading.lines[0]);
    expect(ws.A6.v).toBe('青山县 小学 校际差异系数');
    expect(ws.C7.v).toBe('每百名学生拥有高于规定学历教师数');
    expect(ws.B8.v).toBe('全县平均值');
    expect(ws.C8.v).toBe(5.515273123456789); // not rounded to 6 decimals
    expect(ws.C8.t).toBe('n');
    expect(ws.C10.v).toBe(0.2979291234567891);
    const u = wb.Sheets['小学达标表']!;
    // Title row, 3 heading lines, blank, block title (6); group row (7), sub-header row (8), data from 9.
    expect(u.C7.v).toBe('L1');
    expect(u.C8.v).toBe('基本值');
    expect(u.A7.v).toBe('序号');
    expect(u.B9).toMatchObject({ t: 's', v: '=1+1' });
    expect(u.B9.f).toBeUndefined();
    expect(u.B10).toMatchObject({ t: 's', v: '+青山县育才小学' });
    expect(u.G10).toMatchObject({ t: 'n', v: -98 });
    expect(u.E9).toMatchObject({ t: 'n', v: 0 }); // false → 0, true → 1 (达标 is 1)
    expect(u.H9).toMatchObject({ t: 'n', v: 1 });
    expect(u.I10?.v).toBeUndefined(); // null: an empty cell
  });

  it('our own reader reads it too', async () => {
    const wb = await readBytes(await demoBook(), 'report.xlsx');
    expect(wb.sheets.map((s) => s.name)).toEqual(['差异系数', '小学达标表']);
    const rows = wb.sheets[1]!.rows;
    const names = rows.map((r) => r.cells[1 - wb.sheets[1]!.colOffset]);
    expect(names).toContain('=1+1');
    expect(names).toContain('+青山县育才小学');
  });

  it('styles: failing cells on the 差 fill, warn on yellow, number formats, bold shaded header, 宋体 everywhere', async () => {
    const p = await parts(await demoBook());
    const xfs = styleTable(p.get('xl/styles.xml')!);
    const cvSheet = p.get('xl/worksheets/sheet1.xml')!;
    const unitSheet = p.get('xl/worksheets/sheet2.xml')!;
    expect(xfs[styleOf(cvSheet, 'D10')]).toMatchObject({ fill: FILLS.fail, numFmt: '0.000000' });
    expect(xfs[styleOf(cvSheet, 'C10')]).toMatchObject({ fill: null, numFmt: '0.000000' });
    expect(xfs[styleOf(cvSheet, 'C7')]).toMatchObject({ fill: FILLS.header, bold: true });
    expect(xfs[styleOf(unitSheet, 'D9')]).toMatchObject({ fill: FILLS.fail, numFmt: '0.00' });
    expect(xfs[styleOf(unitSheet, 'G9')]).toMatchObject({ fill: FILLS.warn });
    expect(xfs[styleOf(unitSheet, 'D10')]!.fill).toBeNull();
    expect(xfs[styleOf(unitSheet, 'I9')]).toMatchObject({ numFmt: '0.0%' });
    expect(new Set(xfs.map((x) => x.font))).toEqual(new Set(['宋体']));
    expect(numFmtCode({ kind: 'fixed', decimals: 0 })).toBe('0');
    expect(numFmtCode({ kind: 'percent', decimals: 0 })).toBe('0%');
  });

  it('merges: title across the width, group headers over their columns, ungrouped headers down two rows', async () => {
    const p = await parts(await demoBook());
    const unitSheet = p.get('xl/worksheets/sheet2.xml')!;
    const merges = [...unitSheet.matchAll(/<mergeCell ref="([^"]+)"/g)].map((m) => m[1]);
    expect(merges).toEqual(expect.arrayContaining(['A1:I1', 'A6:I6', 'A7:A8', 'B7:B8', 'C7:E7', 'F7:H7', 'I7:I8']));
    const cvSheet = p.get('xl/worksheets/sheet1.xml')!;
    expect(cvSheet).toContain('<mergeCell ref="A1:D1"/>');
  });

  it('print setup: A4 landscape, fit to width, frozen header, header rows repeated, a page per level', async () => {
    const p = await parts(await demoBook());
    const cvSheet = p.get('xl/worksheets/sheet1.xml')!;
    const unitSheet = p.get('xl/worksheets/sheet2.xml')!;
    for (const s of [cvSheet, unitSheet]) {
      expect(s).toContain('<pageSetUpPr fitToPage="1"/>');
      expect(s).toContain('paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"');
    }
    expect(unitSheet).toMatch(/<pane ySplit="8" topLeftCell="A9" activePane="bottomLeft" state="frozen"\/>/);
    const workbook = p.get('xl/workbook.xml')!;
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">'差异系数'!$7:$7</definedName>`,
    );
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="1">'小学达标表'!$7:$8</definedName>`,
    );
    // 初中 starts a new page: its block title row (after 小学: title 6, head 7, rows 8-10, note 11, blank 12).
    expect(cvSheet).toContain(
      '<rowBreaks count="1" manualBreakCount="1"><brk id="12" max="16383" man="1"/></rowBreaks>',
    );
    expect(p.get('docProps/core.xml')).toContain('<dc:title>青山县义务教育优质均衡发展评估报告</dc:title>');
  });

  it('characters XML cannot hold are dropped, markup escaped', async () => {
    const s: Section = {
      id: 'excluded',
      title: 'x',
      sheet: 'x',
      columns: [{ head: '学校' }],
      rows: [[{ v: 'a\u0001b<c>&\ud800d' }]],
      notes: [],
    };
    const wb = XLSX.read(await sectionsWorkbook([s], { title: 't', lines: [] }));
    expect(wb.Sheets.x!.A5.v).toBe('ab<c>&d');
  });
});

describe('Excel limits', () => {
  it('a text over 32 767 characters is cut to 32 767 (Excel would refuse the workbook)', async () => {
    const s: Section = {
      id: 'findings',
      title: 't',
      sheet: 's',
      columns: [{ head: 'v' }],
      rows: [[{ v: 'x'.repeat(40_000) }]],
      notes: [],
    };
    const wb = XLSX.read(await sectionsWorkbook([s], { title: 't', lines: [] }));
    const v = String(wb.Sheets.s!.A5.v);
    expect(v).toHaveLength(32767);
    expect(v.endsWith('…')).toBe(true);
  });
});

describe('page breaks', () => {
  it('a county or level per printed page, at most the 1026 manual breaks Excel accepts', async () => {
    const block = (county: string): Section => ({
      id: 'checks',
      title: `${county} 各项检查`,
      sheet: '检查',
      county,
      columns: [{ head: '检查' }, { head: '结果' }],
      rows: [[{ v: '班额' }, { v: '达标' }]],
      notes: [],
    });
    const bytes = await sectionsWorkbook(
      Array.from({ length: 1100 }, (_, i) => block(`县${i}`)),
      { title: 't', lines: [] },
    );
    const sheet = (await parts(bytes)).get('xl/worksheets/sheet1.xml')!;
    const breaks = [...sheet.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(breaks).toHaveLength(1026);
    // Each block: title, header, row, blank = 4 rows, after the title row and a blank one.
    expect(breaks.slice(0, 3)).toEqual([6, 10, 14]);
    expect(sheet).toContain('<rowBreaks count="1026" manualBreakCount="1026">');
  });
});
