// End-to-end: the two built-in standards (basic-2012, quality-2017), the county-level parts of
// quality-2017 (sheet 县域指标), province/city profiles (--profile), and the `standards` / `explain`
// subcommands, all through the built CLI. Generated inputs go to a temp dir, never into the repo.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { DEMO, ROOT, expectOneLineNoStack, run, runJson, tempDir } from './helpers.js';

const BASIC = 'fixtures/basic-county.xlsx';
const QUALITY = 'fixtures/quality-county.xlsx';
const JIANGSU = 'fixtures/profiles/jiangsu-class-cap.json';
const SHENYANG = 'fixtures/profiles/shenyang-special-ed.json';
const COUNTY_SHEET = '县域指标';
const CJK = /[\u4e00-\u9fff]/;

let tmp: string;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const part = (county: any, id: string): any => {
  const p = county.parts.find((x: any) => x.id === id);
  expect(p, `part ${id}`).toBeDefined();
  return p;
};
const item = (p: any, id: string): any => {
  const i = p.items.find((x: any) => x.id === id);
  expect(i, `item ${id} in part ${p.id}`).toBeDefined();
  return i;
};

/** The quality-county workbook, its 县域指标 sheet as rows, and the 1-based row of an item in the long form. */
function qualityWorkbook(): { wb: XLSX.WorkBook; rows: unknown[][]; rowOf: (name: string) => number } {
  const wb = XLSX.read(readFileSync(join(ROOT, QUALITY)));
  const ws = wb.Sheets[COUNTY_SHEET];
  expect(ws, `sheet ${COUNTY_SHEET} in ${QUALITY}`).toBeDefined();
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws!, { header: 1, raw: true });
  const rowOf = (name: string) => {
    const i = rows.findIndex((r) => r[0] === name);
    expect(i, `row of ${name}`).toBeGreaterThan(0);
    return i + 1;
  };
  return { wb, rows, rowOf };
}

/** quality-county.xlsx with 县域指标!B<row of item> replaced by `value`, written into the temp dir. */
function withCountyValue(fileName: string, itemName: string, value: string): { path: string; row: number } {
  const { wb, rowOf } = qualityWorkbook();
  const row = rowOf(itemName);
  wb.Sheets[COUNTY_SHEET]![`B${row}`] = { t: 's', v: value };
  const path = join(tmp, fileName);
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
  return { path, row };
}

function writeProfile(name: string, content: string): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe('basic-2012', () => {
  it('judges the composite CV (mean of 8) per level, not single CVs, with its own scope', () => {
    const r = runJson(['--standard', 'basic-2012', BASIC]);
    expect(r.status, r.stderr).toBe(0);
    const j = r.json;
    expect(j.standard).toBe('basic-2012');
    expect(j.exitCode).toBe(0);
    expect(j.counties).toHaveLength(1);
    const c = j.counties[0];
    expect(c.parts).toBeNull();

    const byLevel = Object.fromEntries(c.levels.map((l: any) => [l.level, l]));
    expect(Object.keys(byLevel).sort()).toEqual(['junior', 'primary']);
    const limits = { primary: 0.65, junior: 0.55 } as const;
    for (const level of ['primary', 'junior'] as const) {
      const l = byLevel[level];
      // Exit 0: both levels' composites are met.
      expect(l.composite, `${level} composite`).toEqual({ cv: expect.any(Number), limit: limits[level], pass: true });
      expect(l.indicators).toHaveLength(8);
      const cvs = l.indicators.map((i: any) => i.cv);
      for (const cv of cvs) expect(typeof cv).toBe('number');
      const mean = cvs.reduce((a: number, b: number) => a + b, 0) / cvs.length;
      expect(Math.abs(l.composite.cv - mean), `${level} composite = mean of the 8 CVs`).toBeLessThan(1e-12);
      // Single CVs are reported, not judged.
      for (const i of l.indicators) expect(i.pass, `${level} ${i.id} pass`).toBeNull();
    }
    const primary = byLevel.primary;
    expect(Math.abs(primary.composite.cv - 0.5414)).toBeLessThan(1e-3);
    expect(primary.composite.pass).toBe(true);
    expect(Math.abs(byLevel.junior.composite.cv - 0.339)).toBeLessThan(1e-3);
    expect(byLevel.junior.composite.pass).toBe(true);
    const over = primary.indicators.filter((i: any) => i.cv > 0.65);
    expect(
      over.map((i: any) => i.id),
      'primary single CVs over 0.65',
    ).toEqual(['sports_area_per_pupil', 'books_per_pupil']);
    for (const i of over) expect(i.pass).toBeNull();

    // No per-school standards in basic-2012.
    expect(c.units.length).toBe(20);
    for (const u of c.units) {
      for (const i of u.indicators) {
        expect(i.standard, `${u.name} ${i.id} standard`).toBeNull();
        expect(i.floor, `${u.name} ${i.id} floor`).toBeNull();
        expect(i.met, `${u.name} ${i.id} met`).toBeNull();
      }
    }

    // Scope: private, teaching points, special education, city-run schools are excluded, with reasons.
    const excluded = Object.fromEntries(c.excluded.map((e: any) => [e.name, e.reason]));
    expect(c.excluded).toHaveLength(5);
    const expected: [RegExp, string][] = [
      [/博文小学/, 'private'],
      [/西沟教学点/, 'teaching-point'],
      [/石槽教学点/, 'teaching-point'],
      [/特殊教育学校/, 'special-education'],
      [/白河市实验中学/, 'city-or-province'],
    ];
    for (const [name, reason] of expected) {
      const hit = Object.keys(excluded).filter((n) => name.test(n));
      expect(hit, `excluded ${name}`).toHaveLength(1);
      expect(excluded[hit[0]!]).toBe(reason);
    }
    const unitNames = c.units.map((u: any) => u.name);
    for (const [name] of expected)
      expect(
        unitNames.some((n: string) => name.test(n)),
        `${name} is not a unit`,
      ).toBe(false);
  });

  it('the default standard (quality-2017) scopes the same file differently', () => {
    const q = runJson([BASIC]);
    // A basic-2012 county against quality-2017: its CVs (sports area 1.17) are far over 0.50, so it fails.
    expect(q.status, q.stderr).toBe(1);
    expect(q.json.counties[0].checks.filter((x: any) => x.pass === false).map((x: any) => x.id)).toEqual([
      'cv',
      'per-school',
      'staffing',
    ]);
    expect(q.json.standard).toBe('quality-2017');
    const b = runJson(['--standard', 'basic-2012', BASIC]);
    const qc = q.json.counties[0];
    const bc = b.json.counties[0];

    const reasons = (c: any) => Object.fromEntries(c.excluded.map((e: any) => [e.name, e.reason]));
    expect(reasons(qc)).not.toEqual(reasons(bc));
    const qReasons = new Set(qc.excluded.map((e: any) => e.reason));
    expect(qReasons.has('private')).toBe(false);
    expect(qReasons.has('city-or-province')).toBe(false);

    // The 民办 and 市属 schools are units under quality-2017, not excluded.
    const qUnits = qc.units.map((u: any) => u.name);
    const qExcluded = qc.excluded.map((e: any) => e.name);
    for (const name of [/博文小学/, /白河市实验中学/]) {
      expect(
        qUnits.some((n: string) => name.test(n)),
        `${name} is a quality-2017 unit`,
      ).toBe(true);
      expect(
        qExcluded.some((n: string) => name.test(n)),
        `${name} not excluded under quality-2017`,
      ).toBe(false);
    }
    // quality-2017 has per-school standards and parts.
    expect(qc.parts).not.toBeNull();
    expect(qc.levels.every((l: any) => l.composite === null)).toBe(true);
  });
});

describe('quality-2017 county-level parts', () => {
  it('quality-county passes all four parts, fully assessed; text lists 评估分项', () => {
    const r = runJson([QUALITY]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json.verdict).toBe('pass');
    expect(r.json.standard).toBe('quality-2017');
    const c = r.json.counties[0];
    expect(c.verdict).toBe('pass');
    expect(c.parts.map((p: any) => p.id)).toEqual(['resources', 'government', 'quality', 'recognition']);
    for (const p of c.parts) {
      expect(p.pass, `part ${p.id}`).toBe(true);
      expect(p.assessed, `part ${p.id}`).toBe('full');
    }
    const gov = part(c, 'government');
    const computed = gov.items.filter((i: any) => i.source === 'computed').map((i: any) => i.id);
    expect(computed.sort()).toEqual(['class_size', 'school_size', 'special_rooms']);
    for (const id of computed) expect(item(gov, id).pass).toBe(true);
    for (const p of c.parts)
      for (const i of p.items) if (!computed.includes(i.id)) expect(i.source, i.id).toBe('sheet');

    const recognition = item(part(c, 'recognition'), 'social_recognition');
    expect(recognition.value).toBeCloseTo(0.913, 9);
    expect(recognition.pass).toBe(true);

    const t = run([QUALITY]);
    expect(t.status).toBe(0);
    const lines = t.stdout.split('\n');
    // issue 13: the parts (评估分项) open the county-items section, under its title.
    const heading = lines.indexOf('清河县 县域指标');
    expect(heading, 'a 评估分项 section').toBeGreaterThanOrEqual(0);
    const section = lines.slice(heading + 1, heading + 5);
    ['资源配置', '政府保障程度', '教育质量', '社会认可度'].forEach((name, k) => {
      expect(section[k], `line for ${name}`).toContain(name);
      expect(section[k]).toContain('✓');
      expect(section[k]).not.toContain('未评估');
    });
  });

  it('a profile override flips the verdict: Jiangsu class caps 40/45 fail quality-county', () => {
    const r = runJson([QUALITY, '--profile', JIANGSU]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.json.exitCode).toBe(1);
    expect(r.json.standard).toBe('quality-2017-jiangsu');
    const c = r.json.counties[0];
    expect(c.verdict).toBe('fail');
    const classSize = c.checks.find((x: any) => x.id === 'class-size');
    expect(classSize.pass).toBe(false);
    // quality-county's largest classes are 45 (primary) and 50 (junior): 297 of its 375 classes are over 40/45, in 16 units.
    expect(classSize.failures).toHaveLength(16);
    expect(c.classSize).toMatchObject({ classes: 375, overLimit: 297 });
    expect(item(part(c, 'government'), 'class_size').pass).toBe(false);
    expect(part(c, 'government').pass).toBe(false);
    // Only class size changed: the rest still passes.
    for (const id of ['cv', 'per-school', 'school-size', 'special-rooms'])
      expect(c.checks.find((x: any) => x.id === id).pass, id).toBe(true);
  });

  it('the Shenyang profile (special-education funding ≥ 8000) fails quality-county (6500)', () => {
    const r = runJson([QUALITY, '--profile', SHENYANG]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.json.standard).toBe('quality-2017-shenyang');
    const c = r.json.counties[0];
    const funding = item(part(c, 'government'), 'special_ed_funding');
    expect(funding.value).toBe(6500);
    expect(funding.threshold).toBe(8000);
    expect(funding.pass).toBe(false);
    expect(part(c, 'government').pass).toBe(false);
    expect(c.verdict).toBe('fail');
    // Under the national default the same value passes.
    const d = runJson([QUALITY]);
    expect(item(part(d.json.counties[0], 'government'), 'special_ed_funding').pass).toBe(true);
  });

  it('without a 县域指标 sheet, quality and recognition are not assessed — never a silent pass', () => {
    const r = runJson([DEMO]);
    expect(r.status).toBe(1);
    const c = r.json.counties[0];
    const resources = part(c, 'resources');
    expect(resources.assessed).toBe('full');
    expect(typeof resources.pass).toBe('boolean');

    const gov = part(c, 'government');
    expect(gov.assessed).toBe('partial');
    for (const i of gov.items) {
      if (i.source === 'computed') {
        expect(typeof i.pass, `${i.id} is judged`).toBe('boolean');
      } else {
        expect(i.pass, i.id).toBeNull();
        expect(i.reason, i.id).toBe('no-county-sheet');
      }
    }
    expect(
      gov.items
        .filter((i: any) => i.source === 'computed')
        .map((i: any) => i.id)
        .sort(),
    ).toEqual(['class_size', 'school_size', 'special_rooms']);

    for (const id of ['quality', 'recognition']) {
      const p = part(c, id);
      expect(p.assessed, id).toBe('none');
      expect(p.pass, id).toBeNull();
      for (const i of p.items) {
        expect(i.pass).toBeNull();
        expect(i.reason).toBe('no-county-sheet');
      }
    }

    const t = run([DEMO]);
    const lines = t.stdout.split('\n');
    for (const name of ['教育质量', '社会认可度']) {
      const line = lines.find((l) => l.includes(name) && l.includes('未评估'));
      expect(line, `${name} … 未评估`).toBeDefined();
      expect(line).not.toContain('✓');
    }
  });

  it('social recognition 80 % fails the county; a wide-form 县域指标 sheet gives the same parts as the long form', () => {
    const low = withCountyValue('recognition-80.xlsx', '社会认可度', '80%');
    const r = runJson([low.path]);
    expect(r.status, r.stderr).toBe(1);
    const c = r.json.counties[0];
    expect(c.verdict).toBe('fail');
    const recognition = part(c, 'recognition');
    expect(recognition.pass).toBe(false);
    expect(recognition.assessed).toBe('full');
    expect(item(recognition, 'social_recognition').value).toBeCloseTo(0.8, 9);
    for (const id of ['resources', 'government', 'quality']) expect(part(c, id).pass, id).toBe(true);

    // Wide form: row 1 县区 + item names, row 2 清河县 + values.
    const { wb, rows } = qualityWorkbook();
    const body = rows.slice(1).filter((x) => x[0] !== undefined);
    expect(body).toHaveLength(24);
    wb.Sheets[COUNTY_SHEET] = XLSX.utils.aoa_to_sheet([
      ['县区', ...body.map((x) => x[0])],
      ['清河县', ...body.map((x) => x[1])],
    ]);
    const wide = join(tmp, 'wide-form.xlsx');
    writeFileSync(wide, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));

    const w = runJson([wide]);
    const l = runJson([QUALITY]);
    expect(w.status, w.stderr).toBe(0);
    expect(w.json.findings).toEqual([]);
    expect(w.json.counties[0].parts).toEqual(l.json.counties[0].parts);
  });

  it('an unreadable county value (社会认可度 = 很高) is an invalid-item-value error at 县域指标!B<row>, exit 2', () => {
    const bad = withCountyValue('recognition-words.xlsx', '社会认可度', '很高');
    const r = runJson([bad.path]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.json.exitCode).toBe(2);
    const hits = r.json.findings.filter((f: any) => f.code === 'invalid-item-value');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ severity: 'error', sheet: COUNTY_SHEET, row: bad.row, column: 'B', value: '很高' });
    expect(bad.row).toBe(25);
    expect(hits[0].message).toContain('社会认可度');
    // Not judged from a value it could not read.
    expect(item(part(r.json.counties[0], 'recognition'), 'social_recognition').pass).not.toBe(true);
  });
});

describe('invalid profiles → exit 3, one stderr line naming the problem', () => {
  const expectBadProfile = (file: string, mentions: string) => {
    const r = run([QUALITY, '--profile', file]);
    expect(r.status, r.stderr).toBe(3);
    expectOneLineNoStack(r.stderr);
    expect(r.stderr).toContain(mentions);
    expect(r.stdout).toBe('');
  };

  it('(a) an unknown key names classSize.limitz', () => {
    expectBadProfile(
      writeProfile('unknown-key.json', '{"extends":"quality-2017","classSize":{"limitz":{"primary":40}}}'),
      'classSize.limitz',
    );
  });

  it('(b) a wrong type names classSize.limits.primary', () => {
    expectBadProfile(
      writeProfile('wrong-type.json', '{"classSize":{"limits":{"primary":"forty"}}}'),
      'classSize.limits.primary',
    );
  });

  it('(c) an unknown indicator id names indicators.nope', () => {
    expectBadProfile(
      writeProfile('unknown-indicator.json', '{"indicators":{"nope":{"standard":null}}}'),
      'indicators.nope',
    );
  });

  it('(d) an unknown base standard names extends', () => {
    expectBadProfile(writeProfile('unknown-extends.json', '{"extends":"nope"}'), 'extends');
  });

  it('(e) a file that is not JSON', () => {
    const file = writeProfile('not-json.json', 'not json\n');
    expectBadProfile(file, 'not-json.json');
  });

  it('(f) a missing profile file', () => {
    expectBadProfile(join(tmp, 'no-such-profile.json'), 'no-such-profile.json');
  });
});

describe('standards and explain', () => {
  /** `standards` output → { standard id → [indicator id, name] }. */
  function listed(lang: 'zh' | 'en'): Map<string, [string, string][]> {
    const r = run(['standards', ...(lang === 'en' ? ['--lang', 'en'] : [])]);
    expect(r.status, r.stderr).toBe(0);
    const out = new Map<string, [string, string][]>();
    let current: string | undefined;
    for (const line of r.stdout.split('\n')) {
      const std = /^([a-z0-9-]+)\s{2,}\S/.exec(line);
      if (std) {
        current = std[1]!;
        out.set(current, []);
        continue;
      }
      const ind = /^\s{4}([a-z0-9_]+)\s+(\S.*)$/.exec(line);
      if (ind && current) out.get(current)!.push([ind[1]!, ind[2]!.trim()]);
    }
    return out;
  }

  it('`standards` lists both standards and all 15 indicators (12 distinct ids); `explain` explains each in Chinese and English', () => {
    const zh = listed('zh');
    expect([...zh.keys()].sort()).toEqual(['basic-2012', 'quality-2017']);
    expect(zh.get('quality-2017')).toHaveLength(7);
    expect(zh.get('basic-2012')).toHaveLength(8);
    const names = new Map<string, string>();
    for (const list of zh.values()) for (const [id, name] of list) names.set(id, name);
    // 7 + 8 = 15 listings; three (teaching area, sports area, equipment value) are shared → 12 distinct ids.
    expect([...zh.values()].reduce((n, list) => n + list.length, 0)).toBe(15);
    expect(names.size).toBe(12);
    const shared = zh
      .get('quality-2017')!
      .map(([id]) => id)
      .filter((id) => zh.get('basic-2012')!.some(([b]) => b === id));
    expect(shared.sort()).toEqual(['equipment_value_per_pupil', 'sports_area_per_pupil', 'teaching_area_per_pupil']);

    // The ids the runs report are the ids `standards` lists.
    const fromRuns = new Set<string>();
    for (const args of [[QUALITY], ['--standard', 'basic-2012', BASIC]]) {
      for (const l of runJson(args).json.counties[0].levels) for (const i of l.indicators) fromRuns.add(i.id);
    }
    expect([...fromRuns].sort()).toEqual([...names.keys()].sort());

    const en = listed('en');
    const enNames = new Map<string, string>();
    for (const list of en.values()) for (const [id, name] of list) enNames.set(id, name);
    expect([...enNames.keys()].sort()).toEqual([...names.keys()].sort());

    for (const [id, name] of names) {
      expect(name, `${id} has a Chinese name`).toMatch(CJK);
      const z = run(['explain', id]);
      expect(z.status, `explain ${id}: ${z.stderr}`).toBe(0);
      expect(z.stderr).toBe('');
      expect(z.stdout, `explain ${id}`).toContain(name);
      expect(z.stdout).toContain(id);
      expect(z.stdout).toContain('定义');

      const e = run(['explain', id, '--lang', 'en']);
      expect(e.status, `explain ${id} --lang en: ${e.stderr}`).toBe(0);
      expect(e.stdout).toContain('Definition');
      expect(e.stdout).toContain(enNames.get(id)!);
      const title = e.stdout.split('\n')[0]!;
      expect(title, `explain ${id} --lang en title`).not.toMatch(CJK);
      expect(e.stdout).not.toContain(name);
    }
  });

  it('`explain nope` exits 3 with one stderr line', () => {
    const r = run(['explain', 'nope']);
    expect(r.status).toBe(3);
    expectOneLineNoStack(r.stderr);
    expect(r.stderr).toContain('nope');
    expect(r.stdout).toBe('');
  });
});
