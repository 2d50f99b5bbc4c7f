// Issue 9, output safety, at the renderer level: names holding what no file reader would let through
// (NUL, lone surrogates, U+FFFE) still give well-formed XML, inert markdown, clean terminal text.
import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import * as XLSX from 'xlsx';
import { assess } from '../src/assess.js';
import { builtInProfile } from '../src/profiles/index.js';
import type { Report } from '../src/report/schema.js';
import { renderJunit } from '../src/render/junit.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { renderCsv } from '../src/render/csv.js';
import { renderGithub } from '../src/render/github.js';
import { renderText, renderValidation } from '../src/render/text.js';
import { renderXlsx } from '../src/render/xlsx.js';
import { renderJson } from '../src/render/json.js';
import { displayWidth, markdownEscape, stripControls, terminalSafe, truncate, xmlEscape } from '../src/render/safe.js';
import { FatalError } from '../src/findings.js';
import { fatalMessage } from '../src/i18n/messages.js';

const profile = builtInProfile('quality-2017');
/** Every C0 control (NUL too), DEL, C1, lone surrogates both ways, the two non-characters, XML's specials. */
const EVERY =
  [
    ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
    '\x7f',
    ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)),
  ].join('') + '\ud800x\udfff\ufffe\uffff&<>"\']]>';
/** XML 1.0's Char production: anything else makes a document not well-formed. */
const XML_CHARS = /^[\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;
const TERMINAL_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;

const CSV = [
  '学校代码,学校名称,学校类型,在校生数,专任教师数,高于规定学历教师数,县级以上骨干教师数,体育专任教师数,音乐专任教师数,美术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数,班级数,音乐专用教室数,美术专用教室数',
  '3301000001,第一小学,小学,600,40,30,7,3,2,2,3000,5400,1500000,15,14,2,2',
  '3301000002,第二小学,小学,720,46,36,8,3,3,2,3500,6200,abc,18,16,2,2',
  '3301000003,第三小学,小学,540,36,27,6,3,2,2,2700,4900,1400000,14,12,1,1',
].join('\n');

/** The report of a small county, then every occurrence of the plain names replaced by hostile ones. */
async function hostileReport(names: Record<string, string>): Promise<Report> {
  const report = await assess([{ path: '示例县.csv', bytes: Buffer.from(CSV) }], { profile, lang: 'zh' });
  const swap = (v: unknown): unknown => {
    if (typeof v === 'string') return Object.entries(names).reduce((s, [from, to]) => s.split(from).join(to), v);
    if (Array.isArray(v)) return v.map(swap);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]));
    return v;
  };
  return swap(report) as Report;
}

describe('safe text helpers', () => {
  it('strips CSI, OSC (BEL or ST), DCS, 8-bit CSI, two-character escapes, BEL and NUL; keeps text', () => {
    expect(stripControls('a\x1b[31mred\x1b[0m')).toBe('ared');
    expect(stripControls('x\x1b]0;title\x07y')).toBe('xy');
    expect(stripControls('x\x1b]8;;http://e\x1b\\link\x1b]8;;\x1b\\y')).toBe('xlinky');
    expect(stripControls('x\x1bPq#0\x1b\\y')).toBe('xy');
    expect(stripControls('x\x9b2Jy\x9d0;t\x9cz')).toBe('xyz');
    expect(stripControls('x\x1bcy\x1b(Bz')).toBe('xyz');
    expect(stripControls('\x07a\x00b\x7f\x85c')).toBe('abc');
    expect(stripControls('tab\there\r\nline')).toBe('tab\there\r\nline');
    expect(terminalSafe('tab\there\r\nline')).toBe('tab here  line');
    expect(stripControls('青山县 第一小学')).toBe('青山县 第一小学');
  });

  it('an unterminated OSC is removed to the end of the value', () => {
    expect(stripControls('ok\x1b]0;never ends')).toBe('ok');
  });

  it('truncates by display width (CJK = 2 columns), with an ellipsis only when cut', () => {
    expect(truncate('长'.repeat(30), 40)).toBe('长'.repeat(19) + '…');
    expect(displayWidth(truncate('长'.repeat(30), 40))).toBe(39);
    expect(truncate('长'.repeat(20), 40)).toBe('长'.repeat(20));
    expect(truncate('x'.repeat(40), 40)).toBe('x'.repeat(40));
    expect(truncate('x'.repeat(41), 40)).toBe('x'.repeat(39) + '…');
    const t0 = Date.now();
    expect(truncate('长'.repeat(2 ** 20), 40).length).toBe(20);
    expect(Date.now() - t0).toBeLessThan(100);
  });

  it('xmlEscape gives XML 1.0 characters only, for every UTF-16 code unit', () => {
    const all = Array.from({ length: 0x10000 }, (_, i) => String.fromCharCode(i)).join('');
    const e = xmlEscape(all);
    expect(e).toMatch(XML_CHARS);
    expect(XMLValidator.validate(`<a b="${e}">${e}</a>`)).toBe(true);
  });

  it('markdownEscape: one line, pipes and backslashes escaped, HTML inert', () => {
    expect(markdownEscape('a|b\\c\r\nd<script>&')).toBe('a\\|b\\\\c  d&lt;script&gt;&amp;');
  });

  it('fatal messages strip control sequences from their parameters and cut long ones', () => {
    const m = fatalMessage(new FatalError('file-not-found', { file: 'x\x1b]0;pwned\x07\x1b[2Jy.xlsx' }), 'zh');
    expect(m).toBe('文件不存在：xy.xlsx');
    expect(fatalMessage(new FatalError('file-not-found', { file: 'x'.repeat(10_000) }), 'en').length).toBeLessThan(400);
    expect(fatalMessage(new Error('bad \x1b[2J thing'), 'en')).toBe('Internal error: bad  thing (please report it)');
  });
});

describe('renderers with hostile names', () => {
  const names = {
    示例县: `县${EVERY}`,
    第一小学: `<script>alert(1)</script>|x;=1+1\r\n${EVERY}`,
    第二小学: '\x1b]0;pwned\x07\x1b[2J第二',
  };

  it('junit: well-formed, XML 1.0 characters only', async () => {
    const xml = renderJunit(await hostileReport(names));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(XML_CHARS);
    expect(xml).not.toContain('<script>');
  });

  it('markdown: every table row whole, nothing a terminal or HTML viewer acts on', async () => {
    const md = renderMarkdown(await hostileReport(names), profile);
    expect(md).not.toMatch(TERMINAL_CONTROL);
    expect(md).not.toMatch(/\r|<script>/);
    expect(md).toMatch(XML_CHARS);
    for (const line of md.split('\n').filter((l) => l.startsWith('|'))) expect(line.endsWith('|'), line).toBe(true);
  });

  it('csv: cells with ; or CR/LF quoted, formulas neutralised, no terminal controls', async () => {
    const csv = renderCsv(await hostileReport(names), profile);
    expect(csv).not.toMatch(TERMINAL_CONTROL);
    expect(csv).toContain('"<script>alert(1)</script>|x;=1+1\r\n');
    const report = await hostileReport({ 第一小学: '=1+1', 第三小学: 'x;=1+1' });
    const plain = renderCsv(report, profile);
    expect(plain).toContain(`"'=1+1"`);
    expect(plain).toContain('"x;=1+1"');
  });

  it('github: no control characters', async () => {
    expect(renderGithub(await hostileReport(names))).not.toMatch(TERMINAL_CONTROL);
  });

  it('text with colours: only our SGR colour codes, nothing from the data', async () => {
    const report = await hostileReport(names);
    for (const out of [renderText(report, profile, { color: true }), renderValidation(report, { color: true })]) {
      expect(out).toMatch(/\x1b\[\d+m/);
      expect(out.replace(/\x1b\[\d+m/g, '')).not.toMatch(TERMINAL_CONTROL);
    }
  });

  it('xlsx: SheetJS reads the workbook back, cells hold XML characters only', async () => {
    const wb = XLSX.read(await renderXlsx(await hostileReport(names), profile));
    for (const s of wb.SheetNames) {
      for (const [addr, cell] of Object.entries(wb.Sheets[s]!))
        if (!addr.startsWith('!') && typeof cell.v === 'string') expect(cell.v).toMatch(XML_CHARS);
    }
  });

  it('json: C1 controls and DEL escaped, the values unchanged', async () => {
    const report = await hostileReport(names);
    const json = renderJson(report);
    expect(json).not.toMatch(TERMINAL_CONTROL);
    expect(JSON.parse(json).counties[0].county).toBe(`县${EVERY}`);
  });
});

describe('long values in text output', () => {
  it('a finding echoing a 1 MiB value shows at most 80 columns of it', async () => {
    const long = 'x'.repeat(2 ** 20);
    const report = await hostileReport({ abc: long });
    const f = report.findings.find((x) => x.code === 'type-error')!;
    expect(f.message).toContain(long);
    const text = renderText(report, profile, { color: false });
    const line = text.split('\n').find((l) => l.includes('[type-error]'))!;
    expect(line).toContain('x'.repeat(79) + '…');
    expect(line.length).toBeLessThan(300);
  });
});
