// Cross-field checks of docs/input.md: subsets ≤ totals, duplicates, unknown schools, missing level rows,
// class pupils that do not add up, implausible magnitudes.
import { finding, type RawFinding } from '../findings.js';
import { LEVELS_OF_TYPE } from '../domain.js';
import { FACILITY_KEYS } from '../quantities.js';
import type { SchoolRecord } from './schemas.js';
import { checkClasses, type ClassAggregate, type ClassTally } from './classes.js';
import { cellAt } from './locate.js';
import { groupBy } from '../group.js';
import { PLAUSIBLE } from './plausible.js';

const SUBSETS = ['qualified_teachers', 'backbone_teachers', 'titled_teachers', 'pe_art_teachers'] as const;

export const schoolKey = (county: string | undefined, code: string) => `${county ?? ''}\u0000${code}`;

export function crossCheck(
  schools: SchoolRecord[],
  classes: ClassAggregate,
): { findings: RawFinding[]; classSizes: Map<string, ClassTally> } {
  const out: RawFinding[] = [];
  for (const s of schools) rowChecks(s, out);
  const byCode = groupBy(schools, (s) => s.code!);
  for (const rows of byCountyAndCode(schools, byCode)) schoolChecks(rows, out);
  // Without any school rows every class would be "unknown": the missing table is already the finding.
  const classSizes = schools.length > 0 ? checkClasses(classes, byCode, out) : new Map<string, ClassTally>();
  return { findings: out, classSizes };
}

/**
 * The schools by county and code (schoolKey), in the order each pair first appears, split from the groups by
 * code: a code is nearly always in one county, so no key is built per row.
 */
function byCountyAndCode(schools: SchoolRecord[], byCode: Map<string, SchoolRecord[]>): SchoolRecord[][] {
  const groups: SchoolRecord[][] = [];
  let split = false;
  for (const rows of byCode.values()) {
    const county = rows[0]!.county ?? '';
    if (rows.every((r) => (r.county ?? '') === county)) groups.push(rows);
    else {
      split = true;
      for (const g of groupBy(rows, (r) => r.county ?? '').values()) groups.push(g);
    }
  }
  if (split) {
    const position = new Map(schools.map((s, i) => [s, i]));
    groups.sort((a, b) => position.get(a[0]!)! - position.get(b[0]!)!);
  }
  return groups;
}

function rowChecks(s: SchoolRecord, out: RawFinding[]): void {
  // 10-digit school codes kept as numbers lose a leading 0.
  if (s.code !== undefined && /^\d{9}$/.test(s.code))
    out.push(finding('code-leading-zero', 'warning', cellAt(s.source, 'code', 'schools'), { value: s.code }));
  if (s.indoor_sports_area !== undefined && s.teaching_area !== undefined && s.indoor_sports_area > s.teaching_area) {
    const totalHeader = s.source.columns.teaching_area?.header ?? '教学及辅助用房面积';
    out.push(
      finding('subset-exceeds-total', 'error', cellAt(s.source, 'indoor_sports_area', 'schools'), {
        value: s.indoor_sports_area,
        params: { total: s.teaching_area, totalHeader },
      }),
    );
  }
  const total = s.teachers;
  const subsets: [string, number | undefined][] = SUBSETS.map((k) => [k, s[k]]);
  const pe = [s.pe_teachers, s.music_teachers, s.art_teachers];
  if (pe.some((v) => v !== undefined)) subsets.push(['pe_teachers', pe.reduce<number>((a, v) => a + (v ?? 0), 0)]);
  const degrees = [s.postgrad_teachers, s.bachelor_teachers, s.associate_teachers];
  if (degrees.some((v) => v !== undefined))
    subsets.push(['associate_teachers', degrees.reduce<number>((a, v) => a + (v ?? 0), 0)]);
  if (total !== undefined) {
    for (const [key, v] of subsets) {
      if (v !== undefined && v > total) {
        out.push(
          finding('subset-exceeds-total', 'error', cellAt(s.source, key, 'schools'), {
            value: v,
            params: { total, totalHeader: s.source.columns.teachers?.header ?? '专任教师数' },
          }),
        );
      }
    }
    if (s.staff !== undefined && total > s.staff) {
      out.push(
        finding('subset-exceeds-total', 'error', cellAt(s.source, 'teachers', 'schools'), {
          value: total,
          params: { total: s.staff, totalHeader: s.source.columns.staff?.header ?? '教职工数' },
        }),
      );
    }
    if (s.students !== undefined && total > s.students && s.students > 0) {
      out.push(
        finding('teachers-exceed-students', 'warning', cellAt(s.source, 'teachers', 'schools'), {
          value: total,
          params: { students: s.students },
        }),
      );
    }
  }
}

function schoolChecks(rows: SchoolRecord[], out: RawFinding[]): void {
  const first = rows[0]!;
  const seen = new Map<string, SchoolRecord>();
  for (const r of rows) {
    const prev = seen.get(r.level!);
    if (prev)
      out.push(
        finding('duplicate-school', 'error', cellAt(r.source, 'code', 'schools'), {
          value: r.code,
          params: { firstRow: prev.source.row },
        }),
      );
    else seen.set(r.level!, r);
    if (r.type !== first.type)
      out.push(
        finding('inconsistent-type', 'error', cellAt(r.source, 'type', 'schools'), {
          value: r.source.raw.type,
          params: { firstRow: first.source.row },
        }),
      );
  }
  const type = first.type!;
  for (const level of LEVELS_OF_TYPE[type]) {
    if (!seen.has(level) && type !== 'special_education' && type !== 'vocational') {
      out.push(
        finding('missing-level-row', 'error', cellAt(first.source, 'level', 'schools'), {
          value: first.code,
          params: { level },
        }),
      );
    }
  }
  // Magnitudes against all the school's pupils: a likely unit mistake (万元 as 元, m² as 亩 …).
  const pupils = rows.filter((r) => r.level !== 'whole').reduce((a, r) => a + (r.students ?? 0), 0);
  if (pupils <= 0) return;
  for (const key of FACILITY_KEYS) {
    const range = PLAUSIBLE[key];
    if (!range) continue;
    const total = rows.reduce((a, r) => a + (r[key] ?? 0), 0);
    const perPupil = total / pupils;
    const high = range.max !== undefined && perPupil > range.max;
    const low = range.min !== undefined && total > 0 && perPupil < range.min;
    if (!high && !low) continue;
    const at = rows.find((r) => r[key] !== undefined)!;
    const params = high
      ? { bound: 'max', limit: range.max!, slip: range.high ?? 'm2-too-large' }
      : { bound: 'min', limit: range.min!, slip: range.low ?? 'mu-as-m2' };
    out.push(
      finding('implausible-value', 'warning', cellAt(at.source, key, 'schools'), {
        value: at.source.raw[key],
        params: { perPupil: Number(perPupil.toPrecision(3)), ...params },
      }),
    );
  }
}
