// issue 9 (evidence): plausible magnitudes per pupil of the facility columns, as data. A school whose figure
// per pupil falls outside a range most likely has a unit slip, which the warning names.
import type { FacilityKey } from '../quantities.js';

export interface PlausibleRange {
  /** Below this per pupil: too small (a total > 0 only; a 0 is a missing figure, not a unit slip). */
  min?: number;
  /** The likely slip when below min (a label key under slip.). */
  low?: string;
  max?: number;
  high?: string;
}

export const PLAUSIBLE: Partial<Record<FacilityKey, PlausibleRange>> = {
  // Yuan per pupil: national standards ask 2 000–2 500; under 10 is 万元 entered under a plain 元 header.
  equipment_value: { min: 10, low: 'wan-yuan-as-yuan', max: 1_000_000, high: 'yuan-as-wan-yuan' },
  // m² per pupil: standards ask about 4–5; under 0.1 is 亩 (666.7 m²) or 万平方米; over 200 is no school.
  teaching_area: { min: 0.1, low: 'mu-as-m2', max: 200, high: 'm2-too-large' },
  sports_area: { min: 0.1, low: 'mu-as-m2', max: 200, high: 'm2-too-large' },
  indoor_sports_area: { max: 200, high: 'm2-too-large' },
};
