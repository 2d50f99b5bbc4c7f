// issue 16: the Linux single executable (`npm run build:exe`, dist-exe/) gives what the npm CLI gives, loads
// every lazily imported module (formatters, SheetJS, the xls worker) from inside itself, and handles dropped files.
// Skipped when the executable is not built; .ci/run builds it before the tests.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS, formatterEntry } from '../../src/render/formatters.js';
import { DEMO, ROOT, run, sha256, tempDir } from './helpers.js';

const EXE = join(ROOT, 'dist-exe', 'balance-check-linux-x64');
const built = existsSync(EXE);

function exe(args: string[], env: Record<string, string> = {}, cwd = ROOT) {
  const base: Record<string, string | undefined> = { ...process.env };
  delete base.FORCE_COLOR;
  delete base.BALANCE_CHECK_DROP;
  // Not under node_modules/.bin on PATH: nothing from the repository to lean on.
  const r = spawnSync(EXE, args, {
    cwd,
    env: { ...base, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return r;
}

describe.skipIf(!built)('the Linux executable', () => {
  it('is the version of this package (not a stale build)', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(exe(['--version']).stdout.trim()).toBe(version);
  });

  it('--help, the demo, validate and an .xls file: the same output and exit code as the npm CLI', () => {
    for (const args of [['--help'], [DEMO], [DEMO, '--lang', 'en'], ['validate', DEMO], ['fixtures/messy/demo.xls']]) {
      const a = exe(args);
      const b = run(args);
      expect(a.status, args.join(' ')).toBe(b.status);
      expect(a.stdout, args.join(' ')).toBe(b.stdout);
    }
    expect(exe([DEMO]).status).toBe(1);
    expect(exe(['fixtures/messy/demo.xls']).stdout).toContain('结论：未达标');
  });

  it('every output format renders inside the executable', () => {
    const dir = tempDir();
    for (const id of FORMATS) {
      const entry = formatterEntry(id);
      const out = join(dir, `report-${id}${entry.extensions[0] ?? '.txt'}`);
      const r = exe([DEMO, '-f', id, '-o', out]);
      expect(r.status, `${id}: ${r.stderr}`).toBe(1);
      expect(statSync(out).size, id).toBeGreaterThan(100);
    }
  });

  it('template -o writes the workbook', () => {
    const dir = tempDir();
    const r = exe(['template', '-o', join(dir, '模板.xlsx')]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, '模板.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('a dropped file: text result, the xlsx report beside it, numbered on a second drop, input untouched', () => {
    const dir = tempDir();
    const input = join(dir, '青石县 2024.xlsx');
    copyFileSync(join(ROOT, DEMO), input);
    const before = sha256(DEMO);
    const first = exe([input], { BALANCE_CHECK_DROP: '1' });
    expect(first.status).toBe(1);
    expect(first.stdout).toContain('青山县  结论：未达标');
    const report = join(dir, '青石县 2024-评估结果.xlsx');
    expect(first.stdout).toContain(`评估结果已保存：${report}\n`);
    // stdin is not a terminal here: no "press Enter" wait.
    expect(first.stdout).not.toContain('按回车键关闭窗口');
    expect(readFileSync(report).subarray(0, 2).toString()).toBe('PK');
    const second = exe([input], { BALANCE_CHECK_DROP: '1' });
    expect(second.stdout).toContain(`评估结果已保存：${join(dir, '青石县 2024-评估结果 (2).xlsx')}\n`);
    expect(sha256(DEMO)).toBe(before);
    expect(readFileSync(input).equals(readFileSync(join(ROOT, DEMO)))).toBe(true);
  });

  it('not dropped (on Linux, or with an option): the plain CLI, no report file', () => {
    const dir = tempDir();
    const input = join(dir, 'a.xlsx');
    copyFileSync(join(ROOT, DEMO), input);
    const r = exe([input]);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('评估结果已保存');
    expect(existsSync(join(dir, 'a-评估结果.xlsx'))).toBe(false);
  });
});
