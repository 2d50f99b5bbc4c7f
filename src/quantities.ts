// Which input columns each per-unit quantity is built from, so a profile's needs become column requirements.
import type { Profile, Quantity } from './profiles/schema.js';

/** Alternatives: any one complete list of columns is enough. */
export const QUANTITY_SOURCES: Record<Quantity, readonly (readonly string[])[]> = {
  teachers: [['teachers']],
  qualifiedTeachers: [['qualified_teachers'], ['postgrad_teachers', 'bachelor_teachers', 'associate_teachers']],
  backboneTeachers: [['backbone_teachers']],
  peArtTeachers: [['pe_teachers', 'music_teachers', 'art_teachers'], ['pe_art_teachers']],
  titledTeachers: [['titled_teachers']],
  teachingArea: [['teaching_area']],
  sportsArea: [['sports_area']],
  equipmentValue: [['equipment_value']],
  multimediaRooms: [['multimedia_rooms']],
  computers: [['computers']],
  books: [['books']],
};

/** Facility columns: they belong to the building, so a 全校 row's figure is split between levels. */
export const FACILITY_KEYS = [
  'teaching_area',
  'indoor_sports_area',
  'sports_area',
  'equipment_value',
  'multimedia_rooms',
  'computers',
  'books',
] as const;
export type FacilityKey = (typeof FACILITY_KEYS)[number];

/** Column groups a profile needs; each group is a list of alternatives. */
export function requiredColumns(profile: Profile): (readonly (readonly string[])[])[] {
  const groups: (readonly (readonly string[])[])[] = [[['code']], [['name']], [['type']], [['students']]];
  const quantities = new Set<Quantity>(profile.indicators.map((i) => i.quantity));
  quantities.add('teachers'); // staffing
  for (const q of quantities) groups.push(QUANTITY_SOURCES[q]);
  return groups;
}
