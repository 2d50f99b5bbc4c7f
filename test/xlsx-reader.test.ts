// The streaming .xlsx reader against SheetJS (the reader it replaces): every fixture, random tables
// written by SheetJS, hand-built SpreadsheetML variants, and hostile parts.
import { fatalMessage } from '../src/i18n/messages.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import type { RawSheet } from '../src/read/index.js';
import { readBytes } from '../src/read/index.js';
import { parseWorkbook } from './sheetjs-reference.js';
import { readXlsx, type XlsxLimits } from '../src/read/xlsx.js';
import { checkZip } from '../src/read/zip.js';
import { FatalError } from '../src/findings.js';
import { unzip, worksheet, xlsx, zip, type Part, LIMITS } from './zip-helper.js';
import { runs } from './quick.js';

/** Cells by absolute column, blank rows kept except trailing ones (SheetJS keeps those up to the declared dimension). */
function normal(sheets: RawSheet[]) {
  return sheets.map((s) => {
    const rows = s.rows.map(
      (r) => [r.row, r.cells.flatMap((c, i) => (c === null || c === undefined ? [] : [[i + s.colOffset, c]]))] as const,
    );
    while (rows.length > 0 && rows[rows.length - 1]![1].length === 0) rows.pop();
    return { name: s.name, rows, merges: s.merges ?? [] };
  });
}

async function ours(bytes: Uint8Array, limits: Partial<XlsxLimits> = {}) {
  const r = await readXlsx(bytes, 'test.xlsx', { ...LIMITS, ...limits });
  if (!r) throw new Error('not read');
  return r;
}
const sheetjs = async (bytes: Uint8Array) => normal(await parseWorkbook(bytes, 'test.xlsx', LIMITS));
const fatal = async (p: Promise<unknown>): Promise<FatalError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof FatalError) return e;
    throw e;
  }
  throw new Error('no FatalError');
};
/** Values of the first sheet, row by row, nulls kept. */
const values = async (bytes: Uint8Array) => (await ours(bytes)).sheets[0]!.rows.map((r) => r.cells);

describe('fixtures: same cells as SheetJS', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.xlsx')) files.push(p);
    }
  };
  walk('fixtures');
  it('finds the fixtures', () => expect(files.length).toBeGreaterThanOrEqual(10));
  for (const f of files) {
    it(f, async () => {
      const bytes = readFileSync(f);
      try {
        checkZip(bytes, f, LIMITS);
      } catch {
        // Refused before any parser sees it (truncated, zip bomb): both readers agree by construction.
        await expect(ours(bytes)).rejects.toBeInstanceOf(FatalError);
        return;
      }
      const mine = await ours(bytes);
      expect(normal(mine.sheets)).toEqual(await sheetjs(bytes));
      expect(mine.findings).toEqual([]);
    });
  }
});

describe('random tables written by SheetJS read identically', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      '青山县第一中学',
      '  前后空格  ',
      '𠀋𠀌 罕见字',
      '甲&乙<丙>"丁"',
      "it's",
      'a_x0041_b',
      '\t制表',
      '第1484中',
      '🙂',
      '行一\r\n行二',
    ),
    fc.string({ unit: fc.constantFrom('中', '学', '校', '𠀋', ' ', 'a', '&', '<', '_'), maxLength: 20 }),
  );
  const number = fc.oneof(
    fc.integer({ min: -1e9, max: 1e9 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, -0.5, 1e300, -1e-300, 123456789012345, 0.1 + 0.2),
  );
  const cell = fc.oneof(
    { weight: 3, arbitrary: number },
    { weight: 3, arbitrary: text },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 2, arbitrary: fc.constant(null) },
  );
  const table = fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 25 });

  it('property: every cell as SheetJS reads it', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.boolean(), fc.integer({ min: 0, max: 3 }), async (aoa, sst, origin) => {
        const ws = XLSX.utils.aoa_to_sheet(aoa, { origin: { r: origin, c: origin } } as XLSX.AOA2SheetOpts);
        const wb = XLSX.utils.book_new();
        XLSX.utils.book_append_sheet(wb, ws, '学校');
        XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['x', 1]]), 'Sheet2');
        const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: sst }) as Buffer;
        const mine = await ours(bytes);
        expect(normal(mine.sheets)).toEqual(await sheetjs(bytes));
      }),
      { numRuns: runs(150, 25), seed: 9 },
    );
  });

  it('a large sheet whose UTF-8 characters straddle the 64 KiB inflate chunks', async () => {
    // Quick runs keep the shared strings over one 64 KiB chunk (2 000 rows: 73 KB of them).
    const aoa = Array.from({ length: runs(4000, 2000) }, (_, i) => [`第${i}中学𠀋校`, i * 1.5, '学'.repeat(i % 37)]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '学校');
    for (const bookSST of [true, false]) {
      const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST }) as Buffer;
      expect(normal((await ours(bytes)).sheets)).toEqual(await sheetjs(bytes));
    }
  });
});

describe('hand-built SpreadsheetML', () => {
  const SST = (items: string[]) =>
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${items.length}" uniqueCount="${items.length}">${items.map((i) => `<si>${i}</si>`).join('')}</sst>`;

  it('r-less rows and cells follow their order', async () => {
    const bytes = xlsx([
      [
        'S',
        worksheet(
          '<row><c><v>1</v></c><c t="str"><v>a</v></c></row><row r="4"><c><v>2</v></c><c r="D4"><v>3</v></c><c><v>4</v></c></row><row><c r="B5"><v>5</v></c></row>',
        ),
      ],
    ]);
    const s = (await ours(bytes)).sheets[0]!;
    expect(s.rows.map((r) => [r.row, r.cells])).toEqual([
      [1, [1, 'a']],
      [2, []],
      [3, []],
      [4, [2, null, null, 3, 4]],
      [5, [null, 5]],
    ]);
    expect(normal([s])).toEqual(await sheetjs(bytes));
  });

  it('namespace prefixes (x:) on every element, shared strings after the sheet in the zip', async () => {
    const sheet = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="E1"><x:v>-12.5</x:v></x:c></x:row><x:row r="3"><x:c r="B3"><x:v>1</x:v></x:c></x:row></x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>`;
    const sst = `<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:t>学校代码</x:t></x:si><x:si><x:r><x:t>学校</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>名称</x:t></x:r></x:si></x:sst>`;
    const bytes = xlsx([['学校', sheet]], { sst, sstFirst: false });
    const s = (await ours(bytes)).sheets[0]!;
    expect(s.rows).toEqual([
      { row: 1, cells: ['学校代码', '学校名称', null, null, -12.5] },
      { row: 2, cells: [] },
      { row: 3, cells: [null, 1] },
    ]);
    expect(s.merges).toEqual([{ r0: 1, c0: 0, r1: 1, c1: 1 }]);
    expect(normal([s])).toEqual(await sheetjs(bytes));
  });

  it('rich text runs, phonetic runs skipped, xml:space, inline strings', async () => {
    const sst = SST([
      '<r><t xml:space="preserve"> 青山 </t></r><r><t>县</t></r><rPh sb="0" eb="2"><t>チンシャン</t></rPh><phoneticPr fontId="1"/>',
      '<t xml:space="preserve">  两边空格  </t>',
    ]);
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><r><t>内</t></r><r><t>联</t></r><rPh><t>ナイ</t></rPh></is></c><c r="D1" t="inlineStr"><is><t>单</t></is></c></row>';
    const bytes = xlsx([['S', worksheet(rows)]], { sst });
    expect(await values(bytes)).toEqual([[' 青山 县', '  两边空格  ', '内联', '单']]);
    expect(normal((await ours(bytes)).sheets)).toEqual(await sheetjs(bytes));
  });

  it('entities, numeric references above U+FFFF, _xHHHH_ escapes, CR LF', async () => {
    const sst = SST([
      '<t>&lt;甲&amp;乙&gt; &quot;&apos; &#x4E2D;&#25991;</t>',
      '<t>&#131083;&#x2000C;</t>',
      '<t>a_x000D_b_x005F_x0041_c_x0009_</t>',
      '<t>一\r\n二</t>',
    ]);
    const bytes = xlsx(
      [
        [
          'S',
          worksheet(
            '<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>3</v></c><c t="str"><v>&#131083;_x0031_</v></c></row>',
          ),
        ],
      ],
      { sst },
    );
    expect(await values(bytes)).toEqual([['<甲&乙> "\' 中文', '𠀋𠀌', 'a\rb_x0041_c\t', '一\n二', '𠀋1']]);
    // SheetJS converts references above U+FFFF with a 16-bit conversion (&#131083; → U+000B): a known
    // SheetJS bug we deliberately do not reproduce.
    const theirs = (await sheetjs(bytes))[0]!.rows[0]![1];
    expect(theirs[1]![1]).not.toBe('𠀋𠀌');
  });

  it('comments, CDATA and processing instructions', async () => {
    const rows =
      '<!-- a comment <row> --><?pi data?><row r="1"><c r="A1" t="str"><v><![CDATA[<学校> & _x0041_]]></v></c><!-- --><c r="B1" t="inlineStr"><is><t>前<![CDATA[<中>]]>后</t></is></c></row>';
    const bytes = xlsx([['S', worksheet(rows)]]);
    // _x0041_ is Excel's escape in the text, whichever XML syntax carried it.
    expect(await values(bytes)).toEqual([['<学校> & A', '前<中>后']]);
    expect(normal((await ours(bytes)).sheets)).toEqual(await sheetjs(bytes));
  });

  it("'>' inside attribute values and single-quoted attributes", async () => {
    const rows = `<row r='1' spans="1:3"><c r='B1' t='str' foo="a>b"><v>x</v></c><c r="C1" bar='"q>'><v>2</v></c></row>`;
    const bytes = xlsx([['S', worksheet(rows)]]);
    expect(await values(bytes)).toEqual([[null, 'x', 2]]);
  });

  it('booleans, errors, strings of formulas, numbers as parseFloat reads them, dates as serial numbers', async () => {
    const rows =
      '<row r="1"><c t="b"><v>1</v></c><c t="b"><v>0</v></c><c t="e"><v>#N/A</v></c><c t="e"><f>1/0</f><v>#DIV/0!</v></c><c t="str"><f>A1&amp;""</f><v></v></c><c><f>1+1</f><v>2</v></c><c><v>1.5E3</v></c><c><v> 7 </v></c><c t="n"><v>-0.25</v></c><c t="d"><v>2024-03-01T12:00:00</v></c></row>';
    const bytes = xlsx([['S', worksheet(rows)]]);
    expect(await values(bytes)).toEqual([[true, false, null, null, '', 2, 1500, 7, -0.25, 45352.5]]);
    // SheetJS reads t="d" in local time; the rest must agree in any time zone.
    const cellsOf = (n: ReturnType<typeof normal>) => n[0]!.rows[0]![1].filter(([c]) => c !== 9);
    expect(cellsOf(normal((await ours(bytes)).sheets))).toEqual(cellsOf(await sheetjs(bytes)));
  });

  it('stored (uncompressed) entries', async () => {
    const bytes = xlsx([['S', worksheet('<row r="2"><c r="C2"><v>3</v></c></row>')]], { store: true });
    const s = (await ours(bytes)).sheets[0]!;
    expect(normal([s])).toEqual([{ name: 'S', rows: [[2, [[2, 3]]]], merges: [] }]);
  });

  it('a formula without a cached value: null and a located error finding, capped per sheet', async () => {
    const one = xlsx([
      [
        '学校',
        worksheet(
          '<row r="3"><c r="A3"><v>1</v></c><c r="D3"><f>SUM(A1:A2)</f></c><c r="E3" t="str"><f>A1</f></c></row>',
        ),
      ],
    ]);
    const r = await ours(one);
    expect(r.sheets[0]!.rows.at(-1)).toEqual({ row: 3, cells: [1] });
    expect(r.findings).toEqual([
      { code: 'formula-no-value', severity: 'error', file: 'test.xlsx', sheet: '学校', row: 3, column: 'D' },
      { code: 'formula-no-value', severity: 'error', file: 'test.xlsx', sheet: '学校', row: 3, column: 'E' },
    ]);
    const many = xlsx([
      [
        '学校',
        worksheet(
          Array.from({ length: 1205 }, (_, i) => `<row r="${i + 1}"><c r="B${i + 1}"><f>1+1</f></c></row>`).join(''),
        ),
      ],
    ]);
    const m = await ours(many);
    expect(m.findings.length).toBe(1001);
    expect(m.findings.at(-1)).toEqual({
      code: 'formula-no-value-more',
      severity: 'error',
      file: 'test.xlsx',
      sheet: '学校',
      params: { count: 205 },
    });
  });

  it('a shared-string index out of range: blank and a finding, not a crash', async () => {
    const bytes = xlsx(
      [['S', worksheet('<row r="1"><c t="s"><v>0</v></c><c t="s"><v>7</v></c><c t="s"><v>x</v></c></row>')]],
      { sst: SST(['<t>a</t>']) },
    );
    const r = await ours(bytes);
    expect(r.sheets[0]!.rows).toEqual([{ row: 1, cells: ['a'] }]);
    expect(r.findings).toEqual([
      { code: 'shared-string-missing', severity: 'warning', file: 'test.xlsx', sheet: 'S', params: { count: 2 } },
    ]);
  });

  it('a value in column XFD does not make a 16 384-cell row: dropped with a finding', async () => {
    const bytes = xlsx([
      [
        'S',
        worksheet(
          '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row><row r="2"><c r="XFD2"><v>3</v></c></row><row r="3"><c r="ALL3"><v>4</v></c></row>',
        ),
      ],
    ]);
    const r = await ours(bytes);
    expect(r.sheets[0]!.rows.map((x) => [x.row, x.cells.length])).toEqual([
      [1, 1],
      [2, 0],
      [3, 1000],
    ]);
    expect(r.findings).toEqual([
      {
        code: 'cells-dropped',
        severity: 'warning',
        file: 'test.xlsx',
        sheet: 'S',
        params: { count: 2, rows: 0, column: 'ALL' },
      },
    ]);
  });

  it('merged ranges are clamped to the cells kept', async () => {
    const bytes = xlsx([
      [
        'S',
        worksheet(
          '<row r="1"><c><v>1</v></c></row>',
          '<mergeCells><mergeCell ref="A1:XFD1048576"/><mergeCell ref="C3:B2"/><mergeCell ref="XFA1:XFD1"/></mergeCells>',
        ),
      ],
    ]);
    expect((await ours(bytes)).sheets[0]!.merges).toEqual([
      { r0: 1, c0: 0, r1: 1_048_576, c1: 999 },
      { r0: 2, c0: 1, r1: 3, c1: 2 },
    ]);
  });

  it('blank rows after the last value are not stored, however many', async () => {
    const rows =
      '<row r="1"><c><v>1</v></c></row>' +
      Array.from({ length: 50_000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" s="1"/></row>`).join('');
    const s = (await ours(xlsx([['S', worksheet(rows)]]))).sheets[0]!;
    expect(s.rows).toEqual([{ row: 1, cells: [1] }]);
  });

  it('row limit counts stored rows', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `<row r="${i + 1}"><c><v>${i}</v></c></row>`).join('');
    const bytes = xlsx([['S', worksheet(rows + '<row r="100"/>')]]);
    expect((await ours(bytes, { maxRows: 20 })).sheets[0]!.rows.length).toBe(20);
    expect((await fatal(ours(bytes, { maxRows: 19 }))).code).toBe('too-many-rows');
  });

  it('more sheets than the limit: our tables and the first ones are read, with a warning naming --max-sheets', async () => {
    const sheets: [string, string][] = Array.from({ length: 8 }, (_, i) => [
      `S${i}`,
      worksheet(`<row r="1"><c><v>${i}</v></c></row>`),
    ]);
    sheets.push(
      ['班级', worksheet('<row r="1"><c t="str"><v>班</v></c></row>')],
      ['学校', worksheet('<row r="1"><c t="str"><v>校</v></c></row>')],
    );
    const r = await ours(xlsx(sheets), { maxSheets: 4 });
    expect(r.sheets.map((s) => s.name)).toEqual(['S0', 'S1', '班级', '学校']);
    expect(r.findings).toEqual([
      {
        code: 'sheets-unread',
        severity: 'warning',
        file: 'test.xlsx',
        params: { count: 6, total: 10, limit: 4, flag: '--max-sheets' },
      },
    ]);
  });
});

describe('hostile parts', () => {
  it('a DOCTYPE (billion laughs) is refused as a damaged workbook', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet><sheetData><row><c t="str"><v>&lol2;</v></c></row></sheetData></worksheet>`;
    const e = await fatal(ours(xlsx([['S', bomb]])));
    expect(e.code).toBe('workbook-corrupt');
    expect(fatalMessage(e, 'en')).toMatch(/its part .* is damaged: a DOCTYPE or entity declaration/);
    expect(fatalMessage(e, 'zh')).toContain('含有 DOCTYPE 或实体声明');
  });

  it('corrupt deflate data fails at once instead of hanging', async () => {
    const good = xlsx([
      ['S', worksheet(Array.from({ length: 2000 }, (_, i) => `<row r="${i + 1}"><c><v>${i}</v></c></row>`).join(''))],
    ]);
    const parts = unzip(good);
    const sheet = parts.find(([n]) => n.endsWith('sheet1.xml'))!;
    const packed = deflateRawSync(sheet[1]);
    for (let i = 40; i < packed.length; i += 97) packed[i]! ^= 0x5a;
    const bytes = zip(parts.map(([n, d]) => (n === sheet[0] ? [n, d, { packed }] : [n, d])));
    const t0 = Date.now();
    const e = await fatal(ours(bytes));
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(e.code).toBe('workbook-corrupt');
  });

  it('an entry inflating beyond its declared size, or with a wrong CRC, is damaged', async () => {
    const bytes = xlsx([['S', worksheet('<row r="1"><c><v>1</v></c></row>')]]);
    const crcAt = bytes.lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 46 + 16;
    const wrongCrc = Buffer.from(bytes);
    wrongCrc.writeUInt32LE((wrongCrc.readUInt32LE(crcAt) ^ 1) >>> 0, crcAt);
    expect(fatalMessage(await fatal(ours(wrongCrc)), 'en')).toMatch(/is damaged: checksum mismatch/);
    const wrongSize = Buffer.from(bytes);
    wrongSize.writeUInt32LE(10, crcAt + 8);
    expect((await fatal(ours(wrongSize))).code).toBe('workbook-corrupt');
  });

  it('two sheets naming one part: read once; more <row> elements than Excel allows: damaged', async () => {
    const one = xlsx([['A', worksheet('<row r="1"><c><v>1</v></c></row>')]]);
    const parts = unzip(one).map(([n, d]): Part => {
      const t = d.toString();
      if (n === 'xl/workbook.xml')
        return [n, t.replace('</sheets>', '<sheet name="B" sheetId="2" r:id="rId1"/></sheets>')];
      return [n, d];
    });
    const r = await ours(zip(parts));
    expect(r.sheets.map((s) => [s.name, s.rows.length])).toEqual([
      ['A', 1],
      ['B', 0],
    ]);
    const rows = '<row/>'.repeat(1_048_577);
    expect(fatalMessage(await fatal(ours(xlsx([['S', worksheet(rows)]]))), 'en')).toContain(
      'its part S is damaged: more rows than Excel allows',
    );
  });

  it('parts packed tighter than 100 : 1 are refused beyond 32 MiB (a million empty cells is a bomb, not a sheet)', async () => {
    const row = '<row>' + '<c/>'.repeat(16000) + '</row>';
    const sheet = worksheet(row.repeat(600));
    expect(sheet.length).toBeGreaterThan(32 * 2 ** 20);
    const e = await fatal(ours(xlsx([['S', sheet]])));
    expect(e.code).toBe('workbook-too-large');
    expect(fatalMessage(e, 'en')).toMatch(/MiB packed tighter than 100 : 1/);
  });

  it('the time limit is checked while inflating', async () => {
    const rows = Array.from(
      { length: 60_000 },
      (_, i) => `<row r="${i + 1}"><c><v>${i}</v></c><c t="str"><v>第${i}行</v></c></row>`,
    ).join('');
    const e = await fatal(ours(xlsx([['S', worksheet(rows)]]), { timeoutMs: 1 }));
    expect(e.code).toBe('workbook-timeout');
  });

  it('a zip that holds no SpreadsheetML workbook (.xlsb, .ods) is left to SheetJS', async () => {
    expect(await readXlsx(zip([['content.xml', '<office:document-content/>']]), 'x.xlsx', LIMITS)).toBeNull();
  });

  it('a table right of column A keeps its absolute columns (cells[i] is column i)', async () => {
    const s = (
      await ours(
        xlsx([
          [
            'S',
            worksheet('<row r="2"><c r="C2"><v>1</v></c><c r="E2"><v>2</v></c></row>').replace(
              '<sheetData>',
              '<dimension ref="C2:E2"/><sheetData>',
            ),
          ],
        ]),
      )
    ).sheets[0]!;
    expect(s).toEqual({ name: 'S', colOffset: 0, rows: [{ row: 2, cells: [null, null, 1, null, 2] }], merges: [] });
  });

  it('readBytes hands .xlsx to this reader and reports its findings', async () => {
    const bytes = xlsx([['学校', worksheet('<row r="1"><c><f>1</f></c></row>')]]);
    const wb = await readBytes(bytes, 'f.xlsx');
    expect(wb.findings).toEqual([
      { code: 'formula-no-value', severity: 'error', file: 'f.xlsx', sheet: '学校', row: 1, column: 'A' },
    ]);
  });

  it('seeded XML edits inside the zip: a FatalError or a result, never a crash, each in well under a second', async () => {
    const lim = LIMITS;
    let seed = 777;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const tokens = [
      '<',
      '>',
      '"',
      "'",
      '<c>',
      '</c>',
      '</row>',
      '<row r="0">',
      '<row r="99999999999">',
      '&#1114112;',
      '&#0;',
      '&',
      '&amp',
      '<![CDATA[',
      ']]>',
      '<!--',
      '-->',
      '<?',
      '?>',
      't="s"',
      't="e"',
      't="d"',
      't="zz"',
      '<v>99999999</v>',
      '<v>-1</v>',
      '<f>',
      '<f/>',
      '_x',
      '_xD800_',
      'r="XFD1048577"',
      'r="A"',
      'r=""',
      '<is>',
      '<t>',
      '</t>',
      '<rPh>',
      '</rPh>',
      '<sheetData>',
      '</sheetData>',
      '<mergeCell ref="A1:XFD1048576"/>',
      '<mergeCell ref="::"/>',
      '<dimension ref="ZZZZZ0"/>',
      'x:',
      ':',
      '\0',
      '\uFFFF',
      '<sheet name="学校" r:id="rId1"/>',
      '<Relationship Id="rId1" Target="../../../etc/passwd"/>',
      'Target="/"',
    ];
    const base = unzip(readFileSync('fixtures/demo-county.xlsx'));
    // Seeded edits of the XML inside the zip (insertions of markup, deletions, repeats), re-zipped.
    const counts: Record<string, number> = {};
    let worst = 0;
    for (let k = 0; k < runs(300, 30); k++) {
      const parts: Part[] = base.map(([n, d]) => {
        if (!n.endsWith('.xml') && !n.endsWith('.rels')) return [n, d];
        if (rnd() < 0.6) return [n, d];
        let t = d.toString();
        const m = 1 + Math.floor(rnd() * 6);
        for (let j = 0; j < m; j++) {
          const at = Math.floor(rnd() * t.length);
          const r = rnd();
          if (r < 0.4) t = t.slice(0, at) + tokens[Math.floor(rnd() * tokens.length)] + t.slice(at);
          else if (r < 0.7) t = t.slice(0, at) + t.slice(at + Math.floor(rnd() * 200));
          else {
            const len = Math.floor(rnd() * 300);
            t = t.slice(0, at) + t.slice(at, at + len).repeat(1 + Math.floor(rnd() * 5)) + t.slice(at);
          }
        }
        return [n, t];
      });
      const t0 = Date.now();
      try {
        await readXlsx(zip(parts), 'f', lim);
        counts.ok = (counts.ok ?? 0) + 1;
      } catch (e) {
        if (e instanceof FatalError) counts[e.code] = (counts[e.code] ?? 0) + 1;
        else throw new Error(`case ${k}: ${(e as Error).stack}`);
      }
      worst = Math.max(worst, Date.now() - t0);
    }
    expect(worst).toBeLessThan(3000);
    expect(Object.keys(counts).every((c) => ['ok', 'workbook-corrupt', 'workbook-too-large'].includes(c))).toBe(true);
  }, 60_000);
});
