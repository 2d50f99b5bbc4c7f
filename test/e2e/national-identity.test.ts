// Issue 11, acceptance 3: the reports on national-style files stay byte-identical while the reader, the core
// and the renderers are rewritten for speed. The bench generator (seeded) writes 600 school rows in 6
// counties as xlsx, csv and a class csv, and 2 100 rows (21 counties, more than the 2 000 units above which
// the JSON is written compactly, county by county) as csv + class csv; the BUILT CLI runs on them with cwd =
// the data folder and relative names, and every output must equal the golden in fixtures/golden/ byte for
// byte. The goldens were produced by the code before the rewrite; regenerate them with `npm run golden`
// ONLY when a change of output is intended (and say so in the commit).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { generate } from '../../bench/generate.mjs';
// @ts-expect-error: a plain .mjs script without types
import { firstDifference } from '../../bench/first-difference.mjs';
import { BIN, ROOT } from './helpers.js';

const GOLDEN = join(ROOT, 'fixtures', 'golden', 'national');
const MANIFEST = join(GOLDEN, 'manifest.json');
/** Set by `npm run golden` (scripts/golden.mjs): write the goldens instead of comparing. */
const WRITE = process.env.BALANCE_CHECK_GOLDEN === 'write';

interface Case {
  id: string;
  inputs: string[];
  format: 'json' | 'text' | 'csv';
  lang?: 'en';
}
const DATA = [
  { name: 'national-600', rows: 600, counties: 6, xlsx: true },
  { name: 'national-2100', rows: 2100, counties: 21, xlsx: false },
] as const;
const CASES: Case[] = [
  ...(['json', 'text', 'csv'] as const).flatMap((format) => [
    { id: `600-xlsx.${format}`, inputs: ['national-600.xlsx'], format },
    { id: `600-csv.${format}`, inputs: ['national-600.csv'], format },
    { id: `600-csv-classes.${format}`, inputs: ['national-600.csv', 'national-600-classes.csv'], format },
  ]),
  { id: '600-xlsx-en.text', inputs: ['national-600.xlsx'], format: 'text', lang: 'en' },
  { id: '2100-csv-classes.json', inputs: ['national-2100.csv', 'national-2100-classes.csv'], format: 'json' },
];

interface Manifest {
  note: string;
  /** sha256 of each generated input: a change here means bench/generate.mjs changed, not the tool. */
  inputs: Record<string, string>;
  outputs: Record<string, { exitCode: number; bytes: number; sha256: string }>;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function runCli(dir: string, c: Case): Promise<{ exitCode: number | null; stdout: Buffer; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const args = [BIN, ...c.inputs, '--format', c.format, ...(c.lang ? ['--lang', c.lang] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code, stdout: Buffer.concat(out), stderr: err }));
  });
}

describe('national-style reports are byte-identical to the goldens (issue 11)', () => {
  let dir = '';
  const inputs: Record<string, string> = {};
  const results = new Map<string, Awaited<ReturnType<typeof runCli>>>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bc-golden-'));
    for (const d of DATA) {
      const paths = await generate(d.name, d.rows, d.counties, dir, { xlsx: d.xlsx });
      for (const p of Object.values(paths) as string[]) inputs[p.slice(dir.length + 1)] = sha256(readFileSync(p));
    }
    // Two at a time: the machine running CI may have two cores.
    const queue = [...CASES];
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) results.set(c.id, await runCli(dir, c));
    };
    await Promise.all([worker(), worker()]);
    if (WRITE) {
      mkdirSync(GOLDEN, { recursive: true });
      const manifest: Manifest = {
        note: 'Written by `npm run golden` (scripts/golden.mjs) from the code of that commit; regenerate only when a change of output is intended.',
        inputs,
        outputs: {},
      };
      for (const c of CASES) {
        const r = results.get(c.id)!;
        if (r.exitCode === null || r.exitCode === 3) throw new Error(`${c.id}: exit ${r.exitCode}\n${r.stderr}`);
        manifest.outputs[c.id] = { exitCode: r.exitCode, bytes: r.stdout.length, sha256: sha256(r.stdout) };
        writeFileSync(join(GOLDEN, `${c.id}.gz`), gzipSync(r.stdout, { level: 9 }));
      }
      writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
    }
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const manifest = (): Manifest => JSON.parse(readFileSync(MANIFEST, 'utf8'));

  // The CSVs are the generator's own bytes; the xlsx is SheetJS's writing of the same table, which a new
  // SheetJS may write differently without changing a cell: it is named only when a report differs.
  it('the generator wrote the same CSV data the goldens were made from (seeded, deterministic)', () => {
    const want = manifest().inputs;
    expect(Object.keys(inputs).sort()).toEqual(Object.keys(want).sort());
    for (const [name, hash] of Object.entries(inputs))
      if (name.endsWith('.csv'))
        expect(hash, `${name} differs from the data of the goldens: bench/generate.mjs changed?`).toBe(want[name]);
  });

  for (const c of CASES) {
    it(`${c.inputs.join(' + ')} --format ${c.format}${c.lang ? ` --lang ${c.lang}` : ''}`, () => {
      const r = results.get(c.id)!;
      const want = manifest().outputs[c.id]!;
      const golden = gunzipSync(readFileSync(join(GOLDEN, `${c.id}.gz`)));
      expect(sha256(golden), 'the golden file does not match its manifest entry').toBe(want.sha256);
      const diff = firstDifference(golden, r.stdout);
      if (diff) {
        const saved = join(tmpdir(), `bc-golden-${c.id}`);
        writeFileSync(saved, r.stdout);
        const changed = c.inputs.filter((i) => inputs[i] !== manifest().inputs[i]);
        expect.fail(
          `${c.id} differs from fixtures/golden/national/${c.id}.gz: ${diff}\n(the new output is in ${saved}` +
            (changed.length > 0 ? `; the input ${changed.join(', ')} is not the one the goldens were made from` : '') +
            '; regenerate the goldens with `npm run golden` only if the change is intended)',
        );
      }
      expect(r.exitCode).toBe(want.exitCode);
      expect(r.stderr).toBe('');
    });
  }
});
