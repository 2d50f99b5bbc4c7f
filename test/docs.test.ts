// docs/ is generated in part from the code (scripts/docs.mjs): the profile numbers in docs/rules.md and the column
// catalogue in docs/input.md. Like a snapshot: the committed docs must be what the script writes from the built dist/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts', 'docs.mjs');
const docs = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, [SCRIPT, '--check', '--dir', dir, ...args], { cwd: ROOT, encoding: 'utf8' });

const tmp = mkdtempSync(join(tmpdir(), 'bc-docs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('docs/ generated from the code', () => {
  it('docs/rules.md and docs/input.md are what `npm run docs` writes', () => {
    expect(existsSync(join(ROOT, 'dist', 'profiles', 'index.js')), 'dist/ is missing: run `npm run build`').toBe(true);
    const r = docs(join(ROOT, 'docs'));
    // The message says what to do: run `npm run docs` and commit.
    expect(r.stderr, 'docs/ is out of date with the code: run `npm run docs` and commit the result').toBe('');
    expect(r.status).toBe(0);
  });

  it('the check fails, naming the file and the fix, when a generated number is edited by hand', () => {
    for (const f of ['rules.md', 'input.md']) copyFileSync(join(ROOT, 'docs', f), join(tmp, f));
    const rules = readFileSync(join(tmp, 'rules.md'), 'utf8');
    // The quality-2017 primary standard of teaching area, 4.5 → 4.6, as a slip in a hand edit would do.
    const row = rules.split('\n').find((l) => l.startsWith('| `teaching_area_per_pupil`') && l.includes('| 4.5 |'))!;
    expect(row).toBeDefined();
    writeFileSync(join(tmp, 'rules.md'), rules.replace(row, row.replace('| 4.5 |', '| 4.6 |')));
    const r = docs(tmp);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `${join(tmp, 'rules.md')} is out of date with the code: run \`npm run docs\` and commit the result.\n`,
    );
  });

  it('the generated numbers are the profiles’ (spot checks against src/profiles)', () => {
    const rules = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    expect(rules).toContain('| `qualified_teachers_per100` | 每百名学生拥有高于规定学历教师数 | 人 |');
    expect(rules).toContain('| 4.2 | 5.3 | 3.57 | 4.505 | 2 |');
    expect(rules).toContain('| composite: mean of the 8 CVs ≤ (小学 / 初中) | 0.65 / 0.55 |');
    expect(rules).toContain('| `social_recognition` | `recognition` | 社会认可度 | ≥ 85 % |');
    const input = readFileSync(join(ROOT, 'docs', 'input.md'), 'utf8');
    expect(input).toContain(
      '| `equipment_value` | 教学仪器设备值 | 教学仪器设备资产值、仪器设备值、equipment_value | decimal | 元 | yes | `equipmentValue` | `quality-2017`, `basic-2012` |',
    );
  });

  it('README, code comments and tests cite docs/, not the spec outside the repository', () => {
    const r = spawnSync(
      'git',
      [
        'grep',
        '-n',
        'shared/spec',
        '--',
        'README.md',
        'src',
        'test',
        'fixtures',
        'bench',
        'schema',
        'docs',
        'package.json',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    // git grep exits 1 when nothing matches; this file names the string only inside the arguments above.
    const hits = r.stdout.split('\n').filter((l) => l && !l.startsWith('test/docs.test.ts:'));
    expect(hits).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('docs');
  });

  it('every docs/*.md and rules.md § cited in README, src, test, fixtures and bench exists', () => {
    const r = spawnSync(
      'git',
      ['grep', '-h', '-o', '-E', 'docs/[a-z]+\\.md( §[0-9]+)?', '--', 'README.md', 'src', 'test', 'fixtures', 'bench'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const cites = [...new Set(r.stdout.split('\n').filter(Boolean))];
    expect(new Set(cites.map((c) => c.split(' §')[0]))).toEqual(
      new Set(['docs/rules.md', 'docs/input.md', 'docs/output.md']),
    );
    const rules = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    for (const cite of cites) {
      const [file, section] = cite.split(' §');
      expect(existsSync(join(ROOT, file!)), cite).toBe(true);
      if (section) expect(rules, cite).toMatch(new RegExp(`^## ${section}\\. `, 'm'));
    }
  });
});
