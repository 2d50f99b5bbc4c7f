// Issue 9, acceptance 2: a property test over generated county workbooks (test/fuzz/gen.mjs: sheets
// 学校, 班级, 县域指标 that meet every quality-2017 rule) with random deletions (rows, sheets, columns,
// cells) and corruptions (number → text, negative, huge, blank; a header renamed; duplicated rows and
// columns), assessed in-process through the built library:
//   (a) exit 0 only when every judged check was assessed on data, and every gap (a binding check or a
//       county part 未评估 or 部分评估) is declared in the report and carried by a warning, so that
//       `--max-warnings 0` refuses it: 'false-pass' (a pass on no data, or an undeclared gap) and
//       'unassessed-pass' (a declared gap without a warning);
//   (b) never a thrown exception or an internal error;
//   (c) the JSON report always validates against schema/report.schema.json.
// PROPERTY_RUNS (default 120) bounds the runs; FC_SEED replays fast-check's seed. A counterexample
// prints the generator seed and the edits as applied; reproduce with
//   node test/fuzz/run.mjs --property --seed <n> --cases <m>
// Needs dist/ (`npx tsc -p tsconfig.json`).
//
// Counterexamples found today come from bugs in src (see the issue-9 fuzz findings); the assertions
// are the and are not to be weakened.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helpers shared with the stand-alone runner
import { runPropertyCase, buildCase } from './fuzz/property.mjs';
// @ts-expect-error plain ESM helpers shared with the stand-alone runner
import { EDIT_KINDS } from './fuzz/edits.mjs';
import { assess } from '../dist/index.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 120);
// CI replays one fixed seed, so that a gate is reproducible; elsewhere each run explores new cases.
const FC_SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : process.env.CI ? 20261129 : undefined;

const edit = fc.record({
  kind: fc.nat(EDIT_KINDS.length - 1),
  s: fc.nat(5),
  r: fc.nat(400),
  c: fc.nat(40),
  x: fc.nat(40),
});
const county = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  edits: fc.array(edit, { minLength: 1, maxLength: 4 }),
});

/** Fails with the case's seed, the edits as applied and the failures of `kinds`. */
async function check(seed: number, edits: unknown[], kinds: string[]): Promise<void> {
  const { failures, log } = await runPropertyCase(seed, edits);
  const hit = failures.filter((f: { kind: string }) => kinds.includes(f.kind));
  if (hit.length) {
    throw new Error(
      `generator seed ${seed}; edits: ${log.join(' ; ')}\n${hit.map((f: { kind: string; detail: string }) => `  ${f.kind}: ${f.detail}`).join('\n')}`,
    );
  }
}

const params = { numRuns: RUNS, ...(FC_SEED === undefined ? {} : { seed: FC_SEED }), interruptAfterTimeLimit: 45_000 };

describe('generated county workbooks (property)', () => {
  it('the generator gives valid, passing counties (exit 0 with full evidence) before any edit', async () => {
    for (const seed of [1, 2, 3, 42, 20240901]) {
      const { bytes } = buildCase(seed, []);
      const report = await assess([{ path: `county-${seed}.xlsx`, bytes }]);
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(report.exitCode).toBe(0);
      await check(seed, [], ['throw', 'internal-error', 'schema', 'false-pass', 'unassessed-pass', 'exit-range']);
    }
  });

  it('(b, c) deletions and corruptions never throw or give an internal error, and the JSON always validates', async () => {
    await fc.assert(
      fc.asyncProperty(county, async ({ seed, edits }) =>
        check(seed, edits, ['throw', 'internal-error', 'schema', 'exit-range']),
      ),
      params,
    );
  }, 120_000);

  it('(a) no pass claimed on no data: a county, its units, and class size over classes of every school', async () => {
    await fc.assert(
      fc.asyncProperty(county, async ({ seed, edits }) => check(seed, edits, ['false-pass'])),
      params,
    );
  }, 120_000);

  it('(a) exit 0 beside a gap only when the gap is declared and warned about (--max-warnings 0 refuses it)', async () => {
    await fc.assert(
      fc.asyncProperty(county, async ({ seed, edits }) => check(seed, edits, ['false-pass', 'unassessed-pass'])),
      params,
    );
  }, 120_000);
});
