// Issue 11, "Class CSV": a class CSV is aggregated into counts per school × level as it streams, so memory
// grows with schools, never with classes, and every count the judge reads stays what the list of sizes gave.
import { describe, it, expect } from 'vitest';
import { readClassCsv } from '../src/stream.js';
import { checkClasses, classCuts, tallyOf, type ClassAggregate } from '../src/validate/classes.js';
import { classCounts } from '../src/compute/index.js';
import { BUILT_IN, builtInProfile } from '../src/profiles/index.js';
import type { Profile } from '../src/profiles/schema.js';
import type { SchoolRecord } from '../src/validate/schemas.js';
import type { RawFinding } from '../src/findings.js';

const quality = builtInProfile('quality-2017');
const LEVEL_WORD = { primary: '小学', junior: '初中' } as const;
type Lv = keyof typeof LEVEL_WORD;

/** A class CSV: rows of [code, level, pupils]. */
function classCsv(rows: [string, Lv, number][]): Uint8Array {
  const lines = ['学校代码,学段,年级,班级,学生数'];
  rows.forEach(([code, level, n], i) => {
    lines.push(`${code},${LEVEL_WORD[level]},${level === 'primary' ? '一年级' : '七年级'},${i + 1}班,${n}`);
  });
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

function read(rows: [string, Lv, number][], profile: Profile = quality): ClassAggregate {
  const file = readClassCsv({ path: 'classes.csv', bytes: classCsv(rows) }, classCuts(profile));
  expect(file).toBeDefined();
  expect(file!.findings).toEqual([]);
  return file!.classes;
}

/** Nine-year schools (both levels), so that every class keeps the level its row gives. */
function schools(codes: string[]): Map<string, SchoolRecord[]> {
  const byCode = new Map<string, SchoolRecord[]>();
  for (const code of codes)
    byCode.set(
      code,
      (['primary', 'junior'] as const).map(
        (level) =>
          ({
            code,
            type: 'nine_year',
            level,
            source: {
              file: 's.csv',
              sheet: 's.csv',
              row: 2,
              raw: {},
              columns: { students: { letter: 'G', header: '在校生数' } },
            },
          }) as unknown as SchoolRecord,
      ),
    );
  return byCode;
}

/** Numbers held by the aggregate: keys, array and typed-array slots, walked through every group (its first row, `at`, aside: one per group). */
function footprint(value: unknown, seen = new Set<unknown>()): number {
  if (value === null || typeof value !== 'object' || seen.has(value)) return 1;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return (value as Uint32Array).length;
  if (value instanceof Map) return [...value].reduce((a, [k, v]) => a + footprint(k, seen) + footprint(v, seen), 0);
  return Object.entries(value).reduce((a: number, [k, v]) => a + 1 + (k === 'at' ? 0 : footprint(v, seen)), 0);
}

const code = (i: number) => String(3300000000 + i);

describe('class aggregate: memory flat in classes', () => {
  it('10× the classes of the same schools hold the same number of slots', () => {
    const codes = Array.from({ length: 20 }, (_, i) => code(i));
    const file = (perLevel: number) =>
      codes.flatMap((c) =>
        (['primary', 'junior'] as const).flatMap((lv) =>
          Array.from({ length: perLevel }, (_, k) => [c, lv, 30 + ((k * 7) % 40)] as [string, Lv, number]),
        ),
      );
    const small = read(file(10));
    const large = read(file(100));
    expect(footprint(large)).toBe(footprint(small));
    // ... and still counts every class.
    const sizes = checkClasses(large, schools(codes), []);
    expect(sizes.get(`${code(0)}\u0000primary`)!.n).toBe(100);
    expect(checkClasses(small, schools(codes), []).get(`${code(0)}\u0000junior`)!.n).toBe(10);
  });
});

describe('class aggregate: exact counts at the boundaries (quality-2017)', () => {
  const sizes = [45, 46, 50, 51, 55, 56, 65, 66];
  const agg = read(sizes.flatMap((n) => [[code(1), 'primary', n] as [string, Lv, number], [code(1), 'junior', n]]));
  const tallies = checkClasses(agg, schools([code(1)]), []);
  const counts = (level: Lv) =>
    classCounts(tallies.get(`${code(1)}\u0000${level}`), [], quality.classSize.limits[level], quality);

  it('primary: over 45 is over the limit; 大班额 56–65; 超大班额 66 and more', () => {
    expect(counts('primary')).toEqual({
      classes: 8,
      overLimit: 7, // 46 50 51 55 56 65 66
      large: 2, // 56 65
      superLarge: 1, // 66
      largest: 66,
      uncertain: 0,
    });
  });

  it('junior: over 50 is over the limit', () => {
    expect(counts('junior')).toEqual({ classes: 8, overLimit: 5, large: 2, superLarge: 1, largest: 66, uncertain: 0 });
  });

  it('pupils add up: the sum of class sizes is checked against 在校生数', () => {
    const out: RawFinding[] = [];
    const byCode = schools([code(1)]);
    const total = sizes.reduce((a, s) => a + s, 0);
    byCode.get(code(1))![0]!.students = total; // primary: agrees
    byCode.get(code(1))![1]!.students = total + 1; // junior: one pupil more than its classes
    checkClasses(agg, byCode, out);
    expect(out.map((f) => [f.code, f.value, f.params])).toEqual([
      ['class-students-mismatch', total + 1, { sum: total }],
    ]);
  });

  it('a threshold the tally was not built for is an internal error, never a silent 0', () => {
    expect(() => classCounts(tallies.get(`${code(1)}\u0000primary`), [], 47, quality)).toThrow(
      'class tally has no threshold 47',
    );
  });
});

/** The counts as they were computed from the list of sizes before the aggregate kept counts. */
function listCounts(sizes: number[], limit: number, profile: Profile) {
  const { large, superLarge } = profile.classSize;
  return {
    classes: sizes.length,
    overLimit: sizes.filter((s) => s > limit).length,
    large: sizes.filter((s) => s >= large.min && s <= large.max).length,
    superLarge: sizes.filter((s) => s >= superLarge).length,
    largest: sizes.length ? Math.max(...sizes) : 0,
    uncertain: 0,
  };
}

describe('class aggregate: the same counts as the list of sizes, on a generated file', () => {
  // A seeded generator (no flaky failure): 300 schools, 0–40 classes per level, sizes 0–120.
  let seed = 11;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const rows: [string, Lv, number][] = [];
  const codes = Array.from({ length: 300 }, (_, i) => code(i));
  for (const c of codes)
    for (const lv of ['primary', 'junior'] as const) {
      const n = rand(41);
      for (let k = 0; k < n; k++) rows.push([c, lv, rand(4) === 0 ? 40 + rand(35) : rand(121)]);
    }
  // Interleave schools, as a class sheet sorted by grade would.
  rows.sort((a, b) => (a[2] % 7) - (b[2] % 7));

  const byUnit = new Map<string, number[]>();
  for (const [c, lv, n] of rows) byUnit.set(`${c}\u0000${lv}`, [...(byUnit.get(`${c}\u0000${lv}`) ?? []), n]);

  for (const [id, profile] of Object.entries(BUILT_IN)) {
    it(`every school × level, profile ${id}`, () => {
      const tallies = checkClasses(read(rows, profile), schools(codes), []);
      let compared = 0;
      for (const c of codes)
        for (const lv of ['primary', 'junior'] as const) {
          const sizes = byUnit.get(`${c}\u0000${lv}`) ?? [];
          const t = tallies.get(`${c}\u0000${lv}`);
          expect(t?.n ?? 0).toBe(sizes.length);
          expect(t?.sum ?? 0).toBe(sizes.reduce((a, s) => a + s, 0));
          const limit = profile.classSize.limits[lv];
          const want = listCounts(sizes, limit, profile);
          expect(classCounts(t, [], limit, profile)).toEqual(want);
          // The list form (tests, callers with sizes at hand) gives the same.
          expect(classCounts(sizes, [], limit, profile)).toEqual(want);
          expect(classCounts(tallyOf(sizes, classCuts(profile)), [], limit, profile)).toEqual(want);
          compared++;
        }
      expect(compared).toBe(600);
    });
  }
});
