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
  '检查',
  '差异系数（小学）',
  '城乡（小学）', // issue 14: the demo has the 城乡 column
  '达标表（小学）',
  '差异系数（初中）',
  '城乡（初中）',
  '达标表（初中）',
  '班额',
  '超标准班额学校',
  '学校规模',
  '音乐美术专用教室',
  '生师比',
  '县域指标',
  '不参评学校',
  '数据问题',
  '读取说明',
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
    // Each of the county's cases names the workbook it was read from.
    for (const c of county.testcase as any[]) expect(c['@_file']).toBe(DEMO);
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
    expect(lines.some((l) => l.startsWith(`::error file=${DEMO},title=`) && l.includes('青山县'))).toBe(true);
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
  // issue 13: the official layouts (sections): a title and heading above each block; 差异系数 as 序号 | 项目 |
  // indicators with 全县平均值 / 标准差 / 差异系数 rows; 达标表 one row per unit, six columns under each indicator.
  const stripUnit = (head: string) => head.replace(/（[^（）]*）$/, '');
  /** The indicator a group header names, if any (序号, 学校 … name none). */
  const idOf = (head: string | undefined) => {
    try {
      return head === undefined ? undefined : indicatorId(stripUnit(head));
    } catch {
      return undefined;
    }
  };
  it('has the official sheets; 差异系数 and 达标表 numbers equal the JSON exactly', () => {
    const wb = xlsxReport([DEMO], 'r.xlsx', 1);
    expect(wb.SheetNames).toEqual(XLSX_SHEETS);
    const j = runJson([DEMO]).json;
    const county = j.counties[0];
    expect(county.county).toBe('青山县');

    for (const level of LEVELS) {
      const jl = county.levels.find((l: any) => l.level === level);
      const cv = sheetRows(wb.Sheets[`差异系数（${LEVEL_ZH[level]}）`]!);
      const head = cv.find((r) => r[1] === '项目')!;
      const meanRow = cv.find((r) => r[1] === '全县平均值');
      const cvRow = cv.find((r) => r[1] === '差异系数');
      expect(meanRow, `${level} 全县平均值`).toBeDefined();
      expect(cvRow, `${level} 差异系数`).toBeDefined();
      let compared = 0;
      for (let c = 2; c < head.length - 1; c++) {
        const ind = jl.indicators.find((i: any) => i.id === indicatorId(stripUnit(head[c])));
        expect(ind, `${level} ${head[c]}`).toBeDefined();
        expect(meanRow![c], `${level} mean of ${ind.id}`).toBe(ind.mean ?? undefined);
        expect(cvRow![c], `${level} cv of ${ind.id}`).toBe(ind.cv ?? undefined);
        compared++;
      }
      expect(compared).toBe(jl.indicators.length);

      // 达标表: a group row (indicator), a header row (基本值 …), then one row per unit.
      const ws = wb.Sheets[`达标表（${LEVEL_ZH[level]}）`]!;
      const rows = sheetRows(ws);
      const g = rows.findIndex((r) => r[0] === '序号');
      const groups: string[] = [];
      // A group's name is in its first column only (the rest are merged into it).
      for (let c = 0; c < rows[g + 1]!.length; c++) groups[c] = rows[g]![c] ?? groups[c - 1]!;
      const sub = rows[g + 1]!;
      const col = (indicator: string, name: string) => {
        const c = sub.findIndex((v, k) => v === name && idOf(groups[k]) === indicator);
        expect(c, `${indicator} ${name}`).toBeGreaterThanOrEqual(0);
        return c;
      };
      const cCode = rows[g]!.indexOf('学校代码');
      const units = county.units.filter((u: any) => u.level === level);
      // Data rows carry their 序号; the notes under the table do not.
      const end = rows.findIndex((r, i) => i > g + 1 && typeof r[0] !== 'number');
      const body = rows.slice(g + 2, end < 0 ? undefined : end);
      expect(body).toHaveLength(units.length);
      for (const row of body) {
        const unit = units.find((u: any) => u.code === row[cCode]);
        expect(unit, `unit ${row[cCode]}`).toBeDefined();
        for (const ind of unit.indicators) {
          expect(row[col(ind.id, '实际值')], `${unit.code} ${ind.id} 实际值`).toBe(ind.value ?? undefined);
          expect(row[col(ind.id, '基本值')], `${unit.code} ${ind.id} 基本值`).toBe(ind.floor ?? undefined);
          expect(row[col(ind.id, '达标值')], `${unit.code} ${ind.id} 达标值`).toBe(ind.standard ?? undefined);
          expect(row[col(ind.id, '是否达标')], `${unit.code} ${ind.id} 是否达标`).toBe(YES_NO(ind.met));
        }
      }
      // Numbers are number cells, not text.
      const cVal = col(units[0].indicators[0].id, '实际值');
      for (const row of body) expect(typeof row[cVal], String(row[1])).toBe('number');
    }
    // One county: no 汇总 sheet; 检查 one row per check.
    const checks = sheetRows(wb.Sheets['检查']!);
    const h = checks.findIndex((r) => r[0] === '检查');
    expect(checks.slice(h + 1).filter((r) => r[0] !== undefined && r[1] !== undefined)).toHaveLength(
      county.checks.length,
    );
  });
});

describe('formula neutralisation (csv and xlsx)', () => {
  it('school names starting with = + - @ start with an apostrophe in csv, as typed strings in xlsx; numbers stay numbers', () => {
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

    // xlsx (issue 13): no formula cells; text cells are typed strings, so the names are written as they are,
    // without the apostrophe a CSV needs.
    const wb = xlsxReport([input], 'formula.xlsx', 1);
    const texts: string[] = [];
    for (const { sheet, addr, cell } of cells(wb)) {
      expect(cell.f, `${sheet}!${addr} is a formula`).toBeUndefined();
      if (cell.t === 's') {
        texts.push(String(cell.v));
        expect(String(cell.v), `${sheet}!${addr}`).not.toMatch(/^'/);
      }
    }
    for (const name of HOSTILE_NAMES) expect(texts, `xlsx has ${name}`).toContain(name);
    // The names are in the 达标表, one row each, with their numbers as number cells.
    const ws = wb.Sheets['达标表（小学）']!;
    const rows = sheetRows(ws);
    const h = rows.find((r) => r[0] === '序号')!;
    const nameCol = h.indexOf('学校');
    for (const name of HOSTILE_NAMES) {
      const mine = rows.filter((r) => r[nameCol] === name);
      expect(mine, name).toHaveLength(1); // one row per unit
      const numbers = mine[0]!.filter((v) => typeof v === 'number');
      expect(numbers.length, `${name}: number cells`).toBeGreaterThan(7 * 4);
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
