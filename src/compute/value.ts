// A unit's indicator value: one module that compute and the 城乡 figures (./locale.ts) both use.
import type { IndicatorDef } from '../profiles/schema.js';
import type { Unit } from '../units/index.js';

/** value = quantity × per ÷ pupils; null when the quantity is missing. Multiply first: 357×100/10000 is exactly 3.57. */
export function indicatorValue(unit: Unit, def: IndicatorDef): number | null {
  const q = unit.quantities[def.quantity];
  if (q === undefined || unit.students <= 0) return null;
  return (q * def.per) / unit.students;
}
