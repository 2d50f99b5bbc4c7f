// Issue 10 (formatters): a formatter is loaded only when its format is asked for (moved from
// test/formatters.test.ts: it runs the built CLI, so it belongs with the end-to-end tests).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO, ROOT } from './helpers.js';

describe('lazy loading', () => {
  /** The module URLs node loads for `balance-check ...args`, seen by a load hook. */
  function loaded(args: string[]): string[] {
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
      { cwd: dir, encoding: 'utf8', timeout: 20_000 },
    );
    expect(r.error).toBeUndefined();
    return readFileSync(log, 'utf8').split('\n').filter(Boolean);
  }
  const SHEETJS = /\/node_modules\/xlsx\//;

  it('--help loads no formatter, no SheetJS and no chalk', () => {
    const urls = loaded(['--help']);
    expect(urls.some((u) => u.endsWith('/dist/cli.js'))).toBe(true); // the hook saw the CLI load
    expect(
      urls.filter((u) => SHEETJS.test(u) || /\/dist\/render\/(xlsx|text|csv|json)\.js$/.test(u) || /\/chalk\//.test(u)),
    ).toEqual([]);
  });

  it('--format csv loads its own formatter only; --format xlsx loads SheetJS (the hook does see it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'balance-check-out-'));
    const csv = loaded([join(ROOT, DEMO), '--format', 'csv']);
    expect(csv.some((u) => u.endsWith('/dist/render/csv.js'))).toBe(true);
    expect(csv.filter((u) => SHEETJS.test(u) || u.endsWith('/dist/render/xlsx.js') || /\/chalk\//.test(u))).toEqual([]);
    const xlsx = loaded([join(ROOT, DEMO), '-o', join(dir, 'r.xlsx')]);
    expect(xlsx.some((u) => SHEETJS.test(u))).toBe(true);
  });
});
