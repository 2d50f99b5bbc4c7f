// End-to-end (issue 9, output safety): -o never destroys an input or a read-only file, writes devices
// and /dev/stdout directly, cleans its temp files, takes the format from the file name; every format
// escapes hostile names; text output and error messages carry no control sequence from the data; a
// 1 MiB cell does not slow the text report.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { BIN, ROOT, expectOneLineNoStack, run, runJson, tempDir } from './helpers.js';

const HEADER =
  '学校代码,学校名称,学校类型,在校生数,专任教师数,高于规定学历教师数,县级以上骨干教师数,体育专任教师数,音乐专任教师数,美术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数,班级数,音乐专用教室数,美术专用教室数';
const DATA = [
  '小学,600,40,30,7,3,2,2,3000,5400,1500000,15,14,2,2',
  '小学,720,46,36,8,3,3,2,3500,6200,1750000,18,16,2,2',
  '小学,540,36,27,6,3,2,2,2700,4900,1400000,14,12,1,1',
  '小学,480,32,24,6,2,2,2,2400,4500,1250000,12,11,1,1',
];
const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
/** A small county CSV: one school per name, the data of four ordinary primary schools repeated. */
const countyCsv = (names: string[]) =>
  [HEADER, ...names.map((n, i) => `${3301000001 + i},${csvCell(n)},${DATA[i % DATA.length]}`)].join('\n') + '\n';
const PLAIN = countyCsv(['示例县第一小学', '示例县第二小学', '示例县东关小学', '示例县西关小学']);

const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const zh = {
  isInput: (o: string, i: string) =>
    `balance-check: 输出文件 ${o} 就是输入文件 ${i}：为保护原始数据不会覆盖它，请用 -o 指定另一个文件名\n`,
};

let tmp: string;
let input: string; // a small county CSV in the temp dir
let plainExit: number; // its exit code, whatever the other rules make of it
beforeAll(() => {
  tmp = tempDir();
  input = join(tmp, '示例县.csv');
  writeFileSync(input, PLAIN);
  plainExit = runJson([input]).json.exitCode;
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('-o naming an input file is refused (exit 3), the input untouched', () => {
  const cases: [string, () => { args: string[]; out: string; named: string }][] = [
    ['the same path', () => ({ args: [input], out: input, named: input })],
    [
      'a ./ spelling of it',
      () => ({ args: [relative(ROOT, input)], out: `./${relative(ROOT, input)}`, named: relative(ROOT, input) }),
    ],
    [
      'the absolute path of a relative input',
      () => ({ args: [relative(ROOT, input)], out: input, named: relative(ROOT, input) }),
    ],
    ['a symlink to it', () => ({ args: [input], out: link('link.csv'), named: input })],
    ['a hard link to it', () => ({ args: [input], out: hard('hard.csv'), named: input })],
    ['a file found by expanding a directory', () => ({ args: [tmp], out: input, named: `${tmp}/示例县.csv` })],
    ['a file found by a glob', () => ({ args: [`${tmp}/*.csv`], out: input, named: `${tmp}/示例县.csv` })],
  ];
  function link(name: string) {
    const p = join(tmp, 'links', name);
    mkdirSync(join(tmp, 'links'), { recursive: true });
    rmSync(p, { force: true });
    symlinkSync(input, p);
    return p;
  }
  function hard(name: string) {
    const p = join(tmp, 'links', name);
    mkdirSync(join(tmp, 'links'), { recursive: true });
    rmSync(p, { force: true });
    linkSync(input, p);
    return p;
  }
  for (const [what, make] of cases) {
    it(what, () => {
      const { args, out, named } = make();
      const before = hash(input);
      const r = run([...args, '-o', out]);
      expect(r.status, r.stderr).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(zh.isInput(out, named));
      expect(hash(input)).toBe(before);
      rmSync(join(tmp, 'links'), { recursive: true, force: true });
    });
  }

  it('validate -o and English', () => {
    const before = hash(input);
    const r = run(['validate', input, '-o', input, '--lang', 'en']);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(
      `balance-check: The output ${input} is the input file ${input}: it is not overwritten, to protect the data; give -o another file name\n`,
    );
    expect(hash(input)).toBe(before);
  });

  it('the --profile file is an input too', () => {
    const profile = join(tmp, 'p.json');
    writeFileSync(profile, '{"extends": "quality-2017"}\n');
    const r = run([input, '--profile', profile, '-f', 'json', '-o', profile]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(zh.isInput(profile, profile));
    expect(readFileSync(profile, 'utf8')).toBe('{"extends": "quality-2017"}\n');
  });
});

describe('template -o', () => {
  it('refuses an existing file without --force (exit 3), replaces it with --force', () => {
    const target = join(tmp, '已填写.xlsx');
    writeFileSync(target, 'a filled-in workbook');
    const r = run(['template', '-o', target]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(
      `balance-check: ${target} 已存在，不会覆盖（它可能是已填写数据的工作簿）：请换一个文件名，或加 --force 覆盖\n`,
    );
    expect(readFileSync(target, 'utf8')).toBe('a filled-in workbook');
    const f = run(['template', '-o', target, '--force']);
    expect(f.status, f.stderr).toBe(0);
    expect(XLSX.read(readFileSync(target)).SheetNames).toContain('学校');
  });

  it('refuses a name that says another format (issue 13: .csv is the schools table, see output-names.test.ts)', () => {
    const target = join(tmp, 'template.json');
    const r = run(['template', '-o', target]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(
      `balance-check: 模板是 .xlsx 工作簿（或 .csv 学校表），不能写成 .json 文件（${target}）：请用 .xlsx 或 .csv 作扩展名\n`,
    );
    expect(existsSync(target)).toBe(false);
  });
});

describe('-o onto a read-only file', () => {
  it('is refused (exit 3): content and mode unchanged', () => {
    const target = join(tmp, 'readonly.txt');
    writeFileSync(target, 'keep me\n');
    chmodSync(target, 0o444);
    const r = run([input, '-o', target]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(`balance-check: ${target} 是只读文件，不会替换它：请先取消只读属性，或换一个文件名\n`);
    expect(readFileSync(target, 'utf8')).toBe('keep me\n');
    expect(statSync(target).mode & 0o777).toBe(0o444);
  });
});

describe('-o onto devices, FIFOs, /dev/stdout, symlinks', () => {
  it('/dev/null stays a character device, no temp file beside it', () => {
    const r = run([input, '-o', '/dev/null']);
    expect(r.status, r.stderr).toBe(plainExit);
    expect(r.stdout).toBe('');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync('/dev').filter((f) => f.startsWith('.null.'))).toEqual([]);
  });

  it('/dev/stdout: the report arrives on stdout', () => {
    const r = run([input, '-o', '/dev/stdout', '-f', 'json']);
    expect(r.status).toBe(plainExit);
    expect(JSON.parse(r.stdout).exitCode).toBe(plainExit);
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('a FIFO is written, not replaced', async () => {
    const fifo = join(tmp, 'report.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const child = spawn(process.execPath, [BIN, input, '-f', 'json', '-o', fifo], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    const text = readFileSync(fifo, 'utf8'); // blocks until the CLI has written and closed it
    expect(await exited).toBe(plainExit);
    expect(JSON.parse(text).exitCode).toBe(plainExit);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('a regular file is replaced atomically, keeping its mode; a symlink stays a symlink', () => {
    const real = join(tmp, 'real.json');
    const ln = join(tmp, 'via-link.json');
    writeFileSync(real, 'old');
    chmodSync(real, 0o600);
    symlinkSync(real, ln);
    const r = run([input, '-o', ln]);
    expect(r.status, r.stderr).toBe(plainExit);
    expect(lstatSync(ln).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, 'utf8')).exitCode).toBe(plainExit);
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('missing parent folders are created', () => {
    const target = join(tmp, 'new', 'deeper', 'r.md');
    const r = run([input, '-o', target]);
    expect(r.status, r.stderr).toBe(plainExit);
    expect(readFileSync(target, 'utf8')).toMatch(/^# .+ 评估结果\n/);
  });
});

describe('temp files', () => {
  const signals = [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const;
  for (const [sig, code] of signals) {
    it.skipIf(process.platform === 'win32')(
      `${sig} mid-write removes the temp file and exits ${code}; the old report stays`,
      async () => {
        const dir = join(tmp, `sig-${sig}`);
        mkdirSync(dir);
        const target = join(dir, 'r.json');
        writeFileSync(target, 'previous report');
        const child = spawn(process.execPath, [BIN, input, '-o', target], {
          cwd: ROOT,
          stdio: 'ignore',
          // Test hook: hold the temp file open for 10 s after writing it.
          env: { ...process.env, BALANCE_CHECK_TEST_WRITE_PAUSE_MS: '10000' },
        });
        const exited = new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
        const temp = `.r.json.${child.pid}.tmp`;
        const start = Date.now();
        while (!readdirSync(dir).includes(temp) && Date.now() - start < 15_000)
          await new Promise((r) => setTimeout(r, 20));
        expect(readdirSync(dir)).toContain(temp);
        child.kill(sig);
        expect(await exited).toBe(code);
        expect(readdirSync(dir)).toEqual(['r.json']);
        expect(readFileSync(target, 'utf8')).toBe('previous report');
      },
      30_000,
    );
  }

  it('stale temp files of a process no longer alive (SIGKILL) are removed on the next write; others are kept', () => {
    const dir = join(tmp, 'stale');
    mkdirSync(dir);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const names = [`.r.json.${dead}.tmp`, `.r.json.${process.pid}.tmp`, `.other.json.${dead}.tmp`, `.r.json.x.tmp`];
    for (const n of names) writeFileSync(join(dir, n), 'half a report');
    const r = run([input, '-o', join(dir, 'r.json')]);
    expect(r.status, r.stderr).toBe(plainExit);
    expect(readdirSync(dir).sort()).toEqual(
      [`.other.json.${dead}.tmp`, `.r.json.${process.pid}.tmp`, '.r.json.x.tmp', 'r.json'].sort(),
    );
  });
});

describe('the format follows the -o extension when -f is not given', () => {
  const cases: [string, (b: Buffer) => void][] = [
    ['r.xlsx', (b) => expect(XLSX.read(b).SheetNames).toContain('差异系数（小学）')],
    ['r.json', (b) => expect(JSON.parse(b.toString('utf8')).exitCode).toBe(plainExit)],
    ['r.csv', (b) => expect(b.toString('utf8')).toMatch(/^\uFEFF示例县 各项检查\r\n/)],
    ['r.md', (b) => expect(b.toString('utf8')).toMatch(/^# .+ 评估结果\n/)],
    ['r.markdown', (b) => expect(b.toString('utf8')).toMatch(/^# .+ 评估结果\n/)],
    ['r.xml', (b) => expect(XMLValidator.validate(b.toString('utf8'))).toBe(true)],
    ['r.txt', (b) => expect(b.toString('utf8')).toBe(run([input]).stdout)],
    ['r.out', (b) => expect(b.toString('utf8')).toMatch(/^balance-check \d/)],
    // issue 13: html is a format now (test/e2e/html.test.ts checks the page itself)
    ['r.html', (b) => expect(b.toString('utf8')).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/)],
    ['r.htm', (b) => expect(b.toString('utf8')).toMatch(/^<!DOCTYPE html>\n/)],
  ];
  for (const [name, check] of cases) {
    it(name, () => {
      const target = join(tmp, 'fmt', name);
      const r = run([input, '-o', target]);
      expect(r.status, r.stderr).toBe(plainExit);
      check(readFileSync(target));
    });
  }

  it('an -f that contradicts the extension: exit 3 naming both; -f github into .txt is fine', () => {
    const target = join(tmp, 'r2.xlsx');
    const r = run([input, '-f', 'text', '-o', target]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(
      `balance-check: 输出格式 text 与文件名 ${target} 不符（.xlsx 应为 xlsx）：去掉 -f 即按扩展名选择格式，或换一个相符的扩展名\n`,
    );
    expect(existsSync(target)).toBe(false);
    const g = run([input, '-f', 'github', '-o', join(tmp, 'annotations.txt')]);
    expect(g.status).toBe(plainExit);
    expect(readFileSync(join(tmp, 'annotations.txt'), 'utf8')).toMatch(/^::/);
  });
});

// ---------------------------------------------------------------------------------------------

/** Every C0 control but NUL (no file name holds it), DEL, and the C1 controls. */
const CONTROLS = [
  ...Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)),
  '\x7f',
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)),
].join('');
const HOSTILE = [
  '<script>alert(1)</script>',
  'x;=1+1',
  'a|b\r\nc|d',
  '\x1b]0;pwned\x07OSC小学',
  '\x1b[2J\x1b[31m红色小学\x9b1m',
  `'quote" & <tag>`,
];
/** ESC, 8-bit CSI/OSC, BEL, NUL, and the other controls a terminal acts on. */
const TERMINAL_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;

describe('hostile names: county (from a file name holding every control character) and schools', () => {
  let file: string;
  let base: number;
  beforeAll(() => {
    const dir = join(tmp, 'hostile');
    mkdirSync(dir);
    file = join(dir, `县${CONTROLS}.csv`);
    writeFileSync(file, countyCsv(HOSTILE));
    base = runJson([file]).json.exitCode;
  });

  it('junit is well-formed XML', () => {
    const r = run([file, '-f', 'junit']);
    expect(r.status).toBe(base);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    expect(r.stdout).not.toContain('<script>');
  });

  it('markdown: one line per row, same cell count as the header, HTML inert, no controls', () => {
    const r = run([file, '-f', 'markdown']);
    expect(r.status).toBe(base);
    expect(r.stdout).not.toMatch(/\r|<script>/);
    expect(r.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(r.stdout).not.toMatch(TERMINAL_CONTROL);
    let cells = 0;
    for (const line of r.stdout.split('\n')) {
      if (!line.startsWith('|')) {
        cells = 0;
        continue;
      }
      const n = line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length;
      if (cells === 0) cells = n;
      expect(n, line).toBe(cells);
    }
  });

  it('csv: x;=1+1 and CR/LF are quoted; no terminal controls', () => {
    const r = run([file, '-f', 'csv']);
    expect(r.status).toBe(base);
    expect(r.stdout).toContain('"x;=1+1"');
    expect(r.stdout).toContain('"a|b\r\nc|d"');
    expect(r.stdout).not.toMatch(TERMINAL_CONTROL);
  });

  it('github annotations: no control characters', () => {
    const r = run([file, '-f', 'github']);
    expect(r.status).toBe(base);
    expect(r.stdout).not.toMatch(TERMINAL_CONTROL);
    for (const line of r.stdout.trimEnd().split('\n')) expect(line).toMatch(/^::(error|warning|notice) /);
  });

  it('text: no control sequence from the data', () => {
    const r = run([file]);
    expect(r.status).toBe(base);
    expect(r.stdout).not.toMatch(TERMINAL_CONTROL);
    expect(r.stdout).toContain('OSC小学');
  });

  it('xlsx: the workbook opens and holds no character XML cannot', () => {
    const out = join(tmp, 'hostile.xlsx');
    const r = run([file, '-o', out]);
    expect(r.status).toBe(base);
    const wb = XLSX.read(readFileSync(out));
    // issue 13: one county, so no 汇总 sheet: the county leads every sheet's title row.
    const titles = wb.SheetNames.map((n) => String(wb.Sheets[n]!.A1?.v));
    expect(titles.length).toBeGreaterThan(1);
    for (const t of titles) {
      expect(t).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f]/);
      expect(t).toMatch(/^县/);
    }
  });

  it('JSON keeps the names, with C1 controls as \\u escapes', () => {
    const r = runJson([file]);
    expect(r.stdout).not.toMatch(/[\x7f-\x9f]/);
    expect(r.json.counties[0].county).toBe(`县${CONTROLS}`);
  });
});

describe('error messages carry no control sequence from the data', () => {
  it('an unreadable file whose name holds OSC and CSI sequences', () => {
    const dir = join(tmp, 'badname');
    mkdirSync(dir);
    const file = join(dir, 'x\x1b]0;pwned\x07\x1b[2J\x9b31m.xlsx');
    writeFileSync(file, 'not a workbook at all');
    const r = run([file]);
    expect(r.status).toBe(3);
    expectOneLineNoStack(r.stderr);
    expect(r.stderr).not.toMatch(TERMINAL_CONTROL);
    expect(r.stderr).toContain(`${dir}/x`);
  });
});

describe('a 1 MiB school name', () => {
  let file: string;
  const name = '长'.repeat(2 ** 20);
  beforeAll(() => {
    file = join(tmp, 'long-name.csv');
    writeFileSync(file, countyCsv([name, '示例县第二小学', '示例县东关小学', '示例县西关小学']));
  });

  it('text: well under 5 s, the name cut to 40 columns with an ellipsis', () => {
    const t0 = Date.now();
    const r = run([file]);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r.status).toBe(plainExit);
    const row = r.stdout.split('\n').find((l) => l.includes('长长'))!;
    expect(row).toContain(`│ ${'长'.repeat(19)}… │`);
    expect(r.stdout.length).toBeLessThan(20_000);
  });

  it('JSON keeps the whole name', () => {
    const r = runJson([file]);
    expect(r.json.counties[0].units.find((u: any) => u.code === '3301000001').name).toBe(name);
  });
});
