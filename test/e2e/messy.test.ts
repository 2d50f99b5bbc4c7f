// End-to-end: the demo county the way real counties send it (fixtures/messy/, from make-messy.mjs) must
// give the demo's numbers, and the JSON must say what the reader did. Built CLI as a subprocess.
import { describe, it, expect, beforeAll } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO, ROOT, runJson, sha256 } from './helpers.js';

const M = 'fixtures/messy';
const UNKNOWN_MAPPING = `${M}/demo-unknown-layout.columns.json`;

/** Equal within a relative 1e-9 (both null / both undefined count as equal). */
function close(actual: unknown, expected: unknown, what: string): void {
  if (typeof expected !== 'number' || typeof actual !== 'number') {
    expect(actual, what).toEqual(expected);
    return;
  }
  const scale = Math.max(Math.abs(actual), Math.abs(expected));
  expect(Math.abs(actual - expected) <= 1e-9 * scale, `${what}: ${actual} vs ${expected}`).toBe(true);
}

const byUnit = (u: any) => `${u.code}|${u.level}`;
const sortUnits = (units: any[]) =>
  [...units].sort((a, b) => (byUnit(a) < byUnit(b) ? -1 : byUnit(a) > byUnit(b) ? 1 : 0));

/** The variant's county numbers equal the demo's: units, per-unit indicators, county mean/sd/cv. */
function expectSameNumbers(actual: any, demo: any, label: string, opts: { classes: boolean }): void {
  expect(
    actual.counties.map((c: any) => c.county),
    label,
  ).toEqual(demo.counties.map((c: any) => c.county));
  const [a, d] = [actual.counties[0], demo.counties[0]];

  // Units: the same codes, levels, pupils and names (names cleaned of U+3000 and spaces).
  const au = sortUnits(a.units);
  const du = sortUnits(d.units);
  expect(
    au.map((u: any) => [u.code, u.level, u.students, u.name]),
    `${label} units`,
  ).toEqual(du.map((u: any) => [u.code, u.level, u.students, u.name]));
  au.forEach((u: any, i: number) => {
    const ref = du[i];
    expect(
      u.indicators.map((x: any) => x.id),
      `${label} ${u.name}`,
    ).toEqual(ref.indicators.map((x: any) => x.id));
    u.indicators.forEach((x: any, k: number) =>
      close(x.value, ref.indicators[k].value, `${label} ${u.name} ${u.level} ${x.id}`),
    );
    expect(u.met, `${label} ${u.name} met`).toBe(ref.met);
  });
  expect(a.excluded.map((e: any) => [e.code, e.reason]).sort(), `${label} excluded`).toEqual(
    d.excluded.map((e: any) => [e.code, e.reason]).sort(),
  );

  // County: per level, unit count, pupils and every indicator's mean, sd and cv.
  expect(
    a.levels.map((l: any) => l.level),
    label,
  ).toEqual(d.levels.map((l: any) => l.level));
  a.levels.forEach((l: any, i: number) => {
    const ref = d.levels[i];
    expect(l.unitCount, `${label} ${l.level} unitCount`).toBe(ref.unitCount);
    expect(l.students, `${label} ${l.level} students`).toBe(ref.students);
    expect(l.indicators.map((x: any) => x.id)).toEqual(ref.indicators.map((x: any) => x.id));
    l.indicators.forEach((x: any, k: number) => {
      for (const key of ['mean', 'sd', 'cv'])
        close(x[key], ref.indicators[k][key], `${label} ${l.level} ${x.id}.${key}`);
      expect(x.pass, `${label} ${l.level} ${x.id}.pass`).toBe(ref.indicators[k].pass);
    });
  });
  if (opts.classes) expect(a.classSize, `${label} classSize`).toEqual(d.classSize);
}

/** Reading of the schools table of the (only) input. */
const schoolsReading = (j: any) => j.inputs[0].reading.find((r: any) => r.table === 'schools');
const keyOf = (reading: any, header: string) => reading.columns.find((c: any) => c.header === header)?.key;

interface Variant {
  file: string;
  args?: string[];
  csv?: boolean;
  reading: (j: any) => void;
}

const VARIANTS: Variant[] = [
  {
    file: 'demo-gbk.csv',
    csv: true,
    reading: (j) => {
      expect(j.inputs[0].format).toBe('csv');
      const r = schoolsReading(j);
      expect(r.rows).toBe(34);
      expect(r.columns).toHaveLength(27);
      expect(r.unmapped).toEqual([]);
      // Decoded as GBK: the Chinese headers came through.
      expect(keyOf(r, '学校代码')).toBe('code');
      expect(keyOf(r, '美术专用教室数')).toBe('art_rooms');
    },
  },
  {
    file: 'demo-utf8-bom.csv',
    csv: true,
    reading: (j) => {
      expect(j.inputs[0].format).toBe('csv');
      const r = schoolsReading(j);
      expect(r.rows).toBe(34);
      // The BOM is not part of the first header.
      expect(r.columns[0]).toMatchObject({ column: 'A', header: '县区', key: 'county' });
      expect(r.unmapped).toEqual([]);
    },
  },
  {
    file: 'demo-utf8.csv',
    csv: true,
    reading: (j) => {
      expect(j.inputs[0].format).toBe('csv');
      const r = schoolsReading(j);
      expect(r.rows).toBe(34);
      // CRLF: no "\r" left on the last header.
      expect(r.columns[r.columns.length - 1]).toMatchObject({ header: '美术专用教室数', key: 'art_rooms' });
      expect(r.unmapped).toEqual([]);
    },
  },
  {
    file: 'demo.xls',
    reading: (j) => {
      expect(j.inputs[0].format).toBe('xls');
      expect(j.inputs[0].reading.map((r: any) => [r.sheet, r.table, r.rows])).toEqual([
        ['学校', 'schools', 34],
        ['班级', 'classes', 575],
      ]);
    },
  },
  {
    file: 'demo-title-merged.xlsx',
    reading: (j) => {
      const r = schoolsReading(j);
      expect(r.sheet).toBe('学校');
      expect(r.headerRows).toBe(2);
      expect(r.headerRow).toBe(4);
      expect(r.rows).toBe(34);
      expect(r.skipped.summary).toBe(2); // the 合计 row and the 备注 row
      expect(r.columns).toHaveLength(27);
      expect(r.unmapped).toEqual([]);
      expect(r.columns.find((c: any) => c.column === 'K')).toMatchObject({
        header: '专任教师数/合计',
        key: 'teachers',
      });
      expect(r.columns.find((c: any) => c.column === 'L')).toMatchObject({ key: 'qualified_teachers' });
      // Vertically merged headers are read once, not as "体育专任教师数/体育专任教师数".
      expect(keyOf(r, '体育专任教师数')).toBe('pe_teachers');
    },
  },
  {
    file: 'demo-fullwidth.xlsx',
    reading: (j) => {
      const r = schoolsReading(j);
      expect(r.rows).toBe(34);
      expect(r.columns).toHaveLength(27);
    },
  },
  {
    file: 'demo-wanyuan.xlsx',
    reading: (j) => {
      const r = schoolsReading(j);
      const eq = r.columns.find((c: any) => c.key === 'equipment_value');
      expect(eq).toBeDefined();
      expect(eq.header).toContain('万元');
      expect(eq.factor).toBe(10000);
      // The other columns are read as they are.
      expect(r.columns.filter((c: any) => c.factor !== undefined && c.factor !== 1)).toHaveLength(1);
    },
  },
  {
    file: 'demo-synonyms.xlsx',
    reading: (j) => {
      const tables = j.inputs[0].reading.map((r: any) => [r.sheet, r.table, r.rows]);
      expect(tables).toEqual([
        ['学校基本情况', 'schools', 34],
        ['班额', 'classes', 575],
      ]);
      const r = schoolsReading(j);
      expect(r.unmapped).toEqual([]);
      expect(r.columns).toHaveLength(27);
      const expected: Record<string, string> = {
        学校标识码: 'code',
        校名: 'name',
        办学类型: 'type',
        在校学生数: 'students',
        专任教师: 'teachers',
        骨干教师数: 'backbone_teachers',
        教学及辅助用房: 'teaching_area',
        运动场馆面积: 'sports_area',
        仪器设备值: 'equipment_value',
        多媒体教室数: 'multimedia_rooms',
        音乐教室数: 'music_rooms',
        美术教室数: 'art_rooms',
        county: 'county',
        level: 'level',
        qualified_teachers: 'qualified_teachers',
        computers: 'computers',
      };
      for (const [h, k] of Object.entries(expected)) expect(keyOf(r, h), h).toBe(k);
      const cls = j.inputs[0].reading.find((x: any) => x.table === 'classes');
      expect(keyOf(cls, 'students')).toBe('students');
      expect(keyOf(cls, 'code')).toBe('code');
    },
  },
  {
    file: 'demo-unknown-layout.xlsx',
    args: ['--columns', UNKNOWN_MAPPING],
    reading: (j) => {
      const r = schoolsReading(j);
      expect(r.sheet).toBe('基础数据');
      expect(r.headerRow).toBe(2);
      expect(r.rows).toBe(34);
      expect(r.columns).toHaveLength(27);
      expect(r.unmapped).toEqual([]);
      expect(keyOf(r, '单位编号')).toBe('code');
      expect(keyOf(r, '学年初学生人数')).toBe('students');
    },
  },
];

describe('messy variants of the demo give the demo numbers', () => {
  const files = readdirSync(join(ROOT, M)).filter((f) => f !== 'make-messy.mjs');
  const before = Object.fromEntries(files.map((f) => [f, sha256(`${M}/${f}`)]));
  let demo: any;

  beforeAll(() => {
    const r = runJson([DEMO]);
    expect(r.status).toBe(1);
    demo = r.json;
  });

  for (const v of VARIANTS) {
    it(`${v.file}${v.args ? ` ${v.args.join(' ')}` : ''}`, () => {
      const r = runJson([`${M}/${v.file}`, ...(v.args ?? [])]);
      expect(r.stderr, v.file).toBe('');
      expect(r.json.inputs[0].status, v.file).toBe('ok');
      expect(
        r.json.findings.filter((f: any) => f.severity === 'error'),
        v.file,
      ).toEqual([]);
      if (v.csv) {
        // No class sheet: class size is not assessed (null), the demo's other failed checks are the same.
        const failed = (j: any) => j.counties[0].checks.filter((c: any) => c.pass === false).map((c: any) => c.id);
        expect(r.status, v.file).toBe(1);
        expect(r.json.counties[0].checks.find((c: any) => c.id === 'class-size').pass, v.file).toBeNull();
        expect(failed(r.json), v.file).toEqual(failed(demo).filter((id: string) => id !== 'class-size'));
      } else {
        expect(r.status, v.file).toBe(demo.exitCode);
        expect(r.json.counties[0].verdict, v.file).toBe(demo.counties[0].verdict);
      }
      expectSameNumbers(r.json, demo, v.file, { classes: !v.csv });
      v.reading(r.json);
    });
  }

  it('leaves every input file byte-identical', () => {
    for (const f of files) expect(sha256(`${M}/${f}`), f).toBe(before[f]);
  });
});
