import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:unit`: the in-process tests, randomised ones at a small count (test/quick.ts). Not the
// end-to-end suite (it runs the built CLI), nor the fuzz and property files: `npm test` runs everything.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ['test/e2e/**', 'test/fuzz.test.ts', 'test/property-evidence.test.ts', '**/node_modules/**'],
      env: { TEST_QUICK: '1' },
      // One module graph per worker thread, not one per file: the import of SheetJS and zod is half the run.
      // Safe while no unit test mocks modules or changes the process (no vi.mock, no chdir).
      pool: 'threads',
      isolate: false,
      // Both cores: vitest's default leaves one free, which runs these files one after another on a 2-core machine.
      maxWorkers: 2,
    },
  }),
);
