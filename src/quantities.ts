// Per-unit quantities that indicators divide by pupils. A simple quantity is one column's value, declared on
// that column in the column catalogue (map/columns.ts `quantity`); the few built from several columns or
// moved by a profile option are declared here, with their words. A profile's needs become column requirements.
import type { Profile } from './profiles/schema.js';
import { SCHOOL_COLUMNS, facilityKeys, type FacilityKey } from './map/columns.js';

export type { FacilityKey };

/** Quantities computed from several columns (units/index.ts unitQuantities): alternatives of columns, and words. */
export const COMPOSITE_QUANTITIES = {
  qualifiedTeachers: {
    sources: [['qualified_teachers'], ['postgrad_teachers', 'bachelor_teachers', 'associate_teachers']],
    words: { zh: '高于规定学历教师数', en: 'teachers above the required qualification' },
  },
  peArtTeachers: {
    sources: [['pe_teachers', 'music_teachers', 'art_teachers'], ['pe_art_teachers']],
    words: { zh: '体育、音乐、美术专任教师数', en: 'PE, music and fine-art teachers' },
  },
  teachingArea: {
    sources: [['teaching_area']],
    words: {
      zh: '教学及辅助用房面积（不含室内体育用房）',
      en: 'teaching and auxiliary room area (less indoor sports rooms)',
    },
  },
  sportsArea: {
    sources: [['sports_area']],
    words: { zh: '体育运动场馆面积（含室内体育用房）', en: 'sports ground and hall area (with indoor sports rooms)' },
  },
} as const satisfies Record<string, { sources: readonly (readonly string[])[]; words: { zh: string; en: string } }>;

/** Every quantity, composite and simple (built-in and registered), in a stable order. */
export function quantityIds(): string[] {
  return [...Object.keys(COMPOSITE_QUANTITIES), ...SCHOOL_COLUMNS.flatMap((c) => (c.quantity ? [c.quantity] : []))];
}

/** The column that is a simple quantity, if q is one. */
export function quantityColumn(q: string) {
  return SCHOOL_COLUMNS.find((c) => c.quantity === q);
}

/** Alternatives: any one complete list of columns is enough. */
export function quantitySources(q: string): readonly (readonly string[])[] {
  if (Object.hasOwn(COMPOSITE_QUANTITIES, q))
    return COMPOSITE_QUANTITIES[q as keyof typeof COMPOSITE_QUANTITIES].sources;
  const col = quantityColumn(q);
  return col ? [[col.key]] : [];
}

/** A quantity in words, for `explain`. */
export function quantityWords(q: string): { zh: string; en: string } {
  if (Object.hasOwn(COMPOSITE_QUANTITIES, q)) return COMPOSITE_QUANTITIES[q as keyof typeof COMPOSITE_QUANTITIES].words;
  const words = quantityColumn(q)?.words;
  if (!words) throw new Error(`quantity ${q} has no words`); // profiles are validated against quantityIds()
  return words;
}

/** The built-in facility columns: they belong to the building, so a 全校 row's figure is split between levels. */
export const FACILITY_KEYS: readonly FacilityKey[] = facilityKeys() as FacilityKey[];

/** Column groups a profile needs; each group is a list of alternatives. */
export function requiredColumns(profile: Profile): (readonly (readonly string[])[])[] {
  const groups: (readonly (readonly string[])[])[] = [[['code']], [['name']], [['type']], [['students']]];
  const quantities = new Set<string>(profile.indicators.map((i) => i.quantity));
  quantities.add('teachers'); // staffing
  for (const q of quantities) groups.push(quantitySources(q));
  return groups;
}
