// issue 14: generated counties and the county's units as compute receives them, for the plan tests.
import fc from 'fast-check';
import { workbook, goodPrimary } from './helpers.js';
import { assessWorkbook, type CountyUnits } from '../src/assess.js';
import { builtInProfile } from '../src/profiles/index.js';
import type { Profile } from '../src/profiles/schema.js';
import { computeCounty } from '../src/compute/index.js';
import { judgeCounty } from '../src/judge/index.js';

export const quality = builtInProfile('quality-2017');

export type Row = Record<string, string | number | null | undefined>;

/** The county's units as compute receives them (the assessment's own hook). */
export function unitsOf(schools: Row[], classes?: Row[], profile: Profile = quality): CountyUnits {
  let data: CountyUnits | undefined;
  assessWorkbook(workbook(schools, classes), profile, {
    county: '测试县',
    countyUnits: (_c, d) => {
      data = d;
      return undefined;
    },
  });
  return data!;
}

export function judged(d: CountyUnits, profile: Profile = quality) {
  const f = computeCounty('测试县', d.units, d.schools, d.hasClassSizes, profile);
  return { f, county: judgeCounty(f, d.excluded, profile, false) };
}

const FIELDS = [
  'qualified_teachers',
  'backbone_teachers',
  'pe_teachers',
  'teaching_area',
  'sports_area',
  'equipment_value',
  'multimedia_rooms',
] as const;

/** A generated county: schools of random size, each resource a random share of a comfortable one, class rows. */
export const county = countyGen(1.4);

/** Counties whose resources reach maxFactor × a comfortable school's (a large one spreads the CVs past their limits). */
export function countyGen(maxFactor: number) {
  return fc
    .array(
      fc.record({
        students: fc.integer({ min: 60, max: 2600 }),
        factors: fc.array(fc.double({ min: 0.3, max: maxFactor, noNaN: true }), { minLength: 7, maxLength: 7 }),
        classSpread: fc.integer({ min: -8, max: 25 }),
        rooms: fc.integer({ min: 0, max: 3 }),
        teachersFactor: fc.double({ min: 0.6, max: 1.5, noNaN: true }),
      }),
      { minLength: 3, maxLength: 8 },
    )
    .map((list) => {
      const schools: Row[] = [];
      const classes: Row[] = [];
      for (const [i, s] of list.entries()) {
        const code = `33010000${String(i + 10)}`;
        const base = goodPrimary(code, s.students) as Row;
        const row: Row = { ...base };
        for (const [k, f] of FIELDS.entries()) row[f] = Math.max(0, Math.round(Number(base[f]) * s.factors[k]!));
        row.teachers = Math.max(1, Math.round(Number(base.teachers) / s.teachersFactor));
        row.music_rooms = s.rooms;
        row.art_rooms = Math.max(0, s.rooms - 1);
        schools.push(row);
        // Classes of about 40 pupils give or take classSpread: some over the limit of 45, some 大班额.
        const n = Number(base.classes);
        let left = s.students;
        for (let c = 0; c < n && left > 0; c++) {
          const size =
            c === n - 1
              ? left
              : Math.min(left, Math.max(1, Math.round(s.students / n + (c % 2 ? s.classSpread : -s.classSpread))));
          // Three grades: a grade's pupils stay in its classes (the plan adds classes per grade).
          classes.push({ code, grade: ['三年级', '四年级', '五年级'][c % 3], class: `${c + 1}班`, students: size });
          left -= size;
        }
      }
      return { schools, classes };
    });
}

export const basic = builtInProfile('basic-2012');

/** basic-2012 counties: the eight resources each a random share (0.2–4×) of a comfortable school's. */
export const basicCounty = fc
  .array(
    fc.record({
      students: fc.integer({ min: 60, max: 2600 }),
      factors: fc.array(fc.double({ min: 0.2, max: 4, noNaN: true }), { minLength: 8, maxLength: 8 }),
    }),
    { minLength: 3, maxLength: 8 },
  )
  .map((list) =>
    list.map((s, i) => {
      const base = goodPrimary(`33010000${String(i + 10)}`, s.students) as Row;
      const teachers = Number(base.teachers);
      const wanted: Record<string, number> = {
        teaching_area: Number(base.teaching_area),
        sports_area: Number(base.sports_area),
        equipment_value: Number(base.equipment_value),
        computers: Math.ceil(s.students * 0.15),
        books: s.students * 30,
        teachers,
        qualified_teachers: Math.ceil(teachers * 0.8),
        titled_teachers: Math.ceil(teachers * 0.5),
      };
      const row: Row = { ...base };
      for (const [k, [f, v]] of Object.entries(wanted).entries()) row[f] = Math.max(1, Math.round(v * s.factors[k]!));
      // A kind never exceeds the teachers (the data's own rule).
      row.qualified_teachers = Math.min(Number(row.qualified_teachers), Number(row.teachers));
      row.titled_teachers = Math.min(Number(row.titled_teachers), Number(row.teachers));
      return row;
    }),
  );
