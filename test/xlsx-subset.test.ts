// Issue 11, "Build" (the reader bullet): what the streaming .xlsx scanner does with XML outside the subset
// Excel, WPS, LibreOffice and openpyxl write — CDATA, comments and processing instructions anywhere, a
// DOCTYPE without entity declarations, ISO/IEC 29500 Strict, `standalone`, parts in UTF-16 or in a declared
// legacy encoding. Each case is compared with SheetJS (the reader ours replaced); where SheetJS is wrong the
// test says so, checks our exact value, and checks that SheetJS still differs (so the comment stays true).
// The scanner handles all of them itself; see the header of src/read/xlsx.ts for why no XML library is needed.
import { describe, expect, it } from 'vitest';
import { fatalMessage } from '../src/i18n/messages.js';
import { FatalError } from '../src/findings.js';
import type { RawSheet } from '../src/read/index.js';
import { partEncoding, readXlsx } from '../src/read/xlsx.js';
import { parseWorkbook } from './sheetjs-reference.js';
import { zip, LIMITS } from './zip-helper.js';

const TRANSITIONAL = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
};
const STRICT = {
  main: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  rel: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
};
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

interface Book {
  sheet?: string | Buffer;
  sst?: string | Buffer;
  workbook?: string;
  ns?: typeof TRANSITIONAL;
}
/** A one-sheet workbook (sheet 学校) from its parts; the default sheet is A1 = shared string 0, B1 = 2. */
function book({ sheet, sst, workbook, ns = TRANSITIONAL }: Book = {}): Buffer {
  const ct = `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
  const strict = ns === STRICT ? ' conformance="strict"' : '';
  return zip([
    ['[Content_Types].xml', ct],
    [
      '_rels/.rels',
      `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ns.rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      workbook ??
        `${DECL}<workbook xmlns="${ns.main}" xmlns:r="${ns.rel}"${strict}><sheets><sheet name="学校" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ns.rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ns.rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ],
    ['xl/sharedStrings.xml', sst ?? `${DECL}<sst xmlns="${ns.main}"><si><t>学校代码</t></si><si><t>乙</t></si></sst>`],
    [
      'xl/worksheets/sheet1.xml',
      sheet ?? sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2</v></c></row>', DECL, ns),
    ],
  ]);
}
const sheetXml = (rows: string, decl = DECL, ns = TRANSITIONAL) =>
  `${decl}<worksheet xmlns="${ns.main}"><sheetData>${rows}</sheetData></worksheet>`;
const sstXml = (items: string[], decl = DECL) =>
  `${decl}<sst xmlns="${TRANSITIONAL.main}">${items.map((i) => `<si>${i}</si>`).join('')}</sst>`;

/** Rows of the first sheet as [row, cells], without the trailing nulls SheetJS pads a row with to the sheet's width. */
const rowsOf = (sheets: RawSheet[]) =>
  sheets[0]!.rows.map((r) => {
    const cells = [...r.cells];
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    return [r.row, cells] as const;
  });
async function ours(bytes: Buffer) {
  const r = await readXlsx(bytes, 'test.xlsx', LIMITS);
  if (!r) throw new Error('not read as SpreadsheetML');
  return rowsOf(r.sheets);
}
const theirs = async (bytes: Buffer) => rowsOf(await parseWorkbook(bytes, 'test.xlsx', LIMITS));
async function refused(bytes: Buffer): Promise<FatalError> {
  try {
    await readXlsx(bytes, 'test.xlsx', LIMITS);
  } catch (e) {
    if (e instanceof FatalError) return e;
    throw e;
  }
  throw new Error('read without a FatalError');
}
/** GB18030/GBK bytes of CJK text (two-byte codes found by decoding every code once) and ASCII. */
function gbk(s: string): Buffer {
  const dec = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) table.set(dec.decode(Uint8Array.of(a, b)), [a, b]);
  return Buffer.from([...s].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}

describe('ISO/IEC 29500 Strict (purl.oclc.org namespaces and relationship types)', () => {
  it('reads as the transitional form does, and as SheetJS reads it', async () => {
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2"><v>12.5</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="inlineStr"><is><t>内联</t></is></c></row>';
    const strict = book({
      ns: STRICT,
      sheet: sheetXml(rows, DECL, STRICT),
      sst: `${DECL}<sst xmlns="${STRICT.main}"><si><t>学校代码</t></si><si><t>学校名称</t></si></sst>`,
    });
    const expected = [
      [1, ['学校代码', '学校名称']],
      [2, [12.5, true, '内联']],
    ];
    expect(await ours(strict)).toEqual(expected);
    expect(await ours(book({ sheet: sheetXml(rows), sst: sstXml(['<t>学校代码</t>', '<t>学校名称</t>']) }))).toEqual(
      expected,
    );
    expect(await theirs(strict)).toEqual(expected);
  });

  it('Strict dates (t="d", ISO 8601) are serial numbers, as SheetJS gives them in UTC', async () => {
    const strict = book({
      ns: STRICT,
      sheet: sheetXml('<row r="1"><c r="A1" t="d"><v>2024-03-01</v></c></row>', DECL, STRICT),
    });
    expect(await ours(strict)).toEqual([[1, [45352]]]);
  });
});

describe('DOCTYPE', () => {
  const doc = (doctype: string) => `<?xml version="1.0" encoding="UTF-8"?>${doctype}`;
  const ROWS = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>';
  for (const [what, doctype] of [
    ['bare', '<!DOCTYPE worksheet>'],
    ['with an external DTD (never loaded; quoted > and [ in its id)', '<!DOCTYPE worksheet SYSTEM "a>[b].dtd">'],
    ['with an internal subset declaring elements only', '<!DOCTYPE worksheet [ <!ELEMENT worksheet ANY> ]>'],
  ] as const) {
    it(`without entity declarations, ${what}: skipped, in the sheet, the shared strings and the workbook (as SheetJS)`, async () => {
      const bytes = book({
        sheet: sheetXml(ROWS, doc(doctype)),
        sst: sstXml(['<t>学校代码</t>', '<t>学校名称</t>'], doc(doctype.replace('worksheet', 'sst'))),
        workbook: `${doc(doctype.replace('worksheet', 'workbook'))}<workbook xmlns="${TRANSITIONAL.main}" xmlns:r="${TRANSITIONAL.rel}"><sheets><sheet name="学校" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      });
      expect(await ours(bytes)).toEqual([[1, ['学校代码', '学校名称']]]);
      expect(await theirs(bytes)).toEqual(await ours(bytes));
    });
  }

  it('declaring entities (billion laughs) or attribute defaults: refused, also when cut across inflate chunks', async () => {
    for (const subset of [
      '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">',
      '<!ATTLIST c t CDATA "s">',
      `<!-- ${'x'.repeat(70_000)} --><!ENTITY a "b">`,
    ]) {
      const e = await refused(book({ sheet: sheetXml(ROWS, doc(`<!DOCTYPE worksheet [${subset}]>`)) }));
      expect(e.code).toBe('workbook-corrupt');
      expect(fatalMessage(e, 'en')).toMatch(/its part xl\/worksheets\/sheet1.xml is damaged: a DOCTYPE or entity/);
    }
    // Outside a DOCTYPE an entity declaration is not XML a spreadsheet holds either.
    expect((await refused(book({ sheet: sheetXml(`<!ENTITY a "b">${ROWS}`) }))).code).toBe('workbook-corrupt');
  });

  it('a DOCTYPE straddling the 64 KiB inflate chunks is skipped whole', async () => {
    const pad = `<!-- ${'x'.repeat(65_520)} -->`;
    const bytes = book({
      sheet: `${pad}${sheetXml(ROWS, doc(`<!DOCTYPE worksheet SYSTEM "${'d'.repeat(40)}.dtd">`))}`,
    });
    expect(await ours(bytes)).toEqual([[1, ['学校代码', '乙']]]);
  });
});

describe('the XML declaration and the character encoding', () => {
  const ROWS =
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>学校𠀋</t></is></c><c r="C1"><v>3</v></c></row>';
  const EXPECTED = [[1, ['学校代码', '学校𠀋', 3]]];
  const utf16 = (s: string, bom: boolean, be = false) => {
    const le = Buffer.from(s, 'utf16le');
    const body = be ? Buffer.from(le).swap16() : le;
    return bom ? Buffer.concat([Buffer.from(be ? [0xfe, 0xff] : [0xff, 0xfe]), body]) : body;
  };
  const DECL16 = '<?xml version="1.0" encoding="UTF-16" standalone="yes"?>';

  it('standalone="yes" / "no" and no declaration at all: the same cells, as SheetJS', async () => {
    for (const decl of [
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
      "<?xml version='1.0' standalone='yes'?>",
      '',
    ]) {
      const bytes = book({ sheet: sheetXml(ROWS, decl) });
      expect(await ours(bytes)).toEqual(EXPECTED);
      expect(await theirs(bytes)).toEqual(EXPECTED);
    }
  });

  it('UTF-16LE with a byte-order mark, sheet and shared strings: as SheetJS', async () => {
    const bytes = book({
      sheet: utf16(sheetXml(ROWS, DECL16), true),
      sst: utf16(sstXml(['<t>学校代码</t>'], DECL16), true),
    });
    expect(await ours(bytes)).toEqual(EXPECTED);
    expect(await theirs(bytes)).toEqual(EXPECTED);
  });

  it('UTF-16BE with a byte-order mark and UTF-16 without one: read (SheetJS reads no cells)', async () => {
    for (const sheet of [utf16(sheetXml(ROWS, DECL16), true, true), utf16(sheetXml(ROWS, DECL16), false)]) {
      const bytes = book({ sheet, sst: utf16(sstXml(['<t>学校代码</t>'], DECL16), false, true) });
      expect(await ours(bytes)).toEqual(EXPECTED);
      expect(await theirs(bytes)).not.toEqual(EXPECTED);
    }
  });

  it('a UTF-16 sheet whose surrogate pairs straddle the inflate chunks', async () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>𠀋乡${i}</t></is></c></row>`,
    ).join('');
    const read = await ours(book({ sheet: utf16(sheetXml(rows, DECL16), true) }));
    expect(read).toHaveLength(3000);
    expect(read.every(([r, cells]) => cells[0] === `𠀋乡${r - 1}`)).toBe(true);
  });

  it('a declared legacy encoding (GBK, ISO-8859-1) is decoded as declared (SheetJS reads it as UTF-8: U+FFFD)', async () => {
    const gb = Buffer.concat([
      Buffer.from(`<?xml version="1.0" encoding="GBK"?><sst xmlns="${TRANSITIONAL.main}"><si><t>`),
      gbk('青山县学校代码'),
      Buffer.from('</t></si></sst>'),
    ]);
    const latin = Buffer.from(
      `<?xml version="1.0" encoding="ISO-8859-1"?>${sheetXml(ROWS.replace('学校𠀋', 'café'), '')}`,
      'latin1',
    );
    const bytes = book({ sst: gb, sheet: latin });
    expect(await ours(bytes)).toEqual([[1, ['青山县学校代码', 'café', 3]]]);
    expect((await theirs(bytes))[0]![1][1]).toBe('caf\uFFFD');
  });

  it('an encoding no decoder knows (UTF-7, UTF-32): refused as damaged, naming it', async () => {
    const e = await refused(book({ sheet: sheetXml(ROWS, '<?xml version="1.0" encoding="UTF-7"?>') }));
    expect(e.code).toBe('workbook-corrupt');
    expect(fatalMessage(e, 'en')).toContain(
      'its part xl/worksheets/sheet1.xml is damaged: an unsupported character encoding utf-7',
    );
    expect(fatalMessage(e, 'zh')).toContain('使用了不支持的字符编码 utf-7');
    const utf32 = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('<\0\0\0')]);
    expect((await refused(book({ sheet: utf32 }))).code).toBe('workbook-corrupt');
  });

  it('partEncoding: byte-order marks, UTF-16 by its first character, the declaration, UTF-8 otherwise', () => {
    const enc = (b: number[] | string) =>
      partEncoding(typeof b === 'string' ? Buffer.from(b, 'latin1') : Uint8Array.from(b));
    expect(enc([0xef, 0xbb, 0xbf, 0x3c])).toBe('utf-8');
    expect(enc([0xff, 0xfe, 0x3c, 0])).toBe('utf-16le');
    expect(enc([0xfe, 0xff, 0, 0x3c])).toBe('utf-16be');
    expect(enc([0x3c, 0, 0x3f, 0])).toBe('utf-16le');
    expect(enc([0, 0x3c, 0, 0x3f])).toBe('utf-16be');
    expect(enc('<?xml version="1.0" encoding="GB2312"?>')).toBe('gb2312');
    expect(enc("<?xml version='1.0' encoding='windows-1252' standalone='yes'?>")).toBe('windows-1252');
    // A UTF-16 declaration over single bytes: the bytes win.
    expect(enc('<?xml version="1.0" encoding="UTF-16"?>')).toBe('utf-8');
    expect(enc('<?xml version="1.0"?><a encoding="gbk"/>')).toBe('utf-8');
    expect(enc('<worksheet/>')).toBe('utf-8');
    expect(enc([])).toBe('utf-8');
  });
});

describe('comments, processing instructions and CDATA where SheetJS goes wrong', () => {
  it('a comment or PI inside a shared string <t> is not text (SheetJS keeps it as text)', async () => {
    const bytes = book({ sst: sstXml(['<t>学校<!-- 注 -->代码</t>', '<t>乙<?pi x?>丙</t>']) });
    const sheet = sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>');
    const both = book({ sst: sstXml(['<t>学校<!-- 注 -->代码</t>', '<t>乙<?pi x?>丙</t>']), sheet });
    expect(await ours(bytes)).toEqual([[1, ['学校代码', 2]]]);
    expect(await ours(both)).toEqual([[1, ['学校代码', '乙丙']]]);
    expect((await theirs(both))[0]![1]).toEqual(['学校<!-- 注 -->代码', '乙<?pi x?>丙']);
  });

  it('a comment inside <v> is not the value (SheetJS loses the cell)', async () => {
    const bytes = book({
      sheet: sheetXml('<row r="1"><c r="A1" t="s"><v><!-- 第二项 -->1</v></c><c r="B1"><v>4<!-- x -->2</v></c></row>'),
    });
    expect(await ours(bytes)).toEqual([[1, ['乙', 42]]]);
    expect(await theirs(bytes)).not.toEqual(await ours(bytes));
  });

  it('markup inside a comment is not read (SheetJS reads the commented-out row)', async () => {
    const bytes = book({
      sheet: sheetXml('<!-- <row r="1"><c r="A1"><v>9</v></c></row> --><row r="2"><c r="A2" t="s"><v>0</v></c></row>'),
    });
    expect(await ours(bytes)).toEqual([[2, ['学校代码']]]);
    expect(await theirs(bytes)).toEqual([
      [1, [9]],
      [2, ['学校代码']],
    ]);
  });

  it('CDATA in a rich-text run, and "]]>" split over two CDATA sections (SheetJS drops the run)', async () => {
    const bytes = book({
      sst: sstXml(['<r><t>青山</t></r><r><t><![CDATA[<县>]]></t></r>', '<t><![CDATA[a]]]]><![CDATA[>b]]></t>']),
      sheet: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'),
    });
    expect(await ours(bytes)).toEqual([[1, ['青山<县>', 'a]]>b']]]);
    expect((await theirs(bytes))[0]![1][0]).toBe('青山');
  });

  it('CDATA in <v> and in a plain <t>: the same as SheetJS', async () => {
    const bytes = book({
      sst: sstXml(['<t><![CDATA[<学校> & 代码]]></t>']),
      sheet: sheetXml('<row r="1"><c r="A1" t="s"><v><![CDATA[0]]></v></c><c r="B1"><v><![CDATA[12]]></v></c></row>'),
    });
    expect(await ours(bytes)).toEqual([[1, ['<学校> & 代码', 12]]]);
    expect(await theirs(bytes)).toEqual(await ours(bytes));
  });
});
