// Music and art rooms: one of each per classesPerRoom classes (quality-2017: per 12 classes), per school.
import { z } from 'zod';
import type { Coverage } from '../../report/schema.js';
import type { SchoolFigures } from '../../compute/index.js';
import { result, type CheckModule } from './types.js';

const hasRooms = (s: SchoolFigures) =>
  s.roomsNeeded !== null && (s.school.musicRooms !== undefined || s.school.artRooms !== undefined);

/** Options (profile key specialRooms; null: no room rule): one music and one art room per classesPerRoom classes. */
export const options = z
  .object({ classesPerRoom: z.number().int().positive(), binding: z.boolean() })
  .strict()
  .nullable();

export const check: CheckModule = {
  id: 'special-rooms',
  reads: ['specialRooms'],
  enabled: (p) => p.specialRooms !== null,
  binding: (p) => p.specialRooms?.binding ?? true,
  run(f, _levels, _units, profile) {
    const binding = check.binding(profile);
    const judged = f.schools.filter(hasRooms);
    const failures = judged.flatMap((s) => {
      const need = s.roomsNeeded!;
      const short = [
        ['music', s.school.musicRooms ?? 0],
        ['art', s.school.artRooms ?? 0],
      ].filter(([, have]) => (have as number) < need);
      return short.map(([kind, have]) => ({
        code: s.school.code,
        name: s.school.name,
        value: have as number,
        limit: need,
        detail: kind as string,
      }));
    });
    const coverage: Coverage = {
      assessed: judged.length,
      total: f.schools.length,
      unit: 'schools',
      missing: f.schools.filter((s) => !hasRooms(s)).map((s) => ({ code: s.school.code, name: s.school.name })),
    };
    if (judged.length) return result('special-rooms', binding, failures, failures.length === 0, undefined, coverage);
    return result('special-rooms', binding, [], null, 'no-room-data');
  },
};
