// End-to-end: the output formats of docs/output.md through the built CLI — json against the committed
// JSON Schema, junit, github workflow commands, the xlsx report, csv and markdown, formula
// neutralisation, and -o. Generated inputs and outputs go to a temp dir, never into the repo.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020Module from 'ajv/dist/2020.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { BAD, BIN, DEMO, ROOT, run, runJson, tempDir } from './helpers.js';

const QUALITY = 'fixtures/quality-county.xlsx';
const BASIC = 'fixtures/basic-county.xlsx';
const SCHEMA_PATH = join(ROOT, 'schema', 'report.schema.json');
const FORMULA_START = /^[=+\-@]/;
const NUMERIC = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

const XLSX_SHEETS = [
  '汇总',
  '差异系数（小学）',
  '达标表（小学）',
  '差异系数（初中）',
  '达标表（初中）',
  '检查',
  '数据问题',
];
const LEVEL_ZH = { primary: '小学', junior: '初中' } as const;
const LEVELS = ['primary', 'junior'] as const;
const YES_NO = (b: boolean | null) => (b === null ? undefined : b ? '达标' : '未达标');

let tmp: string;
let indicatorId: (name: string) => string; // zh indicator name (table headers) → id, from the built profiles
beforeAll(async () => {
  tmp = tempDir();
  const profiles = await import(pathToFileURL(join(ROOT, 'dist', 'profiles', 'index.js')).href);
  const byName = new Map<string, string>();
  for (const id of ['quality-2017', 'basic-2012'])
    for (const d of profiles.builtInProfile(id).indicators) byName.set(d.name.zh, d.id);
  indicatorId = (name) => {
    const id = byName.get(name);
    if (!id) throw new Error(`unknown indicator name ${name}`);
    return id;
  };
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Run the CLI with stdout as bytes (binary xlsx), not a TTY. */
function runBytes(args: string[]): { status: number | null; stdout: Buffer; stderr: string } {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env,
    timeout: 20_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** A sheet as rows of raw values (numbers stay numbers). */
const sheetRows = (ws: XLSX.WorkSheet): any[][] =>
  XLSX.utils.sheet_to_json<any[]>(ws, { header: 1, raw: true, defval: undefined, blankrows: false });

/** Every cell of a workbook. */
function* cells(wb: XLSX.WorkBook): Generator<{ sheet: string; addr: string; cell: XLSX.CellObject }> {
  for (const sheet of wb.SheetNames) {
    const ws = wb.Sheets[sheet]!;
    for (const addr of Object.keys(ws))
      if (!addr.startsWith('!')) yield { sheet, addr, cell: ws[addr] as XLSX.CellObject };
  }
}

/** The xlsx report of `args`, written with -o into the temp dir and read back; the run exits with `code`. */
function xlsxReport(args: string[], name: string, code: number): XLSX.WorkBook {
  const out = join(tmp, name);
  const r = run([...args, '-f', 'xlsx', '-o', out]);
  expect(r.status, r.stderr).toBe(code);
  expect(r.stdout).toBe('');
  return XLSX.read(readFileSync(out));
}

/** A copy of the demo with the 学校名称 of the first four schools replaced. */
const HOSTILE_NAMES = ['=HYPERLINK("http://x","y")', '+1+1', '-2', '@SUM(A1)'];
function hostileDemo(): string {
  const wb = XLSX.read(readFileSync(join(ROOT, DEMO)));
  const rows = sheetRows(wb.Sheets['学校']!);
  const nameCol = rows[0]!.indexOf('学校名称');
  expect(nameCol).toBeGreaterThanOrEqual(0);
  HOSTILE_NAMES.forEach((name, i) => {
    // Rows 2–5 of the sheet: ordinary primary schools of the demo.
    const addr = XLSX.utils.encode_cell({ r: i + 1, c: nameCol });
    wb.Sheets['学校']![addr] = { t: 's', v: name };
  });
  const path = join(tmp, '青山县-formula.xlsx');
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  // The input holds plain strings, not formulas.
  const back = XLSX.read(readFileSync(path));
  HOSTILE_NAMES.forEach((name, i) => {
    const cell = back.Sheets['学校']![XLSX.utils.encode_cell({ r: i + 1, c: nameCol })]!;
    expect(cell.t).toBe('s');
    expect(cell.v).toBe(name);
    expect(cell.f).toBeUndefined();
  });
  return path;
}

// ---------------------------------------------------------------------------------------------

describe('json: validates against the committed JSON Schema', () => {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
  const Ajv2020: any = (Ajv2020Module as any).default ?? Ajv2020Module;
  const validate = new Ajv2020({ allErrors: true }).compile(schema);
  const check = (label: string, json: unknown) => {
    const ok = validate(json);
    expect(ok, `${label}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`).toBe(true);
  };

  it('the committed schema is what schema/generate.mjs writes (reportJsonSchema() of dist/)', async () => {
    const { reportJsonSchema } = await import(pathToFileURL(join(ROOT, 'dist', 'report', 'json-schema.js')).href);
    const generated = reportJsonSchema();
    expect(schema).toEqual(generated);
    // Byte for byte, as the generator writes it.
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(JSON.stringify(generated, null, 2) + '\n');
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('demo, quality, basic-2012, validate, data errors and unreadable files all validate', () => {
    const runs: [string, string[], number][] = [
      ['demo', [DEMO], 1],
      ['quality', [QUALITY], 0],
      ['basic-2012', [BASIC, '--standard', 'basic-2012'], 0],
      ['validate', ['validate', DEMO], 0],
      ['validate with a data error', ['validate', BAD.typeError], 2],
      ['type error', [BAD.typeError], 2],
      ['missing column', [BAD.missingColumn], 2],
      ['unreadable (random bytes)', [BAD.randomBytes], 3],
      ['unreadable + demo', [DEMO, BAD.corruptZip], 3],
      ['english', [DEMO, '--lang', 'en'], 1],
    ];
    for (const [label, args, code] of runs) {
      const r = runJson(args);
      expect(r.status, label).toBe(code);
      expect(r.json.exitCode, label).toBe(r.status);
      check(label, r.json);
    }
  }, 60_000);

  it('the schema rejects a report with a required field missing or mistyped (it is not vacuous)', () => {
    const j = runJson([DEMO]).json;
    const noCounty = structuredClone(j);
    delete noCounty.counties[0].county;
    expect(validate(noCounty)).toBe(false);
    const badCv = structuredClone(j);
    badCv.counties[0].levels[0].indicators[0].cv = 'high';
    expect(validate(badCv)).toBe(false);
    const badVersion = structuredClone(j);
    badVersion.schemaVersion = 2;
    expect(validate(badVersion)).toBe(false);
  });
});

describe('junit', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    isArray: (name) => ['testsuite', 'testcase', 'failure', 'skipped'].includes(name),
  });

  /** failures = binding checks not met + county items not met, per county, + inputs not ok. */
  function expectedFailures(j: any): number {
    let n = 0;
    for (const c of j.counties) {
      n += c.checks.filter((ch: any) => ch.binding && ch.pass === false).length;
      for (const p of c.parts ?? []) n += p.items.filter((i: any) => i.source === 'sheet' && i.pass === false).length;
    }
    return n + j.inputs.filter((i: any) => i.status !== 'ok').length;
  }

  function parsed(args: string[]): { xml: any; json: any } {
    const r = run([...args, '--format', 'junit']);
    expect(XMLValidator.validate(r.stdout), r.stdout.slice(0, 300)).toBe(true);
    return { xml: parser.parse(r.stdout), json: runJson(args).json };
  }

  it('demo: failures attribute = <failure> elements = binding checks failed; the failing cases are the five rules', () => {
    const { xml, json } = parsed([DEMO]);
    const suites = xml.testsuites.testsuite as any[];
    const cases = suites.flatMap((s) => s.testcase ?? []);
    const failing = cases.filter((c) => c.failure);
    const failureElements = failing.reduce((n, c) => n + c.failure.length, 0);
    expect(Number(xml.testsuites['@_failures'])).toBe(failureElements);
    expect(Number(xml.testsuites['@_tests'])).toBe(cases.length);
    expect(failureElements).toBe(expectedFailures(json));
    const county = suites.find((s) => s['@_name'] === '青山县');
    expect(county).toBeDefined();
    const names = (county.testcase as any[]).filter((c) => c.failure).map((c) => c['@_name']);
    expect(names.sort()).toEqual(['class-size', 'cv', 'per-school', 'school-size', 'special-rooms'].sort());
    for (const s of suites) {
      expect(Number(s['@_failures'])).toBe((s.testcase ?? []).filter((c: any) => c.failure).length);
      expect(Number(s['@_tests'])).toBe((s.testcase ?? []).length);
    }
  });

  it('several inputs with data errors and an unreadable file: the same arithmetic holds', () => {
    const { xml, json } = parsed([DEMO, QUALITY, BAD.typeError, BAD.randomBytes]);
    const suites = xml.testsuites.testsuite as any[];
    const cases = suites.flatMap((s) => s.testcase ?? []);
    const failureElements = cases.reduce((n, c) => n + (c.failure?.length ?? 0), 0);
    expect(Number(xml.testsuites['@_failures'])).toBe(failureElements);
    expect(failureElements).toBe(expectedFailures(json));
    // The data suite: one case per file, failing for the data error and the unreadable file.
    const data = suites.find((s) => s['@_name'] === 'data');
    expect(data.testcase.map((c: any) => c['@_name'])).toEqual([DEMO, QUALITY, BAD.typeError, BAD.randomBytes]);
    expect(data.testcase.filter((c: any) => c.failure).map((c: any) => c['@_name'])).toEqual([
      BAD.typeError,
      BAD.randomBytes,
    ]);
    // The passing county has no failure.
    const quality = suites.find((s) => s['@_name'] === '清河县');
    expect(Number(quality['@_failures'])).toBe(0);
  });
});

describe('github workflow commands', () => {
  const COMMAND = /^::(error|warning|notice)( [a-z]+=[^,:]*(,[a-z]+=[^,:]*)*)?::.*$/;
  const expectWellFormed = (out: string) => {
    expect(out.endsWith('\n')).toBe(true);
    const lines = out.slice(0, -1).split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      expect(l, 'workflow-command syntax').toMatch(COMMAND);
      expect(l).not.toContain('\r');
      // The data part: '%' only as the start of an escape.
      const data = l.slice(l.indexOf('::', 2) + 2);
      expect(data, 'unescaped % in data').not.toMatch(/%(?!25|0D|0A)/);
    }
    return lines;
  };

  it('demo: every line is a workflow command, the failing county is an error, a notice summary ends it', () => {
    const r = run([DEMO, '--format', 'github']);
    expect(r.status).toBe(1);
    const lines = expectWellFormed(r.stdout);
    expect(lines.some((l) => l.startsWith('::error ') && l.includes('青山县'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^::notice title=balance-check::/);
  });

  it('a data error → ::error file=fixtures/bad/type-error.xlsx,line=4,… and a ::notice summary line', () => {
    const r = run([BAD.typeError, '--format', 'github']);
    expect(r.status).toBe(2);
    const lines = expectWellFormed(r.stdout);
    const err = lines.filter((l) => l.startsWith(`::error file=${BAD.typeError},line=4,`));
    expect(err).toHaveLength(1);
    expect(err[0]).toContain('三百');
    expect(lines.filter((l) => /^::notice title=balance-check::/.test(l))).toHaveLength(1);
  });

  it('property values are escaped (, : %) and so is % in the data', () => {
    // A data error and an unreadable file whose names hold the characters to escape.
    const dataErr = join(tmp, 'a,b:c%d.xlsx');
    const unreadable = join(tmp, 'x,y:z%w.xlsx');
    copyFileSync(join(ROOT, BAD.typeError), dataErr);
    copyFileSync(join(ROOT, BAD.randomBytes), unreadable);
    const esc = (s: string) => s.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/,/g, '%2C');
    const r = run([dataErr, unreadable, '--format', 'github']);
    expect(r.status).toBe(3);
    const lines = expectWellFormed(r.stdout);
    expect(lines.some((l) => l.startsWith(`::error file=${esc(dataErr)},line=4,`))).toBe(true);
    expect(lines.some((l) => l.startsWith(`::error file=${esc(unreadable)},`))).toBe(true);
    expect(lines.at(-1)).toMatch(/^::notice title=balance-check::/);
  });
});

describe('xlsx report', () => {
  it('has the official sheets; 差异系数 and 达标表 numbers equal the JSON exactly', () => {
    const wb = xlsxReport([DEMO], 'r.xlsx', 1);
    expect(wb.SheetNames).toEqual(XLSX_SHEETS);
    const j = runJson([DEMO]).json;
    const county = j.counties[0];
    expect(county.county).toBe('青山县');

    for (const level of LEVELS) {
      const jl = county.levels.find((l: any) => l.level === level);
      // 差异系数（小学/初中）: one row of county means, one of CVs, indicators across.
      const cv = sheetRows(wb.Sheets[`差异系数（${LEVEL_ZH[level]}）`]!);
      const head = cv[0]!;
      const meanRow = cv.find((r) => r[0] === '青山县' && r[1] === '全县平均值');
      const cvRow = cv.find((r) => r[0] === '青山县' && r[1] === '差异系数');
      expect(meanRow, `${level} 全县平均值`).toBeDefined();
      expect(cvRow, `${level} 差异系数`).toBeDefined();
      let compared = 0;
      for (let c = 2; c < head.length - 1; c++) {
        const ind = jl.indicators.find((i: any) => i.id === indicatorId(head[c]));
        expect(ind, `${level} ${head[c]}`).toBeDefined();
        expect(meanRow![c], `${level} mean of ${ind.id}`).toBe(ind.mean ?? undefined);
        expect(cvRow![c], `${level} cv of ${ind.id}`).toBe(ind.cv ?? undefined);
        compared++;
      }
      expect(compared).toBe(jl.indicators.length);

      // 达标表: one row per unit × indicator.
      const ws = wb.Sheets[`达标表（${LEVEL_ZH[level]}）`]!;
      const rows = sheetRows(ws);
      const h = rows[0]!;
      const col = (name: string) => {
        const i = h.indexOf(name);
        expect(i, `column ${name}`).toBeGreaterThanOrEqual(0);
        return i;
      };
      const [cCode, cInd, cStd, cFloor, cVal, cMet] = [
        '学校代码',
        '指标',
        '基本值',
        '达标值',
        '实际值',
        '是否达标',
      ].map(col) as number[];
      const units = county.units.filter((u: any) => u.level === level);
      const body = rows.slice(1);
      expect(body).toHaveLength(units.reduce((n: number, u: any) => n + u.indicators.length, 0));
      for (const row of body) {
        const unit = units.find((u: any) => u.code === row[cCode!]);
        expect(unit, `unit ${row[cCode!]}`).toBeDefined();
        const ind = unit.indicators.find((i: any) => i.id === indicatorId(row[cInd!]));
        expect(ind).toBeDefined();
        expect(row[cVal!], `${unit.code} ${ind.id} 实际值`).toBe(ind.value ?? undefined);
        expect(row[cStd!], `${unit.code} ${ind.id} 基本值`).toBe(ind.standard ?? undefined);
        expect(row[cFloor!], `${unit.code} ${ind.id} 达标值`).toBe(ind.floor ?? undefined);
        expect(row[cMet!], `${unit.code} ${ind.id} 是否达标`).toBe(YES_NO(ind.met));
      }
      // Numbers are number cells, not text.
      const range = XLSX.utils.decode_range(ws['!ref']!);
      for (let r = 1; r <= range.e.r; r++) {
        const v = ws[XLSX.utils.encode_cell({ r, c: cVal! })];
        if (v) expect(v.t).toBe('n');
      }
    }
    // 汇总 lists the county; 检查 one row per check.
    expect(
      sheetRows(wb.Sheets['汇总']!)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['青山县']);
    expect(sheetRows(wb.Sheets['检查']!).slice(1)).toHaveLength(county.checks.length);
  });
});

describe('csv and markdown', () => {
  // issue 13: every section of the report (src/render/sections/build.ts), titled by county and level.
  const TITLES = [
    '青山县 各项检查',
    '青山县 小学 校际差异系数',
    '青山县 小学 学校达标表',
    '青山县 初中 校际差异系数',
    '青山县 初中 学校达标表',
    '青山县 班额',
    '青山县 超标准班额学校',
    '青山县 学校规模',
    '青山县 音乐美术专用教室',
    '青山县 生师比',
    '青山县 县域指标',
    '青山县 不参评学校',
    '数据问题',
    '读取说明',
  ];

  /** csv sections: title → [head, ...rows, ...notes], split at the blank lines. */
  function csvSections(text: string): Map<string, string[][]> {
    const records: string[][] = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
    const sections = new Map<string, string[][]>();
    let current: string[][] | null = null;
    for (const r of records) {
      if (r.length === 1 && r[0] === '') {
        current = null;
        continue;
      }
      if (current === null) {
        expect(r, 'a section starts with its title alone').toHaveLength(1);
        current = [];
        sections.set(r[0]!, current);
      } else current.push(r);
    }
    return sections;
  }

  it('csv: UTF-8 BOM, parses, has the section titles, one row per unit in the 达标表', () => {
    const r = run([DEMO, '--format', 'csv']);
    expect(r.status).toBe(1);
    expect(r.stdout.startsWith('\uFEFF')).toBe(true);
    expect(r.stdout).toContain('\r\n');
    const sections = csvSections(r.stdout);
    expect([...sections.keys()]).toEqual(TITLES);
    const county = runJson([DEMO]).json.counties[0];
    for (const level of LEVELS) {
      const [head, ...rest] = sections.get(`青山县 ${LEVEL_ZH[level]} 学校达标表`)!;
      const group = '生均教学及辅助用房面积（平方米）';
      expect(head).toEqual(
        expect.arrayContaining(['基本值', '达标值', '实际值', '学生数', '是否达标'].map((h) => `${group}·${h}`)),
      );
      const rows = rest.filter((x) => x.length > 1);
      const units = county.units.filter((u: any) => u.level === level);
      expect(rows).toHaveLength(units.length);
      for (const row of rows) expect(row).toHaveLength(head!.length);
      // The CV row round-trips to the JSON's numbers.
      const [cvHead, ...cvRows] = sections.get(`青山县 ${LEVEL_ZH[level]} 校际差异系数`)!;
      const cvRow = cvRows.find((x) => x[1] === '差异系数')!;
      const jl = county.levels.find((l: any) => l.level === level);
      for (let c = 2; c < cvHead!.length - 1; c++) {
        const ind = jl.indicators.find((i: any) => i.id === indicatorId(cvHead![c]!.replace(/（[^（]*）$/, '')));
        expect(cvRow[c] === '' ? null : Number(cvRow[c])).toBe(ind.cv);
      }
    }
    expect(
      sections
        .get('青山县 各项检查')!
        .filter((x) => x.length > 1)
        .slice(1),
    ).toHaveLength(county.checks.length);
  });

  it('markdown: "## " sections, every table row has as many cells as its header', () => {
    const r = run([DEMO, '--format', 'markdown']);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    const headings = lines.filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
    expect(headings).toEqual(TITLES);
    const cellCount = (l: string) => l.split(/(?<!\\)\|/).length - 2;
    let tables = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.startsWith('|') || lines[i - 1]?.startsWith('|')) continue;
      // A table starts here: header, separator, rows.
      tables++;
      const n = cellCount(lines[i]!);
      expect(lines[i + 1]).toMatch(/^\|( ---:? \|)+$/);
      for (let k = i + 1; k < lines.length && lines[k]!.startsWith('|'); k++) {
        expect(lines[k]!.endsWith('|'), lines[k]).toBe(true);
        expect(cellCount(lines[k]!), lines[k]).toBe(n);
      }
    }
    // Every section of the demo has rows.
    expect(tables).toBe(headings.length);
    const county = runJson([DEMO]).json.counties[0];
    // One row per primary unit, up to the next section.
    const from = lines.indexOf('## 青山县 小学 学校达标表');
    const to = lines.findIndex((l, i) => i > from && l.startsWith('## '));
    const primaryRows = lines.slice(from, to).filter((l) => /^\| \d+ \| /.test(l));
    expect(primaryRows).toHaveLength(county.units.filter((u: any) => u.level === 'primary').length);
    expect(primaryRows).toHaveLength(19);
  });
});

describe('formula neutralisation (csv and xlsx)', () => {
  it('school names starting with = + - @ start with an apostrophe; numbers stay numbers', () => {
    const input = hostileDemo();
    const expected = HOSTILE_NAMES.map((n) => `'${n}`);

    // csv: no field starts with = + - @ unless it is a number.
    const c = run([input, '--format', 'csv']);
    expect(c.status).toBe(1);
    const records: string[][] = parseCsv(c.stdout, { bom: true, relax_column_count: true });
    const fields = records.flat();
    for (const name of expected) expect(fields, `csv has ${name}`).toContain(name);
    const raw = fields.filter((f) => FORMULA_START.test(f) && !NUMERIC.test(f));
    expect(raw, 'csv fields a spreadsheet would run').toEqual([]);
    for (const name of HOSTILE_NAMES) expect(fields).not.toContain(name);

    // xlsx: no formula cells; no text cell starts with = + - @; the names carry the apostrophe.
    const wb = xlsxReport([input], 'formula.xlsx', 1);
    const texts: string[] = [];
    for (const { sheet, addr, cell } of cells(wb)) {
      expect(cell.f, `${sheet}!${addr} is a formula`).toBeUndefined();
      if (cell.t === 's') {
        texts.push(String(cell.v));
        expect(String(cell.v), `${sheet}!${addr}`).not.toMatch(FORMULA_START);
      }
    }
    for (const name of expected) expect(texts, `xlsx has ${name}`).toContain(name);
    // The names are in the 达标表, with their numbers as number cells.
    const ws = wb.Sheets['达标表（小学）']!;
    const rows = sheetRows(ws);
    const h = rows[0]!;
    const nameCol = h.indexOf('学校名称');
    for (const name of expected) {
      const mine = rows.filter((r) => r[nameCol] === name);
      expect(mine, name).toHaveLength(7); // one row per indicator
      for (const r of mine) {
        for (const col of ['学生数', '基本值', '达标值', '实际值']) {
          const v = r[h.indexOf(col)];
          if (v !== undefined) expect(typeof v, `${name} ${col}`).toBe('number');
        }
      }
    }
  });
});

describe('-o FILE for every format, and xlsx on a non-TTY stdout', () => {
  it('writes the file atomically (no temp files left), nothing to stdout, same content as stdout', () => {
    const dir = join(tmp, 'out');
    mkdirSync(dir);
    const formats = ['text', 'json', 'csv', 'markdown', 'junit', 'github', 'xlsx'] as const;
    const written: string[] = [];
    for (const format of formats) {
      const target = join(dir, `report.${format}`);
      writeFileSync(target, 'an older report that must be replaced\n');
      const toFile = run([DEMO, '--format', format, '-o', target]);
      expect(toFile.status, `${format}: ${toFile.stderr}`).toBe(1);
      expect(toFile.stdout, format).toBe('');
      expect(toFile.stderr, format).toBe('');
      written.push(`report.${format}`);
      const bytes = readFileSync(target);
      if (format === 'xlsx') {
        expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
        expect(XLSX.read(bytes).SheetNames).toEqual(XLSX_SHEETS);
      } else {
        const toStdout = run([DEMO, '--format', format]);
        expect(bytes.toString('utf8'), format).toBe(toStdout.stdout);
      }
      expect(readdirSync(dir).sort(), `after ${format}`).toEqual([...written].sort());
    }
  }, 60_000);

  it('-f xlsx without -o, stdout not a TTY: the binary workbook on stdout', () => {
    const r = runBytes([DEMO, '-f', 'xlsx']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(XLSX.read(r.stdout).SheetNames).toEqual(XLSX_SHEETS);
  });
});
