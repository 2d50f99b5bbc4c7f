// End-to-end: the demo county (fixtures/demo-county.xlsx, 青山县) through the built CLI.
import { describe, it, expect } from 'vitest';
import { ANSI, DEMO, run, runJson } from './helpers.js';

const FAILING = ['青山县实验小学', '青山县明德小学', '龙潭镇高岭中学'];

/** The body rows of the per-school table that follows the heading line containing `heading`. */
function schoolTable(stdout: string, heading: string): { name: string; verdict: string }[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.includes(heading));
  expect(start, `no heading containing ${heading}`).toBeGreaterThanOrEqual(0);
  const rows: { name: string; verdict: string }[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith('└')) break;
    if (!l.startsWith('│')) continue;
    const cells = l
      .split('│')
      .slice(1, -1)
      .map((c) => c.trim());
    const name = cells[0]!;
    if (name === '学校' || name === '要求') continue; // header and the "requirement" row
    rows.push({ name, verdict: cells[cells.length - 1]! });
  }
  return rows;
}

function expectFailingFirst(rows: { name: string; verdict: string }[]): void {
  const firstPass = rows.findIndex((r) => r.verdict === '达标');
  const lastFail = rows.map((r) => r.verdict).lastIndexOf('未达标');
  expect(firstPass).toBeGreaterThanOrEqual(0);
  expect(lastFail).toBeGreaterThanOrEqual(0);
  expect(lastFail).toBeLessThan(firstPass);
}

describe('demo county (text)', () => {
  it('exits 1 and shows the county, the verdict, the primary CV table and the failing schools first', () => {
    // Wide enough for one per-school table per level (issue 13: narrower terminals split it).
    const r = run([DEMO], { COLUMNS: '400' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toContain('青山县');
    expect(out).toContain('未达标');

    // The primary CV table: the sports-area row carries 0.546 and a ✗.
    const lines = out.split('\n');
    // issue 13: the section titles every format prints.
    const primary = lines.indexOf('青山县 小学 校际差异系数');
    const junior = lines.indexOf('青山县 初中 校际差异系数');
    expect(primary).toBeGreaterThanOrEqual(0);
    expect(junior).toBeGreaterThan(primary);
    const primarySection = lines.slice(primary, junior);
    const sportsRow = primarySection.find((l) => l.includes('生均体育运动场馆面积'));
    expect(sportsRow).toBeDefined();
    expect(sportsRow).toContain('0.546');
    expect(sportsRow).toContain('✗');
    expect(sportsRow).toContain('0.50');

    for (const name of FAILING) expect(out).toContain(name);

    // Per-school tables: failing schools listed before passing ones.
    const primaryRows = schoolTable(out, '青山县 小学 学校达标表');
    const juniorRows = schoolTable(out, '青山县 初中 学校达标表');
    expect(primaryRows).toHaveLength(19);
    expect(juniorRows).toHaveLength(9);
    expect(
      primaryRows
        .filter((r) => r.verdict === '未达标')
        .map((r) => r.name)
        .sort(),
    ).toEqual(['青山县实验小学', '青山县明德小学'].sort());
    expect(juniorRows.filter((r) => r.verdict === '未达标').map((r) => r.name)).toEqual(['龙潭镇高岭中学']);
    expectFailingFirst(primaryRows);
    expectFailingFirst(juniorRows);

    // Excluded units are named, not assessed.
    expect(out).toContain('石桥镇张湾教学点');
    expect(out).toContain('青山县特殊教育学校');
  });
});

describe('demo county (--format json)', () => {
  it('has every field docs/output.md requires, with the right types and unrounded numbers', () => {
    const r = runJson([DEMO]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const j = r.json;

    expect(j.schemaVersion).toBe(1);
    expect(j.tool.name).toBe('balance-check');
    expect(typeof j.tool.version).toBe('string');
    expect(j.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(j.standard).toBe('quality-2017');
    expect(j.exitCode).toBe(1);
    expect(j.verdict).toBe('fail');
    expect(Array.isArray(j.inputs)).toBe(true);
    expect(j.inputs).toHaveLength(1);
    expect(j.inputs[0].path).toBe(DEMO);
    expect(j.inputs[0].status).toBe('ok');
    expect(Array.isArray(j.findings)).toBe(true);
    expect(j.findings.filter((f: any) => f.severity === 'error')).toEqual([]);

    expect(j.counties).toHaveLength(1);
    const c = j.counties[0];
    expect(c.county).toBe('青山县');
    expect(c.verdict).toBe('fail');

    // levels[]
    expect(c.levels.map((l: any) => l.level)).toEqual(['primary', 'junior']);
    for (const l of c.levels) {
      expect(Number.isInteger(l.unitCount)).toBe(true);
      expect(Number.isInteger(l.students)).toBe(true);
      expect(Array.isArray(l.indicators)).toBe(true);
      expect(l.indicators).toHaveLength(7);
      for (const ind of l.indicators) {
        expect(typeof ind.id).toBe('string');
        for (const k of ['mean', 'sd', 'cv', 'cvLimit'])
          expect(typeof ind[k], `${l.level}.${ind.id}.${k}`).toBe('number');
        expect(typeof ind.pass).toBe('boolean');
        expect(ind.cv).toBeCloseTo(ind.sd / ind.mean, 12);
      }
      expect(l.composite).toBeNull();
      expect(typeof l.pass).toBe('boolean');
    }
    const [primary, junior] = c.levels;
    expect(primary.unitCount).toBe(19);
    expect(junior.unitCount).toBe(9);
    expect(primary.indicators[0].cvLimit).toBe(0.5);
    expect(junior.indicators[0].cvLimit).toBe(0.45);
    expect(primary.pass).toBe(false);
    expect(junior.pass).toBe(true);

    const sports = primary.indicators.find((i: any) => i.id === 'sports_area_per_pupil');
    expect(sports).toBeDefined();
    expect(sports.cv).toBeGreaterThan(0.545);
    expect(sports.cv).toBeLessThan(0.547);
    expect(sports.pass).toBe(false);
    // Unrounded: more than 3 decimals survive in the JSON text.
    expect(String(sports.cv).split('.')[1]!.length).toBeGreaterThan(3);
    expect(r.stdout).toMatch(/"cv":\s*0\.5458\d+/);
    expect(primary.indicators.filter((i: any) => !i.pass).map((i: any) => i.id)).toEqual(['sports_area_per_pupil']);

    // units[]
    expect(c.units).toHaveLength(19 + 9);
    for (const u of c.units) {
      expect(typeof u.code).toBe('string');
      expect(u.code).toMatch(/^\d{10}$/);
      expect(typeof u.name).toBe('string');
      expect(['primary', 'junior']).toContain(u.level);
      expect(Number.isInteger(u.students)).toBe(true);
      expect(u.indicators).toHaveLength(7);
      for (const ind of u.indicators) {
        expect(typeof ind.id).toBe('string');
        expect(typeof ind.value).toBe('number');
        expect(typeof ind.standard).toBe('number');
        expect(typeof ind.floor).toBe('number');
        expect(ind.floor).toBeCloseTo(ind.standard * 0.85, 12);
        expect(typeof ind.met).toBe('boolean');
      }
      expect(Number.isInteger(u.met)).toBe(true);
      expect(u.met).toBe(u.indicators.filter((i: any) => i.met).length);
      expect(typeof u.pass).toBe('boolean');
    }
    expect(
      c.units
        .filter((u: any) => !u.pass)
        .map((u: any) => u.name)
        .sort(),
    ).toEqual([...FAILING].sort());

    // excluded[]
    expect(c.excluded.map((e: any) => [e.name, e.reason])).toEqual(
      expect.arrayContaining([
        ['石桥镇张湾教学点', 'teaching-point-under-50'],
        ['青山县特殊教育学校', 'special-education'],
      ]),
    );
    expect(c.excluded).toHaveLength(2);
    for (const e of c.excluded) {
      expect(typeof e.code).toBe('string');
      expect(typeof e.name).toBe('string');
      expect(typeof e.reason).toBe('string');
    }

    // classSize
    for (const k of ['classes', 'overLimit', 'large', 'superLarge'])
      expect(Number.isInteger(c.classSize[k]), k).toBe(true);
    expect(c.classSize).toMatchObject({ overLimit: 23, large: 6, superLarge: 1 });
    expect(primary.classSize).toMatchObject({ overLimit: 13, large: 4, superLarge: 1 });
    expect(junior.classSize).toMatchObject({ overLimit: 10, large: 2, superLarge: 0 });

    // checks[]
    expect(Array.isArray(c.checks)).toBe(true);
    for (const ch of c.checks) {
      expect(typeof ch.id).toBe('string');
      expect(ch.pass === null || typeof ch.pass === 'boolean').toBe(true);
      expect(Array.isArray(ch.failures)).toBe(true);
    }
    const check = (id: string) => c.checks.find((x: any) => x.id === id);
    expect(check('school-size')).toMatchObject({ pass: false });
    expect(check('school-size').failures).toEqual([expect.objectContaining({ name: '青山县实验小学', value: 2280 })]);
    expect(check('special-rooms').failures).toEqual([expect.objectContaining({ name: '柳河镇王庄小学', value: 0 })]);
    expect(
      check('per-school')
        .failures.map((f: any) => f.name)
        .sort(),
    ).toEqual([...FAILING].sort());
  });
});

describe('demo county (language and colour)', () => {
  it('--lang en gives English output', () => {
    const r = run([DEMO, '--lang', 'en']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Verdict');
    expect(r.stdout).toMatch(/\bfail\b/);
    expect(r.stdout).not.toContain('结论');
    expect(r.stdout).not.toContain('未达标');
    expect(r.stdout).toContain('青山县'); // data stays as written
  });

  it('prints no ANSI escape codes when NO_COLOR is set or stdout is not a TTY', () => {
    for (const env of [{ NO_COLOR: '1' }, { NO_COLOR: undefined }, { NO_COLOR: undefined, FORCE_COLOR: '3' }]) {
      const r = run([DEMO], env);
      expect(r.status).toBe(1);
      expect(r.stdout.length).toBeGreaterThan(0);
      expect(r.stdout, JSON.stringify(env)).not.toMatch(ANSI);
      expect(r.stderr).not.toMatch(ANSI);
    }
  }, 20_000);
});
