// End-to-end: bad data (exit 2) and unreadable inputs (exit 3) through the built CLI.
// Fixtures come from fixtures/bad/make-bad.mjs (derived deterministically from the demo).
import { describe, it, expect } from 'vitest';
import { BAD, DEMO, expectOneLineNoStack, run, runJson } from './helpers.js';

describe('data errors → exit 2', () => {
  it('a missing required column (体育运动场馆面积) is ONE missing-column finding, not one per row', () => {
    const r = runJson([BAD.missingColumn]);
    expect(r.status).toBe(2);
    expect(r.json.exitCode).toBe(2);
    expect(r.json.inputs[0].status).toBe('invalid');
    const missing = r.json.findings.filter((f: any) => f.code === 'missing-column');
    expect(missing).toHaveLength(1);
    const f = missing[0];
    expect(f.severity).toBe('error');
    expect(`${f.header ?? ''} ${f.message}`).toContain('体育运动场馆面积');
    expect(f.message).toContain('quality-2017'); // names the standard that needs it (docs/input.md)
    // Nothing else complains about the column row by row.
    const aboutColumn = r.json.findings.filter(
      (x: any) => x.header === '体育运动场馆面积' || String(x.message).includes('体育运动场馆面积'),
    );
    expect(aboutColumn).toHaveLength(1);
  });

  it('"三百" in 在校生数 is a type-error at 学校!I4 with the original value, in JSON and in text', () => {
    const j = runJson([BAD.typeError]);
    expect(j.status).toBe(2);
    expect(j.json.exitCode).toBe(2);
    const typeErrors = j.json.findings.filter((f: any) => f.code === 'type-error');
    expect(typeErrors).toHaveLength(1);
    expect(typeErrors[0]).toMatchObject({
      code: 'type-error',
      severity: 'error',
      file: BAD.typeError,
      sheet: '学校',
      row: 4,
      column: 'I',
      header: '在校生数',
      value: '三百',
    });
    expect(typeErrors[0].message).toBe('「三百」不是数字：请填写阿拉伯数字，如 300');

    const t = run([BAD.typeError]);
    expect(t.status).toBe(2);
    const line = t.stdout.split('\n').find((l) => l.includes('三百'));
    expect(line, 'a text line showing the bad value').toBeDefined();
    expect(line).toContain('I4');
    expect(line).toContain('学校');
    expect(line).toContain('在校生数');
  });
});

describe('unreadable inputs → exit 3', () => {
  it('random bytes named .xlsx: exit 3, one stderr line, no stack trace, empty stdout', () => {
    const r = run([BAD.randomBytes]);
    expect(r.status).toBe(3);
    expectOneLineNoStack(r.stderr);
    expect(r.stderr).toContain('random-bytes.xlsx');
    expect(r.stdout).toBe('');
  });

  it('a damaged ZIP named .xlsx: exit 3, one stderr line, no stack trace, empty stdout', () => {
    const r = run([BAD.corruptZip]);
    expect(r.status).toBe(3);
    expectOneLineNoStack(r.stderr);
    expect(r.stderr).toContain('corrupt-zip.xlsx');
    expect(r.stdout).toBe('');
  });

  it('a path that does not exist: exit 3, one-line stderr naming it', () => {
    const path = 'fixtures/bad/does-not-exist.xlsx';
    const r = run([path]);
    expect(r.status).toBe(3);
    expectOneLineNoStack(r.stderr);
    expect(r.stderr).toContain(path);
    expect(r.stdout).toBe('');
  });

  it('several inputs: demo + a nonexistent file → exit 3, and the demo is still assessed', () => {
    const missing = 'fixtures/bad/does-not-exist.xlsx';
    for (const args of [
      [DEMO, missing],
      [missing, DEMO],
    ]) {
      const r = runJson(args);
      expect(r.status).toBe(3);
      expect(r.json.exitCode).toBe(3);
      expect(r.json.counties.map((c: any) => c.county)).toEqual(['青山县']);
      expect(r.json.counties[0].verdict).toBe('fail');
      const byPath = Object.fromEntries(r.json.inputs.map((i: any) => [i.path, i.status]));
      expect(byPath).toEqual({ [DEMO]: 'ok', [missing]: 'error' });
      expectOneLineNoStack(r.stderr);
      expect(r.stderr).toContain(missing);
    }
    // Text format too: the demo's report is printed, the missing file is reported on stderr.
    const t = run([DEMO, missing]);
    expect(t.status).toBe(3);
    expect(t.stdout).toContain('青山县');
    expectOneLineNoStack(t.stderr);
  }, 20_000);
});
