// Shared helpers for the end-to-end tests: run the BUILT CLI (bin/balance-check.js → dist/) as a
// subprocess, exactly as a user or a CI script would. The tests never build; `npm test` builds first.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import Ajv2020Module from 'ajv/dist/2020.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'balance-check.js');
export const DEMO = 'fixtures/demo-county.xlsx';
export const BAD = {
  missingColumn: 'fixtures/bad/missing-column.xlsx',
  typeError: 'fixtures/bad/type-error.xlsx',
  randomBytes: 'fixtures/bad/random-bytes.xlsx',
  corruptZip: 'fixtures/bad/corrupt-zip.xlsx',
} as const;

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run `node bin/balance-check.js ...args` from the repo root, stdout/stderr piped (not a TTY). */
export function run(args: string[], env: Record<string, string | undefined> = {}): RunResult {
  if (!existsSync(join(ROOT, 'dist', 'cli.js')))
    throw new Error('dist/ is missing: run `npm run build` before the e2e tests');
  const base: Record<string, string | undefined> = { ...process.env };
  // Make colour decisions depend only on what the test passes.
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  // issue 13: text width depends only on what the test passes (piped: COLUMNS, else 100).
  delete base.COLUMNS;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...base, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 20_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run with --format json and parse stdout. */
export function runJson(args: string[], env: Record<string, string | undefined> = {}): RunResult & { json: any } {
  const r = run([...args, '--format', 'json'], env);
  let json: any;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.status}): ${r.stdout.slice(0, 300)}\nstderr: ${r.stderr}`);
  }
  return { ...r, json };
}

export function sha256(path: string): string {
  return createHash('sha256')
    .update(readFileSync(join(ROOT, path)))
    .digest('hex');
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'balance-check-e2e-'));
}

/** stderr is exactly one non-empty line (a trailing newline allowed), with no stack trace. */
export function expectOneLineNoStack(stderr: string): void {
  const lines = stderr.replace(/\n$/, '').split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]!.trim().length).toBeGreaterThan(0);
  expect(stderr).not.toMatch(/^\s+at\s/m); // stack frames
  expect(stderr).not.toMatch(/^(\w*Error|Error)( \[\w+\])?:/m); // Node's "Error: …" / "TypeError: …" prefix
  expect(stderr).not.toMatch(/node:internal|file:\/\//);
}

export const ANSI = /\u001b\[/;

const reportSchema = JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8'));
// ajv's default export differs between its ESM and CJS builds.
const Ajv2020: any = (Ajv2020Module as any).default ?? Ajv2020Module;
const validateReport = new Ajv2020({ allErrors: true }).compile(reportSchema);
/** The JSON report validates against schema/report.schema.json (the first errors shown when not). */
export const expectValid = (json: unknown) =>
  expect(validateReport(json), JSON.stringify(validateReport.errors?.slice(0, 3))).toBe(true);

/**
 * The modules node loads for `balance-check ...args`, seen by a load hook: the source modules inside each bundle
 * chunk loaded (dist/bundle/modules.json), marked 'bundle', plus what node loaded from outside the bundle.
 */
export function loadedModules(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'balance-check-hook-'));
  const log = join(dir, 'log');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }\n`,
  );
  writeFileSync(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module';\nregister(new URL('./hooks.mjs', import.meta.url));\n`,
  );
  const r = spawnSync(
    process.execPath,
    ['--import', pathToFileURL(join(dir, 'register.mjs')).href, join(ROOT, 'bin/balance-check.js'), ...args],
    { cwd: dir, encoding: 'utf8', timeout: 30_000 },
  );
  expect(r.error).toBeUndefined();
  const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const bundle = pathToFileURL(join(ROOT, 'dist/bundle/')).href;
  const inside = JSON.parse(readFileSync(join(ROOT, 'dist/bundle/modules.json'), 'utf8')) as Record<string, string[]>;
  return urls.flatMap((u) => {
    if (!u.startsWith(bundle)) return [u];
    const modules = inside[u.slice(bundle.length)];
    expect(modules, u).toBeDefined();
    return ['bundle', ...(modules ?? [])];
  });
}
