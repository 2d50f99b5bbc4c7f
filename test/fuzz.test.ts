// Issue 9, acceptance 3: a seeded mutation fuzzer of the repo's own fixtures (byte flips, chunk
// edits, truncation, XML element edits inside the zip, re-zipping, CSV line edits). Each case goes to
// the BUILT CLI as a subprocess, as JSON and as text: no hang (20 s), no crash or stack trace, exit
// code 0..3 and the same in both formats, the JSON whole and valid against the schema, exit 0 only
// with evidence, the input's bytes unchanged. A pure re-zip gives exactly the baseline assessment.
//
// FUZZ_CASES (default 120) and FUZZ_SEED (default 1) choose the cases; a failure prints each failing
// seed with its mutations and where its file was saved. Reproduce outside vitest:
//   node test/fuzz/run.mjs --seed <seed> --cases 1 --keep
// Needs dist/ (`npx tsc -p tsconfig.json`).
//
// Cases that fail today because of bugs in src are left failing on purpose (see
// /work/notes/fuzz-findings.md in the issue-9 work); do not weaken the checks to make them pass.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helpers shared with the stand-alone runner
import { runCases, runCli, checkFile } from './fuzz/run.mjs';
// @ts-expect-error plain ESM helpers shared with the stand-alone runner
import { baseBytes, rezip } from './fuzz/mutate.mjs';

const CASES = Number(process.env.FUZZ_CASES ?? 120);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const JOBS = Number(process.env.FUZZ_JOBS ?? 2);

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'balance-check-fuzz-test-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('mutation fuzzer (built CLI)', () => {
  it(`${CASES} seeded cases from seed ${SEED}: no hang, no crash, exits agree, JSON valid, no pass without evidence, input unchanged`, async () => {
    const out = join(tmpdir(), `balance-check-fuzz-failures-${SEED}`);
    const failed: any[] = await runCases({ seed: SEED, cases: CASES, jobs: JOBS, out });
    const lines = failed.map(
      (r) =>
        `seed ${r.seed} (${r.base}; ${r.mutations.join(' ; ')}) saved ${r.saved}\n` +
        r.failures.map((f: any) => `    ${f.kind}: ${f.detail.slice(0, 300)}`).join('\n'),
    );
    expect(
      failed.length,
      `${failed.length} of ${CASES} cases failed; reproduce with node test/fuzz/run.mjs --seed <seed> --cases 1 --keep\n${lines.join('\n')}`,
    ).toBe(0);
    // A hang is caught per case (runCases' timeout); this bound only stops a runaway, and a loaded machine may
    // take three times the ~200 s an idle one does.
  }, 1_800_000);

  // Re-zipping changes nothing the reader may look at: same JSON (modulo the path), same text, same exit.
  for (const base of ['fixtures/demo-county.xlsx', 'fixtures/quality-county.xlsx']) {
    for (const method of [8, 0]) {
      it(`a pure re-zip of ${base} (${method === 8 ? 'deflate' : 'stored'}) gives exactly the baseline assessment`, async () => {
        const name = base.slice(base.lastIndexOf('/') + 1);
        const a = join(tmp, `orig-${method}`);
        const b = join(tmp, `rezip-${method}`);
        mkdirSync(a, { recursive: true });
        mkdirSync(b, { recursive: true });
        writeFileSync(join(a, name), baseBytes(base));
        writeFileSync(join(b, name), rezip(baseBytes(base), method));
        for (const format of ['json', 'text']) {
          const [ra, rb] = [
            await runCli([join(a, name), '--format', format]),
            await runCli([join(b, name), '--format', format]),
          ];
          expect(rb.code, rb.stderr).toBe(ra.code);
          expect(rb.stdout.split(join(b, name)).join('FILE')).toBe(ra.stdout.split(join(a, name)).join('FILE'));
          expect(rb.stderr.split(join(b, name)).join('FILE')).toBe(ra.stderr.split(join(a, name)).join('FILE'));
        }
        // And the re-zipped file itself passes every fuzz check.
        const { failures } = await checkFile(join(b, name));
        expect(failures).toEqual([]);
      }, 60_000);
    }
  }
});
