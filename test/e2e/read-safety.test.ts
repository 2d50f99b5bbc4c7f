// End-to-end (issue 9, read safety): every input is read boundedly and only when it is a regular file.
// Hostile inputs are made here in a temp dir (FIFOs, devices, sockets, link loops, names that are not
// UTF-8, endless stdin, damaged compound files); the built CLI runs as a subprocess.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync, execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
  copyFileSync,
  readdirSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import * as XLSX from 'xlsx';
import { BIN, ROOT, run, runJson, tempDir, expectOneLineNoStack, expectValid } from './helpers.js';

const CSV = join(ROOT, 'fixtures/messy/demo-utf8.csv');
const XLS = join(ROOT, 'fixtures/messy/demo.xls');
const hash = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

/** One stderr line, exactly. */
const expectStderr = (r: { stderr: string }, line: string) => {
  expectOneLineNoStack(r.stderr);
  expect(r.stderr).toBe(`balance-check: ${line}\n`);
};

/** Run with stdin from a file descriptor or from bytes; returns status, output and the time taken. */
function runStdin(
  args: string[],
  stdin: number | Buffer,
): { status: number | null; stdout: string; stderr: string; ms: number } {
  const t = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 20_000,
    maxBuffer: 64 * 2 ** 20,
    ...(typeof stdin === 'number' ? { stdio: [stdin, 'pipe', 'pipe'] } : { input: stdin }),
  });
  // The CLI may stop reading before all of the input is written (that is the point): EPIPE is expected.
  if (r.error && (r.error as NodeJS.ErrnoException).code !== 'EPIPE') throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t };
}

let tmp: string;
let server: Server | undefined;
beforeAll(async () => {
  tmp = tempDir();
  execFileSync('mkfifo', [join(tmp, 'pipe.csv'), join(tmp, 'pipe.json')]);
  mkdirSync(join(tmp, 'x.xlsx'));
  symlinkSync('loop-b.xlsx', join(tmp, 'loop-a.xlsx'));
  symlinkSync('loop-a.xlsx', join(tmp, 'loop-b.xlsx'));
  // A folder holding a good CSV, a link to /dev/zero and a FIFO named like data.
  mkdirSync(join(tmp, 'batch'));
  copyFileSync(CSV, join(tmp, 'batch', 'a.csv'));
  symlinkSync('/dev/zero', join(tmp, 'batch', 'zero.csv'));
  execFileSync('mkfifo', [join(tmp, 'batch', 'fifo.xlsx')]);
  // A name that is not UTF-8 (Latin-1 é).
  mkdirSync(join(tmp, 'latin1'));
  copyFileSync(CSV, Buffer.concat([Buffer.from(join(tmp, 'latin1', 'caf')), Buffer.from([0xe9]), Buffer.from('.csv')]));
  server = createServer();
  await new Promise<void>((resolve) => server!.listen(join(tmp, 'sock.csv'), resolve));
});
afterAll(() => {
  server?.close();
});

describe('only regular files are read: exit 3 at once, one line', () => {
  it('a FIFO as input (zh and en), not waited on', () => {
    const f = join(tmp, 'pipe.csv');
    const t = Date.now();
    expectStderr(run([f]), `无法读取 ${f}：它是命名管道（FIFO），不是普通文件；只读取普通文件`);
    expect(Date.now() - t).toBeLessThan(10_000);
    const en = run([f, '--lang', 'en']);
    expect(en.status).toBe(3);
    expectStderr(en, `Cannot read ${f}: it is a named pipe (FIFO), not a regular file; only regular files are read`);
  });

  it('/dev/zero and /dev/urandom as inputs: devices, never read', () => {
    for (const dev of ['/dev/zero', '/dev/urandom']) {
      const r = run([dev]);
      expect(r.status, dev).toBe(3);
      expectStderr(r, `无法读取 ${dev}：它是设备文件，不是普通文件；只读取普通文件`);
    }
    const v = run(['validate', '/dev/zero', '--format', 'json']);
    expect(v.status).toBe(3);
    const j = JSON.parse(v.stdout);
    expectValid(j);
    expect(j.inputs).toEqual([
      { path: '/dev/zero', status: 'error', message: '无法读取 /dev/zero：它是设备文件，不是普通文件；只读取普通文件' },
    ]);
  });

  it('a socket', () => {
    const f = join(tmp, 'sock.csv');
    const r = run([f]);
    expect(r.status).toBe(3);
    expectStderr(r, `无法读取 ${f}：它是套接字，不是普通文件；只读取普通文件`);
  });

  it('a directory named x.xlsx is a directory, not an empty batch', () => {
    const f = join(tmp, 'x.xlsx');
    const r = run([f]);
    expect(r.status).toBe(3);
    expectStderr(r, `是目录而不是文件：${f}`);
  });

  it('a symlink loop: a clear message in zh and en, no 内部错误 / ELOOP', () => {
    const f = join(tmp, 'loop-a.xlsx');
    const r = run([f]);
    expect(r.status).toBe(3);
    expectStderr(r, `无法读取文件 ${f}（符号链接循环）`);
    const en = run([f, '--lang', 'en']);
    expectStderr(en, `Cannot read ${f} (a symbolic-link loop)`);
  });

  it('a folder holding a link to /dev/zero and a FIFO: both reported, the good file still assessed', () => {
    const dir = join(tmp, 'batch');
    const r = runJson([dir]);
    expect(r.status).toBe(3);
    expectValid(r.json);
    expect(r.json.inputs.map((i: any) => [i.path, i.status])).toEqual([
      [`${dir}/a.csv`, 'ok'],
      [`${dir}/fifo.xlsx`, 'error'],
      [`${dir}/zero.csv`, 'error'],
    ]);
    expect(r.stderr).toBe(
      `balance-check: 无法读取 ${dir}/fifo.xlsx：它是命名管道（FIFO），不是普通文件；只读取普通文件\n` +
        `balance-check: 无法读取 ${dir}/zero.csv：它是设备文件，不是普通文件；只读取普通文件\n`,
    );
    expect(r.json.counties.map((c: any) => c.county)).toEqual(['青山县']);
  });

  it('a file name that is not UTF-8: read through its folder, and given directly (Linux)', () => {
    const dir = join(tmp, 'latin1');
    const r = runJson([dir]);
    expect(r.status, r.stderr).toBe(1); // the demo county fails some rules
    expectValid(r.json);
    expect(r.json.inputs).toHaveLength(1);
    expect(r.json.inputs[0]).toMatchObject({ path: `${dir}/caf\uFFFD.csv`, status: 'ok', format: 'csv' });
    expect(r.json.counties.map((c: any) => c.county)).toEqual(['青山县']);
    // The shell passes the raw bytes; Node decodes them lossily; the reader finds the real name.
    const sh = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" "${dir}"/caf*.csv --format json`], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(sh.status, sh.stderr).toBe(1);
    expect(JSON.parse(sh.stdout).inputs[0]).toMatchObject({ status: 'ok', format: 'csv' });
  });

  it('a name with U+FFFD that does not exist says why, not just "not found"', () => {
    const f = join(tmp, 'nope\uFFFD.csv');
    const r = run([f]);
    expect(r.status).toBe(3);
    expectStderr(r, `找不到文件 ${f}：文件名不是 UTF-8 编码，无法从命令行传入；请改名，或把它所在的目录作为输入`);
  });

  it('the inputs and the folder are unchanged', () => {
    const before = hash(join(tmp, 'batch', 'a.csv'));
    run([join(tmp, 'batch')]);
    expect(hash(join(tmp, 'batch', 'a.csv'))).toBe(before);
    expect(readdirSync(join(tmp, 'batch')).sort()).toEqual(['a.csv', 'fifo.xlsx', 'zero.csv']);
  });
});

describe('stdin is read boundedly', () => {
  it('`- < /dev/zero` ends promptly with exit 3 (binary at once, no OOM)', () => {
    for (const dev of ['/dev/zero', '/dev/urandom']) {
      const fd = openSync(dev, 'r');
      try {
        const r = runStdin(['-'], fd);
        expect(r.status, dev).toBe(3);
        expect(r.stderr).toBe('balance-check: 无法读取 -：不是 Excel 工作簿（.xlsx/.xls）或 CSV 文本文件\n');
        expect(r.ms).toBeLessThan(10_000);
      } finally {
        closeSync(fd);
      }
    }
  });

  it('text past --max-file-size stops with file-too-large', () => {
    const r = runStdin(['-', '--max-file-size', '1'], Buffer.from('学校代码,学校名称\n'.repeat(100_000)));
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('balance-check: - 太大（> 1.0 MiB，上限 1.0 MiB）：可用 --max-file-size 放宽\n');
  });

  it('a CSV whose lines end in CR alone (old Mac) reads as the same CSV with CR LF', () => {
    const crOnly = readFileSync(CSV, 'utf8').replace(/\r?\n/g, '\r');
    const a = runStdin(['-', '--format', 'json'], Buffer.from(crOnly));
    const b = runStdin(['-', '--format', 'json'], readFileSync(CSV));
    expect(a.status, a.stderr).toBe(b.status);
    expect(JSON.parse(a.stdout).counties).toEqual(JSON.parse(b.stdout).counties);
  });

  it('a CSV on stdin still works', () => {
    const r = runStdin(['-', '--format', 'json'], readFileSync(CSV));
    expect(r.status, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout).counties).toHaveLength(1);
  });

  it.skipIf(!existsSync('/usr/bin/script'))('a terminal on stdin is not waited on', () => {
    const r = spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" -`, '/dev/null'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status).toBe(3);
    expect(r.stdout.replace(/\r/g, '')).toContain(
      'balance-check: 标准输入是终端，没有数据：请用管道或重定向提供文件，如 balance-check - < 数据.csv\n',
    );
  });
});

describe('--profile and --columns: regular files of at most 1 MiB, never echoed', () => {
  const demo = 'fixtures/demo-county.xlsx';
  it('a FIFO or /dev/zero as --profile or --columns: exit 3 at once', () => {
    const fifo = join(tmp, 'pipe.json');
    const cases: [string[], string][] = [
      [['--profile', fifo], `无法读取标准配置文件 ${fifo}（不是普通文件，而是命名管道（FIFO））`],
      [['--profile', '/dev/zero'], '无法读取标准配置文件 /dev/zero（不是普通文件，而是设备文件）'],
      [['--columns', fifo], `列映射文件 ${fifo} 有误：(file)：不是普通文件，而是命名管道（FIFO）`],
      [['--columns', '/dev/zero'], '列映射文件 /dev/zero 有误：(file)：不是普通文件，而是设备文件'],
    ];
    for (const [args, message] of cases) {
      const r = run([demo, ...args]);
      expect(r.status, args.join(' ')).toBe(3);
      expectStderr(r, message);
    }
    const explain = run(['explain', 'sports_area_per_pupil', '--profile', '/dev/zero']);
    expect(explain.status).toBe(3);
    expectStderr(explain, '无法读取标准配置文件 /dev/zero（不是普通文件，而是设备文件）');
  });

  it('a file over 1 MiB is refused before it is parsed', () => {
    const big = join(tmp, 'big.json');
    writeFileSync(big, `{"description": "${'x'.repeat(2 ** 20)}"}`);
    expectStderr(run([demo, '--profile', big]), `无法读取标准配置文件 ${big}（文件超过 1 MiB，不是配置文件）`);
    expectStderr(
      run([demo, '--profile', big, '--lang', 'en']),
      `Cannot read the profile ${big} (over 1 MiB, not a configuration file)`,
    );
  });

  it('--profile /etc/passwd: position only, none of the file', () => {
    const r = run([demo, '--profile', '/etc/passwd']);
    expect(r.status).toBe(3);
    expectStderr(r, '标准配置文件 /etc/passwd 不是有效的 JSON（第 1 行第 1 列附近）');
    expect(r.stderr).not.toContain('root');
    const en = run([demo, '--profile', '/etc/passwd', '--lang', 'en']);
    expectStderr(en, 'The profile /etc/passwd is not valid JSON (near line 1, column 1)');
  });

  it('the position of a JSON error, for a profile and a column mapping', () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{\n  "extends": "quality-2017",\n  "cv": { "rounding": 3, }\n}\n');
    expectStderr(run([demo, '--profile', bad]), `标准配置文件 ${bad} 不是有效的 JSON（第 3 行第 26 列附近）`);
    expectStderr(
      run([demo, '--columns', bad]),
      `列映射文件 ${bad} 有误：(file)：不是有效的 JSON（第 3 行第 26 列附近）`,
    );
    const secret = join(tmp, 'secret.json');
    writeFileSync(secret, 'password=hunter2\n');
    const r = run([demo, '--columns', secret, '--lang', 'en']);
    expectStderr(r, `Bad column mapping ${secret}: (file): not valid JSON (near line 1, column 1)`);
  });

  it('profile and mapping errors are Chinese in zh, English in en', () => {
    const p = join(tmp, 'wrong-type.json');
    writeFileSync(p, '{"classSize":{"limits":{"primary":"forty"}}}');
    const zh = run([demo, '--profile', p]);
    expectStderr(zh, `标准配置文件 ${p} 有误：classSize.limits.primary：类型错误：应为数字，实际为文本`);
    const en = run([demo, '--profile', p, '--lang', 'en']);
    expectStderr(en, `Bad profile ${p}: classSize.limits.primary: Invalid input: expected number, received string`);
    const k = join(tmp, 'unknown-key.json');
    writeFileSync(k, '{"classSize":{"limitz":{}}}');
    expectStderr(run([demo, '--profile', k]), `标准配置文件 ${k} 有误：classSize.limitz：未知的键`);
    const root = join(tmp, 'array.json');
    writeFileSync(root, '[1]');
    expectStderr(run([demo, '--profile', root]), `标准配置文件 ${root} 有误：(root)：应为 JSON 对象`);
    const ext = join(tmp, 'extends.json');
    writeFileSync(ext, '{"extends":"nope"}');
    expectStderr(
      run([demo, '--profile', ext]),
      `标准配置文件 ${ext} 有误：extends：应为以下之一：quality-2017, basic-2012`,
    );
    const m = join(tmp, 'mapping.json');
    writeFileSync(m, '{"columns": {"学校": 5}}');
    expectStderr(
      run([demo, '--columns', m]),
      `列映射文件 ${m} 有误：columns.学校：无效输入：期望 string，实际接收 数字`,
    );
  });
});

describe('CSV: control characters wherever they fall, blank rows cost nothing, limits while splitting', () => {
  const lines = readFileSync(CSV, 'utf8').split('\n');

  it('a NUL in the first 4 KiB and one far later are read the same: removed, a located finding each', () => {
    const early = join(tmp, 'nul-early.csv');
    writeFileSync(early, [lines[0]!.replace('县区', '县区\0\0'), ...lines.slice(1)].join('\n'));
    const late = join(tmp, 'nul-late.csv');
    const pad = Array.from({ length: 200 }, () => ''); // past 4 KiB: blank lines do not count
    const body = [
      ...lines.slice(0, -2),
      lines[lines.length - 2]!.replace('青山县', '青山\0县'),
      lines[lines.length - 1]!,
    ];
    writeFileSync(late, [...body.slice(0, 2), ...pad, ...body.slice(2)].join('\n'));
    expect(readFileSync(late).indexOf(0)).toBeGreaterThan(4096);
    const lastRow = 2 + pad.length + (body.length - 2) - 1; // the row of the NUL
    for (const [file, at] of [
      [early, { row: 1, column: 'A', value: '县区', params: 2 }],
      [late, { row: lastRow, column: 'A', value: '青山县', params: 1 }],
    ] as const) {
      const before = hash(file);
      const r = runJson([file]);
      expect(r.status, r.stderr).toBe(1);
      expectValid(r.json);
      expect(r.json.counties.map((c: any) => c.county)).toEqual(['青山县']);
      const f = r.json.findings.filter((x: any) => x.code === 'control-characters');
      expect(f).toEqual([
        {
          code: 'control-characters',
          severity: 'warning',
          file,
          sheet: file.split('/').pop(),
          row: at.row,
          column: at.column,
          value: at.value,
          message: `单元格含有 ${at.params} 个控制字符（如 NUL），已删除`,
        },
      ]);
      expect(r.stdout).not.toContain('\u0000');
      expect(hash(file)).toBe(before);
    }
  });

  it('a mostly binary file named .csv is not a workbook', () => {
    const f = join(tmp, 'binary.csv');
    writeFileSync(f, Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(8000, 0), Buffer.from('1,2\n')]));
    expectStderr(run([f]), `无法读取 ${f}：不是 Excel 工作簿（.xlsx/.xls）或 CSV 文本文件`);
  });

  it('over 100 cells with control characters: 100 located findings and one count', () => {
    // The control characters past the first 4 KiB (so the file is not taken for binary), one per cell.
    const f = join(tmp, 'many-controls.csv');
    writeFileSync(
      f,
      [lines[0], '\n'.repeat(4100), ...lines.slice(1, -1).map((l) => l.replace(/,/g, '\u0001,')), ''].join('\n'),
    );
    const r = runJson([f]);
    const located = r.json.findings.filter((x: any) => x.code === 'control-characters');
    const more = r.json.findings.filter((x: any) => x.code === 'control-characters-more');
    expect(located).toHaveLength(100);
    expect(more).toHaveLength(1);
    expect(more[0].message).toMatch(/^另有 \d+ 个单元格含有控制字符（如 NUL），已删除$/);
    expectValid(r.json);
  });

  it('a header plus a million empty lines: the same result, counted as blank rows, in little memory', () => {
    const base = runJson([CSV]);
    for (const [name, tail] of [
      ['empty-lines.csv', '\n'],
      ['comma-lines.csv', ',,,,\r\n'],
    ] as const) {
      const f = join(tmp, name);
      writeFileSync(f, readFileSync(CSV, 'utf8') + tail.repeat(1_000_000));
      const t = Date.now();
      // Fewer rows allowed than lines in the file, and a budget a million kept rows would break.
      const r = runJson([f, '--max-rows', '100', '--max-memory', '200']);
      expect(Date.now() - t).toBeLessThan(15_000);
      expect(r.status, r.stderr).toBe(base.status);
      expect(r.json.counties[0].units).toEqual(
        base.json.counties[0].units.map((u: any) => ({ ...u, file: f, sheet: name })),
      );
      expect(r.json.inputs[0].reading[0].skipped.blank).toBeGreaterThanOrEqual(1_000_000 - 1);
    }
  });

  it('the row limit counts rows while splitting (quoted or not)', () => {
    const f = join(tmp, 'rows.csv');
    writeFileSync(f, readFileSync(CSV));
    expectStderr(run([f, '--max-rows', '10']), `${f} 的工作表「rows.csv」超过 10 行：可用 --max-rows 放宽`);
    const q = join(tmp, 'quoted.csv');
    writeFileSync(q, `"a",b\n${'"1",2\n'.repeat(50)}`);
    expectStderr(run([q, '--max-rows', '10']), `${q} 的工作表「quoted.csv」超过 10 行：可用 --max-rows 放宽`);
  });

  it('a single 1 MiB cell is fine', () => {
    const f = join(tmp, 'long-cell.csv');
    const rows = [...lines];
    rows[1] = rows[1]!.replace('青山县实验小学', 'x'.repeat(2 ** 20));
    writeFileSync(f, rows.join('\n'));
    const t = Date.now();
    const r = runJson([f]);
    expect(Date.now() - t).toBeLessThan(15_000);
    expect(r.status, r.stderr).toBe(1);
    expect(r.json.counties[0].units.some((u: any) => u.name.length === 2 ** 20)).toBe(true);
  });

  it('a line of 200 000 commas: cells past column ALL dropped with a warning, the table assessed as before', () => {
    const f = join(tmp, 'commas.csv');
    writeFileSync(f, [...lines, ','.repeat(200_000) + 'x'].join('\n'));
    const r = runJson([f]);
    const base = runJson([CSV]);
    expect(r.status, r.stderr).toBe(base.status);
    expect(r.json.findings.find((x: any) => x.code === 'cells-dropped')).toMatchObject({
      severity: 'warning',
      file: f,
    });
    expect(r.json.counties[0].units.length).toBe(base.json.counties[0].units.length);
  });

  it('unbalanced quotes: a message with the line, not an internal error', () => {
    const f = join(tmp, 'quotes.csv');
    writeFileSync(f, 'a,b\n1,"2\n3,4\n');
    expectStderr(run([f]), `无法读取 ${f}：CSV 第 3 行附近的引号不成对`);
  });
});

/** demo.xls re-written by SheetJS as BIFF8 (LABEL records), with its Workbook stream edited. */
function xlsWith(edit?: (stream: Buffer) => Buffer): Buffer {
  const base = XLSX.write(XLSX.read(readFileSync(XLS)), { bookType: 'biff8', type: 'buffer' }) as Buffer;
  if (!edit) return base;
  const cfb = XLSX.CFB.read(base, { type: 'buffer' });
  const entry = XLSX.CFB.find(cfb, 'Workbook')!;
  entry.content = edit(Buffer.from(entry.content as Uint8Array));
  entry.size = entry.content.length;
  return Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}

describe('.xls: compound-file checks before SheetJS, encryption named, control characters cleaned', () => {
  let base: Buffer;
  beforeAll(() => {
    base = xlsWith();
  });

  it('a BIFF LABEL claiming 65 535 characters: the header reads 县区, the NULs are a finding, never printed', () => {
    const f = join(tmp, 'label.xls');
    writeFileSync(
      f,
      xlsWith((c) => {
        for (let p = 0; p + 4 <= c.length; p += 4 + c.readUInt16LE(p + 2)) {
          if (c.readUInt16LE(p) !== 0x204) continue;
          const cch = c.readUInt16LE(p + 10);
          if (c[p + 12]! & 1 && c.subarray(p + 13, p + 13 + cch * 2).toString('utf16le') === '县区') {
            c.writeUInt16LE(65535, p + 10);
            return c;
          }
        }
        throw new Error('no 县区 LABEL');
      }),
    );
    const r = runJson([f]);
    expect(r.status, r.stderr).toBe(1);
    expectValid(r.json);
    expect(r.json.counties.map((c: any) => c.county)).toEqual(['青山县']);
    expect(r.json.findings.filter((x: any) => x.code === 'control-characters')).toEqual([
      {
        code: 'control-characters',
        severity: 'warning',
        file: f,
        sheet: '学校',
        row: 1,
        column: 'A',
        value: '县区',
        message: '单元格含有 65533 个控制字符（如 NUL），已删除',
      },
    ]);
    const text = run([f]);
    expect(text.stdout).not.toContain('\u0000');
    expect(text.stdout).toContain('青山县');
  });

  it('a FILEPASS record and an encrypted OOXML package: workbook-encrypted, zh and en', () => {
    const filepass = join(tmp, 'password.xls');
    writeFileSync(
      filepass,
      xlsWith((c) => {
        const bof = 4 + c.readUInt16LE(2);
        return Buffer.concat([c.subarray(0, bof), Buffer.from([0x2f, 0, 6, 0, 0, 0, 1, 0, 1, 0]), c.subarray(bof)]);
      }),
    );
    const enc = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(enc, 'EncryptionInfo', Buffer.alloc(200, 1));
    XLSX.CFB.utils.cfb_add(enc, 'EncryptedPackage', Buffer.alloc(9000, 7));
    const ooxml = join(tmp, 'password.xlsx');
    writeFileSync(ooxml, Buffer.from(XLSX.CFB.write(enc, { type: 'buffer' }) as Uint8Array));
    for (const f of [filepass, ooxml]) {
      const r = run([f]);
      expect(r.status, f).toBe(3);
      expectStderr(r, `无法读取 ${f}：工作簿有密码保护，请另存为无密码的文件`);
      expectStderr(
        run([f, '--lang', 'en']),
        `Cannot read ${f}: the workbook is password-protected: save a copy without a password`,
      );
    }
  });

  it('damaged compound files: workbook-corrupt with the reason in words', () => {
    const variant = (name: string, f: (b: Buffer) => Buffer | undefined) => {
      const b = Buffer.from(base);
      const out = f(b) ?? b;
      const path = join(tmp, name);
      writeFileSync(path, out);
      return path;
    };
    const cases: [string, string, string][] = [
      [
        variant('fat-count.xls', (b) => void b.writeUInt32LE(0x7fffffff, 44)),
        '复合文档声明的扇区数超出文件大小',
        'the compound file declares more sectors than the file holds',
      ],
      [
        variant('dir-range.xls', (b) => void b.writeUInt32LE(0x00ffff00, 48)),
        '扇区编号超出文件范围',
        'a sector number past the end of the file',
      ],
      [
        variant('dir-cycle.xls', (b) => {
          const fat0 = b.readUInt32LE(76);
          const dir = b.readUInt32LE(48);
          b.writeUInt32LE(dir, (fat0 + 1) * 512 + dir * 4);
          return undefined; // edited in place
        }),
        '扇区链或目录中有循环',
        'a cycle in a sector chain or in the directory',
      ],
      [
        variant('truncated.xls', (b) => b.subarray(0, 20_000)),
        '扇区编号超出文件范围',
        'a sector number past the end of the file',
      ],
      [variant('header.xls', (b) => b.subarray(0, 300)), '复合文档文件头无效', 'invalid compound-file header'],
    ];
    for (const [k, [f, zh, en]] of cases.entries()) {
      const r = run([f]);
      expect(r.status, f).toBe(3);
      expectStderr(r, `无法读取 ${f}：工作簿已损坏（${zh}）`);
      // English once for each distinct reason.
      if (cases.findIndex((c) => c[2] === en) === k)
        expectStderr(run([f, '--lang', 'en']), `Cannot read ${f}: the workbook is damaged (${en})`);
    }
  });

  it('a BIFF record running past the end of its stream', () => {
    const f = join(tmp, 'record.xls');
    writeFileSync(
      f,
      xlsWith((c) => {
        // The last record claims more bytes than the stream holds.
        let p = 0;
        let last = 0;
        for (; p + 4 <= c.length; p += 4 + c.readUInt16LE(p + 2)) last = p;
        c.writeUInt16LE(0x0a, last); // EOF, with a length past the end
        c.writeUInt16LE(4000, last + 2);
        return c;
      }),
    );
    expectStderr(run([f]), `无法读取 ${f}：工作簿已损坏（有记录的长度超出数据流）`);
  });

  it('the well-formed BIFF8 re-write reads as the demo', () => {
    const f = join(tmp, 'ok.xls');
    writeFileSync(f, base);
    const r = runJson([f]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.json.inputs[0]).toMatchObject({ status: 'ok', format: 'xls' });
  });
});

describe('one memory budget', () => {
  it('--max-memory below what the process needs stops the read with a message naming the flag', () => {
    for (const f of [CSV, XLS]) {
      const r = run([f, '--max-memory', '40']);
      expect(r.status, f).toBe(3);
      expectStderr(r, `读取 ${f} 时内存用量超过上限 40 MiB，已停止：确属正常的大文件可用 --max-memory 放宽`);
    }
    const en = run([CSV, '--max-memory', '40', '--lang', 'en']);
    expectStderr(
      en,
      `Reading ${CSV} took memory over the 40 MiB budget and was stopped; --max-memory raises it for a genuine large file`,
    );
  });
});

describe('zip reasons are words in the user language', () => {
  it('a truncated xlsx: no English inside the Chinese sentence', () => {
    const r = run(['fixtures/messy/truncated.xlsx']);
    expect(r.status).toBe(3);
    expectStderr(r, '无法读取 fixtures/messy/truncated.xlsx：工作簿已损坏（找不到 zip 目录，文件可能不完整）');
    expectStderr(
      run(['fixtures/messy/truncated.xlsx', '--lang', 'en']),
      'Cannot read fixtures/messy/truncated.xlsx: the workbook is damaged (no zip directory (truncated?))',
    );
  });
});
