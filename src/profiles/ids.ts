// The built-in standards' ids, without loading their definitions (for fast --help and option parsing).
export const STANDARD_IDS = ['quality-2017', 'basic-2012'] as const;
export const DEFAULT_STANDARD = 'quality-2017';
