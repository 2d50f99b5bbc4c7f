// End-to-end: `template`, `validate`, planted errors, mappings, hostile files and hostile names.
// Built CLI as a subprocess (helpers.ts); the prototype check also runs the library in-process.
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { assess } from '../../src/index.js';
import { DEMO, ROOT, expectOneLineNoStack, run, runJson, tempDir } from './helpers.js';

const M = 'fixtures/messy';
const PLANTED = `${M}/planted-errors.xlsx`;
const UNKNOWN = `${M}/demo-unknown-layout.xlsx`;
const UNKNOWN_MAPPING = `${M}/demo-unknown-layout.columns.json`;

const readBook = (path: string) => XLSX.read(readFileSync(path), { type: 'buffer' });
const aoa = (ws: XLSX.WorkSheet): any[][] =>
  XLSX.utils.sheet_to_json(ws, { header: 1, raw: true, defval: null, blankrows: true });

/** A JSON value without the `file` fields (which name the input), for comparing two inputs' results. */
const withoutFile = (v: unknown) => JSON.parse(JSON.stringify(v), (k, x) => (k === 'file' ? undefined : x));

describe('balance-check template', () => {
  it('writes 学校, 班级, 县域指标, 说明 and 示例; the data sheets are blank, so the untouched template is no data (exit 2)', () => {
    const dir = tempDir();
    const out = join(dir, 't.xlsx');
    const r = run(['template', '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    const wb = readBook(out);
    for (const s of ['学校', '班级', '县域指标', '说明', '示例']) expect(wb.SheetNames).toContain(s);
    expect(aoa(wb.Sheets['学校']!)).toHaveLength(1);
    expect(aoa(wb.Sheets['班级']!)).toHaveLength(1);
    // 县域指标: item names, no value (examples at the thresholds used to pass 政府保障程度 17/17).
    const items = aoa(wb.Sheets['县域指标']!);
    // A header and the 24 items that take a value: quality-2017's 27 less the 3 computed from the data.
    expect(items).toHaveLength(25);
    for (const row of items.slice(1)) expect(row[1] ?? null).toBeNull();
    const v = runJson(['validate', out]);
    expect(v.status).toBe(2);
    expect(
      v.json.findings.filter((f: any) => f.severity === 'error').map((f: any) => [f.code, f.sheet, f.row]),
    ).toEqual([['no-schools', '学校', 1]]);
  });

  it('--standard basic-2012: a workbook that validates against basic-2012', () => {
    const dir = tempDir();
    const out = join(dir, 't.xlsx');
    const r = run(['template', '--standard', 'basic-2012', '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    const wb = readBook(out);
    for (const s of ['学校', '班级', '说明']) expect(wb.SheetNames).toContain(s);
    // basic-2012 needs 计算机台数, 图书册数 and 中级及以上职称教师数.
    const header = aoa(wb.Sheets['学校']!)[0]!;
    for (const h of ['计算机台数', '图书册数', '中级及以上职称教师数']) expect(header).toContain(h);
    const v = run(['validate', out, '--standard', 'basic-2012']);
    expect(v.status, v.stdout + v.stderr).toBe(2);
    expect(v.stdout).toContain('[no-schools]');
  });

  it('the template filled with the demo data gives the demo results (its 县域指标, 说明 and 示例 sheets left as they are)', () => {
    const dir = tempDir();
    const tpl = join(dir, 't.xlsx');
    expect(run(['template', '-o', tpl]).status).toBe(0);
    const template = readBook(tpl);
    const demo = readBook(join(ROOT, DEMO));
    // The template workbook itself, its 学校 and 班级 sheets filled in below their headers.
    const filled = template;
    for (const sheet of ['学校', '班级']) {
      const header = aoa(template.Sheets[sheet]!)[0]!.map(String);
      const [demoHeader, ...demoRows] = aoa(demo.Sheets[sheet]!);
      // The template has every column the demo uses.
      for (const h of demoHeader!) expect(header, `${sheet} template lacks ${h}`).toContain(h);
      const rows = demoRows.map((r) =>
        header.map((h) => {
          const i = demoHeader!.indexOf(h);
          return i < 0 ? null : (r[i] ?? null);
        }),
      );
      filled.Sheets[sheet] = XLSX.utils.aoa_to_sheet([header, ...rows]);
    }
    expect(filled.SheetNames).toEqual(expect.arrayContaining(['县域指标', '说明', '示例']));
    const path = join(dir, 'filled.xlsx');
    writeFileSync(path, XLSX.write(filled, { type: 'buffer', bookType: 'xlsx' }));

    const a = runJson([path]);
    const d = runJson([DEMO]);
    expect(a.status).toBe(d.status);
    expect(a.json.findings.filter((f: any) => f.severity === 'error')).toEqual([]);
    expect(a.json.counties).toHaveLength(1);
    expect(withoutFile(a.json.counties)).toEqual(withoutFile(d.json.counties));
  });
});

describe('balance-check validate', () => {
  it('planted-errors.xlsx: exit 2 and exactly the 5 planted ERROR findings', () => {
    const r = runJson(['validate', PLANTED]);
    expect(r.status).toBe(2);
    expect(r.json.exitCode).toBe(2);
    const errors = r.json.findings
      .filter((f: any) => f.severity === 'error')
      .map((f: any) => ({ code: f.code, sheet: f.sheet, row: f.row, column: f.column }));
    // As printed by fixtures/messy/make-messy.mjs.
    const expected = [
      { code: 'type-error', sheet: '学校', row: 4, column: 'I' },
      { code: 'negative-value', sheet: '学校', row: 5, column: 'K' },
      { code: 'subset-exceeds-total', sheet: '学校', row: 8, column: 'M' },
      { code: 'duplicate-school', sheet: '学校', row: 36, column: 'B' },
      { code: 'unknown-school', sheet: '班级', row: 577, column: 'A' },
    ];
    const order = (x: { sheet: string; row: number; column: string }) =>
      `${x.sheet}|${String(x.row).padStart(6, '0')}|${x.column}`;
    expect([...errors].sort((a, b) => order(a).localeCompare(order(b)))).toEqual(
      [...expected].sort((a, b) => order(a).localeCompare(order(b))),
    );
    const typeError = r.json.findings.find((f: any) => f.code === 'type-error');
    expect(typeError).toMatchObject({ header: '在校生数', value: '三百', file: PLANTED });
  });

  it('the demo validates: exit 0 although it fails rules', () => {
    const r = run(['validate', DEMO]);
    expect(r.status, r.stdout).toBe(0);
    expect(r.stderr).toBe('');
    const j = runJson(['validate', DEMO]);
    expect(j.status).toBe(0);
    expect(j.json.findings.filter((f: any) => f.severity === 'error')).toEqual([]);
  });

  it('the unknown layout without its mapping: exit 2 with missing-column findings', () => {
    const r = runJson(['validate', UNKNOWN]);
    expect(r.status).toBe(2);
    const missing = r.json.findings.filter((f: any) => f.code === 'missing-column');
    // None of the 12 columns quality-2017 requires is under a header it knows.
    expect(missing).toHaveLength(12);
    for (const f of missing) expect(f).toMatchObject({ severity: 'error', sheet: '基础数据', row: 2 });
    expect(missing.map((f: any) => f.header)).toEqual(expect.arrayContaining(['学校代码', '学校名称', '在校生数']));
  });

  it('the unknown layout with its mapping: exit 0', () => {
    const r = run(['validate', UNKNOWN, '--columns', UNKNOWN_MAPPING]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('a mapping with an unknown key ("studentz"): exit 3, one stderr line naming columns.<header>', () => {
    const dir = tempDir();
    const mapping = JSON.parse(readFileSync(join(ROOT, UNKNOWN_MAPPING), 'utf8'));
    mapping.columns['学年初学生人数'] = 'studentz';
    const bad = join(dir, 'bad.columns.json');
    writeFileSync(bad, JSON.stringify(mapping, null, 2));
    for (const args of [
      ['validate', UNKNOWN, '--columns', bad],
      [UNKNOWN, '--columns', bad],
    ]) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(3);
      expectOneLineNoStack(r.stderr);
      expect(r.stderr).toContain('columns.学年初学生人数');
      expect(r.stdout).toBe('');
    }
  });
});

describe('hostile files: exit 3 quickly, one line, no stack', () => {
  for (const file of ['zip-bomb.xlsx', 'truncated.xlsx']) {
    for (const cmd of [[], ['validate']]) {
      it(`${[...cmd, file].join(' ')}`, () => {
        const t0 = Date.now();
        const r = run([...cmd, `${M}/${file}`]);
        const ms = Date.now() - t0;
        expect(r.status, r.stdout + r.stderr).toBe(3);
        expect(ms, `took ${ms} ms`).toBeLessThan(5000);
        expectOneLineNoStack(r.stderr);
        expect(r.stderr).toContain(file);
      });
    }
  }
});

describe('hostile names: __proto__, constructor', () => {
  const HEADER = [
    '县区',
    '学校代码',
    '学校名称',
    '学校类型',
    '学段',
    '在校生数',
    '班级数',
    '专任教师数',
    '高于规定学历教师数',
    '县级以上骨干教师数',
    '体育专任教师数',
    '音乐专任教师数',
    '美术专任教师数',
    '教学及辅助用房面积',
    '体育运动场馆面积',
    '教学仪器设备值',
    '网络多媒体教室数',
    '音乐专用教室数',
    '美术专用教室数',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
  ];
  const row = (county: string, code: string, name: string, p: number) => [
    county,
    code,
    name,
    '小学',
    '小学',
    p,
    Math.round(p / 50),
    Math.round(p / 16),
    Math.round(p / 17),
    Math.round(p / 100),
    2,
    2,
    2,
    p * 5,
    p * 8,
    p * 2500,
    Math.round(p / 40),
    1,
    1,
    '{"polluted":true}',
    'polluted',
    'x',
    'y',
  ];
  function hostileWorkbook(): { path: string; mapping: string } {
    const dir = tempDir();
    const wb = XLSX.utils.book_new();
    const schools = [
      HEADER,
      row('__proto__', 'constructor', '__proto__', 500),
      row('__proto__', 'prototype', 'constructor', 400),
      row('__proto__', '__proto__', 'hasOwnProperty', 600),
    ];
    const classes = [
      ['学校代码', '学段', '年级', '班级', '学生数'],
      ...Array.from({ length: 10 }, (_, i) => ['constructor', '小学', '__proto__', `${i + 1}班`, 50]),
      ['toString', '小学', 'constructor', '__proto__', 40],
    ];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(schools), '__proto__');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(classes), 'constructor');
    const path = join(dir, 'proto.xlsx');
    writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    // Any mapping at all: the header lookup then consults the mapping object first.
    const mapping = join(dir, 'proto.columns.json');
    writeFileSync(mapping, JSON.stringify({ columns: { 学校名称: 'name', ['__proto__']: 'ignore' } }));
    return { path, mapping };
  }

  // The one data error the workbook holds: class row 12 names school code toString, which the school sheet lacks.
  const ONLY_ERROR = [['unknown-school', 'constructor', 12, 'A', 'toString']];
  const errorsOf = (json: any) =>
    json.findings
      .filter((f: any) => f.severity === 'error')
      .map((f: any) => [f.code, f.sheet, f.row, f.column, f.value]);

  it('the CLI does not crash (exit 2 for its one data error, never 3) and reads the school named __proto__ with code constructor', () => {
    const { path } = hostileWorkbook();
    const r = runJson([path]);
    expect(r.status, r.stderr).toBe(2);
    expect(errorsOf(r.json)).toEqual(ONLY_ERROR);
    expect(r.json.inputs[0].status).toBe('invalid'); // read, with a data error: not 'error' (unreadable)
    const units = r.json.counties.flatMap((c: any) => c.units.map((u: any) => [c.county, u.code, u.name]));
    expect(units).toContainEqual(['__proto__', 'constructor', '__proto__']);
    const v = run(['validate', path]);
    expect(v.status, v.stderr).toBe(2);
    expect(v.stdout).toContain('✗ constructor!A12  学校代码「toString」在学校表中不存在');
  });

  it('with a --columns mapping file, headers named constructor / toString do not crash it either', () => {
    const { path, mapping } = hostileWorkbook();
    const r = runJson([path, '--columns', mapping]);
    expect(r.status, r.stderr).toBe(2);
    expect(errorsOf(r.json)).toEqual(ONLY_ERROR);
    expect(r.json.counties.map((c: any) => [c.county, c.units.length])).toEqual([['__proto__', 3]]);
  });

  it('in-process assess leaves Object.prototype untouched', async () => {
    const { path, mapping } = hostileWorkbook();
    const snapshot = () => {
      const out: Record<string, unknown[]> = {};
      for (const proto of [Object.prototype, Array.prototype, Function.prototype]) {
        for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(proto)))
          out[`${proto === Object.prototype ? 'O' : proto === Array.prototype ? 'A' : 'F'}.${k}`] = [
            d.value,
            d.get,
            d.set,
          ];
      }
      return out;
    };
    const names = Object.getOwnPropertyNames(Object.prototype).sort();
    const before = snapshot();
    const plain = await assess([path]);
    expect(plain.exitCode).toBe(2);
    const mapped = await assess([path], {
      map: { mapping: { columns: JSON.parse(readFileSync(mapping, 'utf8')).columns } },
    });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(names);
    expect(({} as any).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    const after = snapshot();
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const k of Object.keys(before)) expect(after[k], k).toEqual(before[k]);
    expect(mapped.exitCode).toBe(2); // as the CLI with --columns: the one unknown-school error
  });
});
