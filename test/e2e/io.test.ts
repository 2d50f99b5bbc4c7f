// End-to-end: files in and out — inputs never change, -o writes atomically, and a county that meets
// every rule exits 0.
import { readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it, expect } from 'vitest';
import { BAD, DEMO, ROOT, expectOneLineNoStack, run, sha256, tempDir } from './helpers.js';

// Four primary schools that meet every quality-2017 rule (canonical headers from docs/input.md).
const PASSING_CSV = [
  '学校代码,学校名称,学校类型,在校生数,专任教师数,高于规定学历教师数,县级以上骨干教师数,体育专任教师数,音乐专任教师数,美术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数,班级数,音乐专用教室数,美术专用教室数',
  '3301000001,示例县第一小学,小学,600,40,30,7,3,2,2,3000,5400,1500000,15,14,2,2',
  '3301000002,示例县第二小学,小学,720,46,36,8,3,3,2,3500,6200,1750000,18,16,2,2',
  '3301000003,示例县东关小学,小学,540,36,27,6,3,2,2,2700,4900,1400000,14,12,1,1',
  '3301000004,示例县西关小学,小学,480,32,24,6,2,2,2,2400,4500,1250000,12,11,1,1',
  '',
].join('\n');

describe('input files', () => {
  it('are byte-identical after every run (text, json, -o)', () => {
    const out = tempDir();
    try {
      const csv = join(out, '示例县.csv');
      writeFileSync(csv, PASSING_CSV);
      const inputs = [DEMO, BAD.missingColumn, BAD.typeError, BAD.randomBytes, relative(ROOT, csv)];
      const before = inputs.map(sha256);
      // All inputs in one invocation per output mode (each file is read and assessed on its own).
      // With the random-bytes file among them the highest code is 3; the type error alone is 2.
      const runs: [string[], number][] = [
        [[...inputs], 3],
        [[...inputs, '--format', 'json'], 3],
        [[...inputs, '-o', join(out, 'report.txt')], 3],
        [[...inputs, '--format', 'json', '-o', join(out, 'report.json')], 3],
        [[BAD.typeError, '--lang', 'en'], 2],
      ];
      for (const [args, code] of runs) {
        const r = run(args);
        expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(code);
      }
      expect(inputs.map(sha256)).toEqual(before);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('-o FILE', () => {
  it('writes the report atomically: same content as stdout, nothing on stdout, no temp files left', () => {
    const dir = tempDir();
    try {
      for (const format of ['text', 'json']) {
        const target = join(dir, `report.${format}`);
        writeFileSync(target, 'an older report that must be replaced\n');
        const toStdout = run([DEMO, '--format', format]);
        const toFile = run([DEMO, '--format', format, '-o', target]);
        expect(toStdout.status).toBe(1);
        expect(toFile.status).toBe(1);
        expect(toFile.stdout).toBe('');
        expect(toFile.stderr).toBe('');
        expect(readFileSync(target, 'utf8')).toBe(toStdout.stdout);
      }
      expect(readdirSync(dir).sort()).toEqual(['report.json', 'report.text']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});

describe('-o FILE that cannot be written', () => {
  it('exits 3 with one stderr line, no stack trace, and leaves no temp file', () => {
    const dir = tempDir();
    try {
      // Missing parent folders are created (mkdir -p); a parent that is a file cannot be.
      writeFileSync(join(dir, 'a-file'), 'x');
      const target = join(dir, 'a-file', 'report.txt');
      const r = run([DEMO, '-o', target]);
      expect(r.status).toBe(3);
      expect(r.stdout).toBe('');
      expectOneLineNoStack(r.stderr);
      expect(readdirSync(dir)).toEqual(['a-file']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a county that meets every rule', () => {
  it('exits 0 for a small CSV of 4 primary schools', () => {
    const dir = tempDir();
    try {
      const csv = join(dir, '示例县.csv');
      writeFileSync(csv, PASSING_CSV);
      const t = run([csv]);
      expect(t.status, t.stdout + t.stderr).toBe(0);
      expect(t.stderr).toBe('');
      expect(t.stdout).toContain('示例县');
      const verdictLine = t.stdout.split('\n').find((l) => l.includes('结论：'));
      expect(verdictLine).toBeDefined();
      expect(verdictLine).toContain('结论：达标');
      expect(t.stdout).not.toContain('结论：未达标');

      const j = run([csv, '--format', 'json']);
      expect(j.status).toBe(0);
      const report = JSON.parse(j.stdout);
      expect(report.exitCode).toBe(0);
      expect(report.verdict).toBe('pass');
      expect(report.findings.filter((f: any) => f.severity === 'error')).toEqual([]);
      expect(report.counties).toHaveLength(1);
      expect(report.counties[0].county).toBe('示例县'); // no 县区 column: named after the file
      expect(report.counties[0].verdict).toBe('pass');
      expect(report.counties[0].units).toHaveLength(4);
      expect(report.counties[0].units.every((u: any) => u.pass === true)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
