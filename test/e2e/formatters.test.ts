// End-to-end, issue 10 (formatters): --quiet reaches every format through the CLI, is applied after
// validate mode and --max-warnings (which count what quiet hides), and the JSON stays valid.
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAD, DEMO, run, runJson, sha256, tempDir, expectValid } from './helpers.js';

const QUALITY = 'fixtures/quality-county.xlsx';

describe('--quiet in every format', () => {
  it('json: the passing county and the warning are left out; verdict and exit code stay', () => {
    const loud = runJson([DEMO, QUALITY]);
    expect(loud.status).toBe(1);
    expect(loud.json.counties.map((c: any) => c.county)).toEqual(['青山县', '清河县']);
    expect(loud.json.findings.map((f: any) => f.severity)).toEqual(['warning']);
    const r = runJson([DEMO, QUALITY, '--quiet']);
    expect(r.status).toBe(1);
    expect(r.json).toMatchObject({ exitCode: 1, verdict: 'fail', findings: [] });
    expect(r.json.counties.map((c: any) => c.county)).toEqual(['青山县']);
    expectValid(r.json);
  });

  it('csv, markdown, junit, github: the passing county and the warning are not shown', () => {
    // Without --quiet each shows both (test/formatters.test.ts renders them through the library).
    for (const format of ['csv', 'markdown', 'junit', 'github']) {
      const r = run([DEMO, QUALITY, '--format', format, '-q']);
      expect(r.status, format).toBe(1);
      expect(r.stdout, format).not.toContain('清河县');
      expect(r.stdout, format).toContain('青山县');
      if (format === 'github') expect(r.stdout).not.toMatch(/^::warning /m);
    }
    expect(run([DEMO, '--format', 'github']).stdout).toMatch(/^::warning /m);
  });

  it('text: a passing county alone still prints its header line, and -o still writes the file', () => {
    // Wide enough that the header line is one line (issue 13: text fits the terminal).
    const wide = { COLUMNS: '400' };
    const r = run([QUALITY, '--quiet'], wide);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^balance-check \S+ · .+\n$/);
    const dir = tempDir();
    const out = join(dir, 'r.txt');
    writeFileSync(out, 'an earlier report\n');
    expect(run([QUALITY, '--quiet', '-o', out], wide).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(r.stdout);
  });

  it('validate --max-warnings 0 --quiet: the hidden warning still counts (exit 1), the input is unchanged', () => {
    const before = sha256(DEMO);
    const r = runJson(['validate', DEMO, '--max-warnings', '0', '--quiet']);
    expect(r.status).toBe(1);
    expect(r.json).toMatchObject({
      exitCode: 1,
      verdict: 'fail',
      counties: [],
      findings: [],
      maxWarnings: { limit: 0, warnings: 1, exceeded: true },
    });
    expect(r.stderr).toBe('balance-check: 警告 1 个，超过 --max-warnings 0\n');
    expectValid(r.json);
    expect(sha256(DEMO)).toBe(before);
  });

  it('text under --quiet counts errors only (its warnings were filtered out, not absent)', () => {
    // Wide enough that the first line is not wrapped (issue 13).
    const loud = run(['validate', BAD.typeError], { COLUMNS: '400' });
    const r = run(['validate', BAD.typeError, '-q'], { COLUMNS: '400' });
    expect([loud.status, r.status]).toEqual([2, 2]);
    expect(loud.stdout.split('\n')[0]).toMatch(/ {2}1 个错误，0 个警告$/);
    expect(r.stdout.split('\n')[0]).toMatch(/ {2}1 个错误$/);
  });

  it('an unknown --format lists the registry', () => {
    const r = run([DEMO, '--format', 'pdf']);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('text, json, csv, markdown, junit, github, xlsx, html');
  });
});
