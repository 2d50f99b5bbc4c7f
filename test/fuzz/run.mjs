// The mutation fuzzer's runner: each case's file goes to the BUILT CLI as a subprocess, once with
// --format json and once as text, and the answers are checked (see checkCase). Used by
// test/fuzz.test.ts, and on its own to reproduce or to run many more cases:
//
//   node test/fuzz/run.mjs --seed 1 --cases 2000 [--jobs 2] [--timeout 20000] [--out DIR] [--bases xlsx,csv,xls]
//   node test/fuzz/run.mjs --seed 1234 --cases 1 --keep            # one case, its file kept
//   node test/fuzz/run.mjs --property --seed 1 --cases 2000         # the evidence property, in-process
//
// Failing cases are copied to --out (default: a temp folder) as <seed>.<ext> with <seed>.json (mutations,
// failures, stderr) beside them.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCase, BASES, extOf } from './mutate.mjs';
import { evidenceFailures, crashSigns } from './evidence.mjs';
import { schemaErrors } from './schema.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'balance-check.js');

/** Runs the CLI; resolves { code, signal, stdout, stderr, ms, timedOut }. Never rejects. */
export function runCli(args, { timeout = 20_000, cwd = ROOT } = {}) {
  return new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: '1' };
    delete env.FORCE_COLOR;
    const t0 = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let timedOut = false;
    let cpu = null;
    const timer = setTimeout(() => {
      timedOut = true;
      cpu = cpuSeconds(child.pid);
      child.kill('SIGKILL');
    }, timeout);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: Date.now() - t0,
        timedOut,
        cpu,
      });
    });
  });
}

/** CPU seconds (user + system) a live process has used, from /proc (Linux); null elsewhere. On a
 * loaded machine wall time alone cannot tell a hang from a slow run. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

const sha = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * Runs one file through the CLI in both formats and lists the failures, each { kind, detail }:
 * hang, crash (signal / exit outside 0..3 / stack trace / internal error), exit-disagree,
 * json-invalid (not JSON, or not the schema, or exitCode field ≠ exit code), false-pass, input-changed.
 */
export async function checkFile(file, { timeout = 20_000 } = {}) {
  const before = sha(file);
  const json = await runCli([file, '--format', 'json'], { timeout });
  const text = await runCli([file], { timeout });
  const failures = [];
  for (const [fmt, r] of [
    ['json', json],
    ['text', text],
  ]) {
    if (r.timedOut)
      failures.push({ kind: 'hang', detail: `${fmt}: no answer in ${timeout} ms (${r.cpu ?? '?'} s CPU)` });
    else if (r.signal) failures.push({ kind: 'crash', detail: `${fmt}: killed by ${r.signal}` });
    else if (!(r.code >= 0 && r.code <= 3)) failures.push({ kind: 'crash', detail: `${fmt}: exit code ${r.code}` });
    const signs = crashSigns(r.stderr);
    if (signs.length)
      failures.push({
        kind: 'crash',
        detail: `${fmt}: ${signs.join(',')}: ${r.stderr.trim().split('\n').slice(0, 3).join(' | ').slice(0, 400)}`,
      });
  }
  if (!json.timedOut && !text.timedOut && json.code !== text.code)
    failures.push({ kind: 'exit-disagree', detail: `json exit ${json.code}, text exit ${text.code}` });
  let report;
  if (json.stdout.length) {
    try {
      report = JSON.parse(json.stdout);
    } catch (e) {
      failures.push({
        kind: 'json-invalid',
        detail: `stdout is not JSON (${String(e).slice(0, 80)}): ${json.stdout.slice(0, 120)}`,
      });
    }
  }
  if (report) {
    const errors = schemaErrors(report);
    if (errors) failures.push({ kind: 'json-invalid', detail: `schema: ${errors.slice(0, 400)}` });
    if (report.exitCode !== json.code && !json.timedOut)
      failures.push({ kind: 'json-invalid', detail: `exitCode field ${report.exitCode}, process exit ${json.code}` });
    failures.push(...evidenceFailures(report));
  } else if (json.code === 0) failures.push({ kind: 'false-pass', detail: 'exit 0 without a JSON report' });
  if (sha(file) !== before) failures.push({ kind: 'input-changed', detail: 'the input file changed' });
  return { failures, json, text };
}

/** Runs cases seed .. seed + cases − 1, `jobs` at a time; calls onResult for each. */
export async function runCases({
  seed = 1,
  cases = 100,
  jobs = 2,
  timeout = 20_000,
  bases = BASES,
  out,
  onResult,
} = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'balance-check-fuzz-'));
  const failed = [];
  let next = seed;
  const end = seed + cases;
  const worker = async () => {
    while (next < end) {
      const s = next++;
      const c = makeCase(s, bases);
      const file = join(dir, `${s}.${c.ext}`);
      writeFileSync(file, c.bytes);
      const { failures, json, text } = await checkFile(file, { timeout });
      const result = {
        seed: s,
        base: c.base,
        mutations: c.mutations,
        failures,
        exit: json.code,
        ms: json.ms + text.ms,
      };
      if (failures.length) {
        const keep = out ?? join(tmpdir(), 'balance-check-fuzz-failures');
        mkdirSync(keep, { recursive: true });
        result.saved = join(keep, `${s}.${c.ext}`);
        copyFileSync(file, result.saved);
        writeFileSync(
          join(keep, `${s}.json`),
          JSON.stringify(
            { ...result, stderr: { json: json.stderr.slice(0, 4000), text: text.stderr.slice(0, 4000) } },
            null,
            2,
          ),
        );
        failed.push(result);
      }
      rmSync(file, { force: true });
      onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  rmSync(dir, { recursive: true, force: true });
  return failed.sort((a, b) => a.seed - b.seed);
}

/** One failure class per kind and normalised detail, for the summary. */
export function classify(f) {
  return `${f.kind}: ${f.detail
    .replace(/\/tmp\/[^\s:：）)]+/g, 'FILE')
    .replace(/county \S+/g, 'county X')
    .replace(/\d+/g, 'N')
    .slice(0, 160)}`;
}

// ------------------------------------------------------------------ command line
async function main(argv) {
  const arg = (name, dflt) => {
    const i = argv.indexOf(`--${name}`);
    return i < 0 ? dflt : argv[i + 1];
  };
  const seed = Number(arg('seed', 1));
  const cases = Number(arg('cases', 100));
  if (argv.includes('--property')) return property(seed, cases);
  const kinds = arg('bases', 'xlsx,csv,xls').split(',');
  const bases = BASES.filter((b) => kinds.includes(extOf(b)));
  const out = arg('out', undefined);
  const classes = new Map();
  let done = 0;
  const t0 = Date.now();
  const failed = await runCases({
    seed,
    cases,
    jobs: Number(arg('jobs', 2)),
    timeout: Number(arg('timeout', 20_000)),
    bases,
    out,
    onResult: (r) => {
      done++;
      for (const f of r.failures) {
        const k = classify(f);
        if (!classes.has(k)) {
          classes.set(k, { count: 0, first: r });
          process.stderr.write(
            `\nNEW ${k}\n  seed ${r.seed} ${r.base}: ${r.mutations.join(' ; ')}\n  ${f.detail.slice(0, 300)}\n`,
          );
        }
        classes.get(k).count++;
      }
      if (done % 50 === 0)
        process.stderr.write(
          `[${done}/${cases}] ${Math.round((Date.now() - t0) / 1000)} s, ${classes.size} failure classes\n`,
        );
    },
  });
  const summary = [...classes].map(([k, v]) => ({
    class: k,
    count: v.count,
    seed: v.first.seed,
    base: v.first.base,
    mutations: v.first.mutations,
    saved: v.first.saved,
  }));
  console.log(
    JSON.stringify(
      { seed, cases, failedCases: failed.length, seconds: Math.round((Date.now() - t0) / 1000), classes: summary },
      null,
      2,
    ),
  );
  if (argv.includes('--keep')) for (const r of failed) console.error(`kept ${r.saved}`);
  return failed.length ? 1 : 0;
}

async function property(seed, cases) {
  const { runPropertyCase } = await import('./property.mjs');
  const { mulberry32 } = await import('../../fixtures/common.mjs');
  const rand = mulberry32(seed);
  const n = (k) => Math.floor(rand() * k);
  const classes = new Map();
  for (let i = 0; i < cases; i++) {
    const s = 1 + n(1_000_000);
    const edits = Array.from({ length: 1 + n(4) }, () => ({
      kind: n(1000),
      s: n(1000),
      r: n(1000),
      c: n(1000),
      x: n(1000),
    }));
    const { failures, log } = await runPropertyCase(s, edits);
    for (const f of failures) {
      const k = classify(f).replace(/N{2,}/g, 'N');
      if (!classes.has(k)) classes.set(k, { count: 0, seed: s, edits, log, detail: f.detail });
      classes.get(k).count++;
    }
  }
  console.log(
    JSON.stringify(
      [...classes].map(([k, v]) => ({ class: k, ...v })),
      null,
      2,
    ),
  );
  return classes.size ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
