// `npm run golden`: rewrites fixtures/golden/national/ (the byte-identity goldens of issue 11) from the
// current build. ONLY when a change of output is intended: the goldens are what proves that a rewrite for
// speed changed nothing. It runs the golden test in write mode, so the cases live in one place
// (test/e2e/national-identity.test.ts), then once more to check.
import { spawnSync } from 'node:child_process';

const vitest = (env) =>
  spawnSync('npx', ['vitest', 'run', 'test/e2e/national-identity.test.ts'], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
    shell: process.platform === 'win32',
  }).status;

if (vitest({ BALANCE_CHECK_GOLDEN: 'write' }) !== 0 || vitest({ BALANCE_CHECK_GOLDEN: '' }) !== 0) process.exit(1);
console.log('fixtures/golden/national/ rewritten: review `git diff --stat fixtures/golden` and say why in the commit.');
