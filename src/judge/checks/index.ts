// The registry of checks, in report order (the JSON `checks` keep this order). One line per check.
import type { CheckModule } from './types.js';
import { check as cv } from './cv.js';
import { check as composite } from './composite.js';
import { check as perSchool } from './per-school.js';
import { check as classSize } from './class-size.js';
import { check as schoolSize } from './school-size.js';
import { check as specialRooms } from './special-rooms.js';
import { check as staffing } from './staffing.js';

export const CHECKS: readonly CheckModule[] = [cv, composite, perSchool, classSize, schoolSize, specialRooms, staffing];

/** Every check id the registry knows: what a profile's `parts[].checks` and `countyItems[].check` may name. */
export const CHECK_IDS: readonly string[] = CHECKS.map((c) => c.id);

export type { CheckModule } from './types.js';
