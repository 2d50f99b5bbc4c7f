// issue 14: `diff OLD NEW` through the built CLI (acceptance 4): a file against itself, and against a copy with
// one school's sports area halved.
import { describe, expect, it } from 'vitest';
import { DEMO, run, runJson } from './helpers.js';
import { goodPrimary } from '../helpers.js';
import { DiffReport } from '../../src/plan/report.js';
import { schoolsCsv, tempDir } from './plan-helpers.js';

const dir = tempDir('bc-diff-');
const schools = [
  goodPrimary('3301000001', 420, { name: '甲小学' }),
  goodPrimary('3301000002', 900, { name: '乙小学' }),
  goodPrimary('3301000003', 1300, { name: '丙小学' }),
  goodPrimary('3301000004', 600, { name: '丁小学' }),
];

describe('diff', () => {
  it('a file against itself: no change, exit 0', () => {
    const r = run(['diff', DEMO, DEMO]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('青山县  结论：未达标 → 未达标\n  没有变化');
    expect(r.stdout).toContain('没有变差的项目');
    const j = runJson(['diff', DEMO, DEMO]);
    expect(j.status).toBe(0);
    expect(DiffReport.safeParse(j.json).success).toBe(true);
    expect(j.json).toMatchObject({ kind: 'diff', diffVersion: 1, worse: false, exitCode: 0 });
    expect(j.json.counties[0]).toMatchObject({
      units: [],
      classes: [],
      schoolsAdded: [],
      schoolsRemoved: [],
      worse: [],
    });
  });

  it("one school's sports area halved: exactly that unit, its indicator and the CVs, exit 1", () => {
    const old = schoolsCsv(dir, 'old.csv', schools);
    const halved = schools.map((s) => (s.code === '3301000003' ? { ...s, sports_area: Number(s.sports_area) / 2 } : s));
    const now = schoolsCsv(dir, 'new.csv', halved);
    const r = runJson(['diff', old, now, '--county', '测试县']);
    expect(r.status).toBe(1);
    const c = r.json.counties[0];
    expect(c.units).toHaveLength(1);
    expect(c.units[0]).toMatchObject({ code: '3301000003', level: 'primary', was: true, now: false });
    expect(c.units[0].indicators.map((i: { id: string }) => i.id)).toEqual(['sports_area_per_pupil']);
    expect(c.units[0].indicators[0]).toMatchObject({ was: 9, now: 4.5, metWas: true, metNow: false });
    const primary = c.levels.find((l: { level: string }) => l.level === 'primary');
    const changed = primary.indicators.filter((i: { cv: { was: number; now: number } }) => i.cv.was !== i.cv.now);
    expect(changed.map((i: { id: string }) => i.id)).toEqual(['sports_area_per_pupil']);
    expect(changed[0].cv.now).toBeGreaterThan(changed[0].cv.was);
    expect(c.worse).toContain('unit:3301000003:primary');
    expect(c.worse).toContain('verdict');

    const t = run(['diff', old, now, '--county', '测试县']);
    expect(t.status).toBe(1);
    expect(t.stdout).toContain('丙小学（小学）：✓ → ✗');
    expect(t.stdout).toMatch(/运动场馆：差异系数 0\.\d{3} → 0\.\d{3}/);
    expect(t.stdout).toContain('变差');
    const back = runJson(['diff', now, old, '--county', '测试县']);
    expect(back.status).toBe(0);
    expect(back.json.worse).toBe(false);
  });

  it('needs exactly two inputs', () => {
    const r = run(['diff', DEMO]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('diff 需要两个输入');
  });
});
