/**
 * Sizes of randomised tests: `npm test` runs the full count, `npm run test:unit` (TEST_QUICK=1, set by
 * vitest.unit.config.ts) a small one so the edit-test loop takes seconds. Seeds are fixed either way.
 */
export const runs = (full: number, quick: number): number => (process.env.TEST_QUICK ? quick : full);
