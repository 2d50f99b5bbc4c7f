// Issue 11, acceptance 4: a place or school name with a character above U+FFFF reads correctly end to end:
// written in an .xlsx as a numeric character reference in the shared strings or in inline strings, and
// written directly in a CSV in UTF-8 and in GB18030 (where it is a four-byte sequence). Two such characters
// of CJK Extension B: &#131083; = &#x2000B; is U+2000B 𠀋 (not U+2020B: 131083 is 0x2000B), and &#x2020B;
// = &#131595; is U+2020B 𠈋. SheetJS, the reader our own replaced, converts a reference with a 16-bit cut:
// &#131083; → U+000B.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { generate } from '../../bench/generate.mjs';
import { parseWorkbook } from '../sheetjs-reference.js';
import { worksheet, xlsx } from '../zip-helper.js';
import { run, runJson, tempDir } from './helpers.js';

const RARE = '\u{2020B}';
/** The four spellings of the four school names, and the characters they mean. */
const REFERENCES = ['&#131083;', '&#x2000B;', '&#x2020B;', '&#131595;'];
const CHARS = ['\u{2000B}', '\u{2000B}', '\u{2020B}', '\u{2020B}'];
/** Eight schools of one county in the canonical layout, from the bench generator (header, then rows). */
async function table(): Promise<string[][]> {
  const dir = tempDir();
  const { csv } = await generate('t', 8, 1, dir, { xlsx: false, classes: false });
  return readFileSync(csv, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
}
const NAMES = ['乡中心小学', '乡第二小学', '乡第三小学', '乡第四小学'];

/**
 * The table as an .xlsx whose county (&#x2020B;县) and first four school names hold a character above
 * U+FFFF as a reference (REFERENCES), every text cell either a shared string or an inline string.
 */
function workbook(rows: string[][], strings: 'shared' | 'inline'): Buffer {
  const sst: string[] = [];
  const text = (xml: string, ref: string) => {
    if (strings === 'inline') return `<c r="${ref}" t="inlineStr"><is><t>${xml}</t></is></c>`;
    sst.push(`<si><t>${xml}</t></si>`);
    return `<c r="${ref}" t="s"><v>${sst.length - 1}</v></c>`;
  };
  const body = rows
    .map((cells, r) => {
      const xml = cells.map((v, c) => {
        const ref = `${String.fromCharCode(65 + c)}${r + 1}`;
        if (r > 0 && c === 0) return text('&#x2020B;县', ref);
        if (r > 0 && c === 2 && r <= NAMES.length) return text(`${REFERENCES[r - 1]}${NAMES[r - 1]}`, ref);
        // Codes stay text (leading digits kept); other numbers are numbers.
        return r > 0 && c !== 1 && /^\d+$/.test(v) ? `<c r="${ref}"><v>${v}</v></c>` : text(v, ref);
      });
      return `<row r="${r + 1}">${xml.join('')}</row>`;
    })
    .join('');
  const sheet = worksheet(body);
  const sstXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${sst.length}" uniqueCount="${sst.length}">${sst.join('')}</sst>`;
  return xlsx([['学校', sheet]], strings === 'shared' ? { sst: sstXml } : {});
}

/** GB18030 bytes of a string: two-byte codes found by decoding every GBK code, four-byte codes above U+FFFF computed. */
function gb18030(s: string): Buffer {
  const dec = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) table.set(dec.decode(Uint8Array.of(a, b)), [a, b]);
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp > 0xffff) {
      // GB18030's four-byte area for the supplementary planes starts at 0x90308130 (linear 189 000).
      let n = cp - 0x10000 + 189_000;
      const b4 = n % 10;
      n = (n - b4) / 10;
      const b3 = n % 126;
      n = (n - b3) / 126;
      const b2 = n % 10;
      const b1 = (n - b2) / 10;
      out.push(0x81 + b1, 0x30 + b2, 0x81 + b3, 0x30 + b4);
    } else out.push(...table.get(ch)!);
  }
  const bytes = Buffer.from(out);
  if (dec.decode(bytes) !== s) throw new Error('gb18030 encoder');
  return bytes;
}

interface Unit {
  name: string;
  row: number;
}
const namesOf = (json: { counties: { county: string; units: Unit[] }[] }) =>
  json.counties.map((c) => [c.county, c.units.filter((u) => u.row <= 5).sort((a, b) => a.row - b.row)]);
const EXPECTED = [[`${RARE}县`, NAMES.map((n, i) => expect.objectContaining({ name: `${CHARS[i]}${n}`, row: i + 2 }))]];

describe('a name with a character above U+FFFF (issue 11, acceptance 4)', () => {
  for (const strings of ['shared', 'inline'] as const) {
    it(`xlsx, ${strings} strings: &#131083;乡中心小学 reads as "\\u{2000B}乡中心小学" (SheetJS reads "\\u000b乡中心小学"), &#x2020B;县 as "\\u{2020B}县"`, async () => {
      const dir = tempDir();
      const file = join(dir, `rare-${strings}.xlsx`);
      const bytes = workbook(await table(), strings);
      writeFileSync(file, bytes);
      const r = runJson([file]);
      expect(r.status).toBe(0);
      expect(r.json.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
      expect(namesOf(r.json)).toEqual(EXPECTED);
      expect(r.json.counties[0].units.find((u: Unit) => u.row === 2).name).toBe('\u{2000B}乡中心小学');
      expect(r.json.counties[0].units.find((u: Unit) => u.row === 4).name).toBe('\u{2020B}乡第三小学');
      // The text report prints it whole (one character, two columns wide).
      const text = run([file, '--county', `${RARE}县`]);
      expect(text.stdout).toContain(`${RARE}县  结论：`);
      expect(text.stdout).toContain('\u{2000B}乡中心小学');
      expect(text.stdout).toContain('\u{2020B}乡第三小学');
      // What SheetJS made of the same cell: the reason we read .xlsx ourselves.
      const theirs = await parseWorkbook(bytes, file, { maxRows: 100, maxSheets: 10 });
      expect(theirs[0]!.rows[1]!.cells[2]).toBe('\u000b乡中心小学');
    });
  }

  it('csv in UTF-8 and in GB18030 (U+2020B as the four bytes 95 32 B6 39, U+2000B as 95 32 83 37): the same names', async () => {
    const rows = await table();
    for (let r = 1; r < rows.length; r++) rows[r]![0] = `${RARE}县`;
    NAMES.forEach((n, i) => {
      rows[i + 1]![2] = `${CHARS[i]}${n}`;
    });
    const text = `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
    const dir = tempDir();
    const utf8 = join(dir, 'rare-utf8.csv');
    const gb = join(dir, 'rare-gb18030.csv');
    writeFileSync(utf8, text);
    const gbBytes = gb18030(text);
    expect(gbBytes.includes(Buffer.from([0x95, 0x32, 0xb6, 0x39]))).toBe(true);
    expect(gbBytes.includes(Buffer.from([0x95, 0x32, 0x83, 0x37]))).toBe(true);
    writeFileSync(gb, gbBytes);
    for (const args of [[utf8], [gb], [gb, '--encoding', 'gb18030']]) {
      const r = runJson(args);
      expect(r.status).toBe(0);
      expect(namesOf(r.json)).toEqual(EXPECTED);
    }
  });
});
