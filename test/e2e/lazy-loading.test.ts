// Issue 10 (formatters): a formatter is loaded only when its format is asked for (moved from
// test/formatters.test.ts: it runs the built CLI, so it belongs with the end-to-end tests).
// Issue 11: the CLI runs from the esbuild bundle (dist/bundle/, scripts/bundle.mjs); its
// modules.json says which source modules each bundle file holds, so "loaded" means the source
// modules inside the bundle files node loaded, plus whatever node loaded from outside the bundle.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO, ROOT, loadedModules } from './helpers.js';

describe('lazy loading', () => {
  const loaded = loadedModules;
  const SHEETJS = /\/node_modules\/xlsx\//;
  /** Project code node loaded from dist/ outside the bundle (tsc's files): there should be none. */
  const unbundled = (loadedModules: string[]) => loadedModules.filter((u) => /\/dist\/(?!bundle\/)/.test(u));

  it('--help loads the bundle only: no formatter, no zod, no SheetJS and no chalk', () => {
    const modules = loaded(['--help']);
    expect(modules).toContain('src/cli.ts'); // the hook saw the CLI load
    expect(unbundled(modules)).toEqual([]);
    expect(
      modules.filter(
        (u) => SHEETJS.test(u) || /^src\/render\/(xlsx|text|csv|json)\.ts$/.test(u) || /\/(chalk|zod)\//.test(u),
      ),
    ).toEqual([]);
  });

  it('--help does not load node:child_process (commander gets it on first use: scripts/bundle.mjs)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'balance-check-builtins-'));
    writeFileSync(
      join(dir, 'list.mjs'),
      "process.on('exit', () => process.stderr.write('builtins: ' + process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).join(' ') + '\\n'));\n",
    );
    const r = spawnSync(
      process.execPath,
      ['--import', pathToFileURL(join(dir, 'list.mjs')).href, join(ROOT, 'bin/balance-check.js'), '--help'],
      { cwd: dir, encoding: 'utf8', timeout: 20_000 },
    );
    expect(r.status).toBe(0);
    const line = r.stderr.split('\n').find((l) => l.startsWith('builtins: ')) ?? '';
    expect(line).toContain('NativeModule fs'); // the list is there
    expect(line).not.toContain('child_process');
  });

  it('--format csv loads its own formatter only; --format xlsx its own writer, not SheetJS; template loads SheetJS (the hook does see it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'balance-check-out-'));
    const csv = loaded([join(ROOT, DEMO), '--format', 'csv']);
    expect(csv).toContain('src/render/csv.ts');
    expect(unbundled(csv)).toEqual([]);
    expect(csv.filter((u) => SHEETJS.test(u) || u === 'src/render/xlsx.ts' || /\/chalk\//.test(u))).toEqual([]);
    const xlsx = loaded([join(ROOT, DEMO), '-o', join(dir, 'r.xlsx')]);
    expect(xlsx).toContain('src/render/xlsx.ts');
    // issue 13: the report workbook is written by our own writer; SheetJS is for reading .xls and the template.
    expect(xlsx).toContain('src/render/xlsx-writer.ts');
    expect(xlsx.filter((u) => SHEETJS.test(u))).toEqual([]);
    const template = loaded(['template', '-o', join(dir, 't.xlsx')]);
    expect(template.some((u) => SHEETJS.test(u))).toBe(true);
  });
});
