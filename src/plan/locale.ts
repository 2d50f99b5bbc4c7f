// issue 14: the 城乡 figures moved to the compute stage (the assessment report shows them too); plan keeps its import.
export { LOCALES, localeGaps, type LocaleGroup, type LocaleId, type LocaleLevel } from '../compute/locale.js';
