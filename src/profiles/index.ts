import { Profile } from './schema.js';
import { quality2017 } from './quality-2017.js';
import { basic2012 } from './basic-2012.js';
import { FatalError } from '../findings.js';

export const BUILT_IN: Record<string, Profile> = {
  'quality-2017': Profile.parse(quality2017),
  'basic-2012': Profile.parse(basic2012),
};
export { DEFAULT_STANDARD, STANDARD_IDS } from './ids.js';

export function builtInProfile(id: string): Profile {
  const p = BUILT_IN[id];
  if (!p) throw new FatalError('unknown-standard', { id, known: Object.keys(BUILT_IN).join(', ') });
  return p;
}
export { Profile };
