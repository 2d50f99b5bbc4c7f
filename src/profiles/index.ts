import { Profile } from './schema.js';
import { quality2017 } from './quality-2017.js';
import { basic2012 } from './basic-2012.js';
import { FatalError } from '../findings.js';

const SOURCES: Record<string, unknown> = { 'quality-2017': quality2017, 'basic-2012': basic2012 };
/** The built-in profiles, each checked by the zod schema when first used (a run uses one, not all). */
export const BUILT_IN: Record<string, Profile> = {};
for (const [id, source] of Object.entries(SOURCES)) {
  let parsed: Profile | undefined;
  Object.defineProperty(BUILT_IN, id, { enumerable: true, get: () => (parsed ??= Profile.parse(source)) });
}
export { DEFAULT_STANDARD, STANDARD_IDS } from './ids.js';

export function builtInProfile(id: string): Profile {
  const p = BUILT_IN[id];
  if (!p) throw new FatalError('unknown-standard', { id, known: Object.keys(BUILT_IN).join(', ') });
  return p;
}
export { Profile };
