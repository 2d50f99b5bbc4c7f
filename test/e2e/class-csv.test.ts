// End-to-end (issue 10, one read path): a class CSV given beside a schools file is streamed through the same
// decoder, splitter, header scan, row mapper and class-row validator as every input, so it takes the same
// read options and limits (--encoding, --max-rows, --max-file-size) and gets the same findings (control
// characters, a column given twice with different values). Files are made in a temp dir.
import { describe, it, expect } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { ROOT, runJson, tempDir } from './helpers.js';

const UTF8 = join(ROOT, 'fixtures/messy/demo-utf8.csv');
const GBK = join(ROOT, 'fixtures/messy/demo-gbk.csv');
const hash = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
/** GB18030 bytes of a text (Node encodes no GB18030 itself: each character is looked up by decoding). */
function gbBytes(s: string): Buffer {
  const out: number[] = [];
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) {
      out.push(ch.charCodeAt(0));
      continue;
    }
    out.push(...GB_TABLE.get(ch)!);
  }
  return Buffer.from(out);
}
/** The two-byte GB18030 codes of the characters the tests write, found by decoding every GBK code once. */
const GB_TABLE = (() => {
  const map = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) map.set(dec.decode(Uint8Array.of(a, b)), [a, b]);
  return map;
})();

type Finding = {
  code: string;
  severity: string;
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
  message: string;
};
const errors = (json: { findings: Finding[] }) => json.findings.filter((f) => f.severity === 'error');
/** The class-students-mismatch warnings as [school row, sum of the class file's pupils]: the class sizes the run read. */
const sums = (json: { findings: Finding[] }) =>
  json.findings
    .filter((f) => f.code === 'class-students-mismatch')
    .map((f) => [f.row, Number(/合计 (\d+)/.exec(f.message)?.[1])]);

/** Runs with the files hashed before and after: reading never changes an input. */
function runUnchanged(files: string[], args: string[]) {
  const before = files.map(hash);
  const r = runJson(args);
  expect(files.map(hash)).toEqual(before);
  return r;
}

describe('class CSV beside a schools file: one read path', () => {
  it('a class CSV that is ASCII for its first 1.2 MiB and GB18030 after reads right (the encoding is decided over the whole file)', () => {
    const dir = tempDir();
    const classes = join(dir, 'classes.csv');
    // School 2133010001 (小学 only): ASCII rows with no level (a single-level school's classes are its level).
    const ascii = '2133010001,,,1,40\n';
    const n = Math.ceil((1.2 * 2 ** 20) / ascii.length);
    // School 2133070001 (九年一贯制): levels and grades in Chinese, GB18030, after the ASCII megabytes.
    const tail = gbBytes(
      '2133070001,小学,一年级,1班,40\n2133070001,初中,七年级,1班,52\n2133070001,初中,七年级,2班,58\n',
    );
    writeFileSync(classes, Buffer.concat([Buffer.from(`code,level,grade,class,students\n${ascii.repeat(n)}`), tail]));
    expect(
      readFileSync(classes)
        .subarray(0, 1.2 * 2 ** 20)
        .every((b) => b < 0x80),
    ).toBe(true);
    const r = runUnchanged([classes, UTF8], [UTF8, classes]);
    expect(errors(r.json)).toEqual([]);
    expect(r.json.inputs.map((i: { status: string }) => i.status)).toEqual(['ok', 'ok']);
    expect(r.json.inputs[1].reading[0]).toMatchObject({ table: 'classes', rows: n + 3 });
    expect(r.json.counties[0].classSize).toMatchObject({ assessed: true, classes: n + 3 });
    // Every class where it belongs: n × 40 at 实验小学 (row 2), 40 primary (row 23) and 52 + 58 junior (row 24) at 柏树镇.
    expect(sums(r.json)).toEqual([
      [2, 40 * n],
      [23, 40],
      [24, 110],
    ]);
    expect(r.status).toBe(r.json.exitCode);
    expect(r.status).toBe(1); // the data: 52 and 58 pupils are large classes
    // A directory holding both files reads the same.
    const both = join(dir, 'both');
    mkdirSync(both);
    copyFileSync(UTF8, join(both, 'schools.csv'));
    copyFileSync(classes, join(both, 'classes.csv'));
    const d = runUnchanged([join(both, 'classes.csv')], [both]);
    expect(errors(d.json)).toEqual([]);
    expect(sums(d.json)).toEqual(sums(r.json));
    expect(d.status).toBe(1);
  }, 60_000);

  it('--encoding gb18030 reaches the class CSV (GB18030 bytes that are also valid UTF-8)', () => {
    const dir = tempDir();
    const classes = join(dir, 'classes.csv');
    // 小学 in GB18030 is D0 A1 D1 A7: valid UTF-8 ("Сѧ"), so only the option reads it right.
    writeFileSync(
      classes,
      Buffer.concat([Buffer.from('code,level,class,students\n'), gbBytes('2133070001,小学,1,40\n')]),
    );
    const auto = runUnchanged([classes], [GBK, classes]);
    expect(auto.status).toBe(2);
    expect(errors(auto.json).map((f) => [f.code, f.file, f.row, f.column])).toEqual([
      ['invalid-value', classes, 2, 'B'],
    ]);
    const given = runUnchanged([classes], [GBK, classes, '--encoding', 'gb18030']);
    expect(errors(given.json)).toEqual([]);
    expect(sums(given.json)).toEqual([[23, 40]]);
    expect(given.status).toBe(1);
  });

  it('--max-rows applies to the class CSV as to a schools CSV: the input is an error naming the sheet and the flag', () => {
    const dir = tempDir();
    const classes = join(dir, 'classes.csv');
    writeFileSync(classes, `学校代码,学段,班级,学生数\n${'2133010001,小学,1,40\n'.repeat(60)}`);
    for (const limit of ['40', '10']) {
      const r = runUnchanged([classes], [UTF8, classes, '--max-rows', limit]);
      expect(r.status).toBe(3);
      expect(r.json.exitCode).toBe(3);
      expect(r.json.inputs[1]).toEqual({
        path: classes,
        status: 'error',
        message: `${classes} 的工作表「classes.csv」超过 ${limit} 行：可用 --max-rows 放宽`,
      });
    }
    // The schools CSV over the same limit: the same finding and exit.
    const schools = join(dir, 'schools.csv');
    writeFileSync(join(dir, 'small.csv'), '学校代码,学段,班级,学生数\n2133010001,小学,1,40\n');
    writeFileSync(schools, readFileSync(UTF8, 'utf8') + readFileSync(UTF8, 'utf8').split('\n').slice(1).join('\n'));
    const s = runUnchanged([schools], [schools, join(dir, 'small.csv'), '--max-rows', '40']);
    expect(s.status).toBe(3);
    expect(s.json.inputs[0]).toEqual({
      path: schools,
      status: 'error',
      message: `${schools} 的工作表「schools.csv」超过 40 行：可用 --max-rows 放宽`,
    });
    // Within the limit, the class CSV reads.
    const ok = runUnchanged([classes], [UTF8, classes, '--max-rows', '61']);
    expect(ok.json.inputs[1]).toMatchObject({ status: 'ok', reading: [{ table: 'classes', rows: 60 }] });
  });

  it('--max-file-size applies to the class CSV as to a schools CSV', () => {
    const dir = tempDir();
    const classes = join(dir, 'classes.csv');
    const line = '2133010001,小学,1,40\n';
    writeFileSync(
      classes,
      `学校代码,学段,班级,学生数\n${line.repeat(Math.ceil((1.1 * 2 ** 20) / Buffer.byteLength(line)))}`,
    );
    const r = runUnchanged([classes], [UTF8, classes, '--max-file-size', '1']);
    expect(r.status).toBe(3);
    expect(r.json.inputs[1]).toEqual({
      path: classes,
      status: 'error',
      message: `${classes} 太大（1.1 MiB，上限 1.0 MiB）：可用 --max-file-size 放宽`,
    });
    expect(r.json.inputs[0]).toMatchObject({ path: UTF8, status: 'ok' });
    const ok = runUnchanged([classes], [UTF8, classes, '--max-file-size', '2']);
    expect(ok.json.inputs[1]).toMatchObject({ status: 'ok', reading: [{ table: 'classes' }] });
  });

  it('control characters in a class CSV cell are removed with a located warning, and the cell then reads', () => {
    const dir = tempDir();
    const classes = join(dir, 'classes.csv');
    // Enough plain rows that the file is text (a file of more than 1 % control characters is binary).
    const plain = '2133010001,小学,2班,40\n'.repeat(20);
    writeFileSync(
      classes,
      `学校代码,学段,班级,学生数\n2133070001,小学,1\u0000班,40\n2133070001,初中,1班,5\u00012\n${plain}`,
    );
    const r = runUnchanged([classes], [UTF8, classes]);
    expect(errors(r.json)).toEqual([]);
    expect(
      r.json.findings
        .filter((f: Finding) => f.code === 'control-characters')
        .map((f: Finding) => [f.file, f.sheet, f.row, f.column, f.message]),
    ).toEqual([
      [classes, 'classes.csv', 2, 'C', '单元格含有 1 个控制字符（如 NUL），已删除'],
      [classes, 'classes.csv', 3, 'D', '单元格含有 1 个控制字符（如 NUL），已删除'],
    ]);
    expect(sums(r.json)).toEqual([
      [2, 800],
      [23, 40],
      [24, 52],
    ]);
  });

  it('a column given twice with different values is a located error, as in a schools table', () => {
    const dir = tempDir();
    const classes = join(dir, 'classes.csv');
    writeFileSync(
      classes,
      '学校代码,学段,班级,学生数,班额\n2133070001,小学,1,40,40\n2133070001,初中,1,52,50\n2133070001,初中,2,58,50\n',
    );
    const r = runUnchanged([classes], [UTF8, classes]);
    expect(r.status).toBe(2);
    const conflict = r.json.findings.filter((f: Finding) => f.code.startsWith('duplicate-column'));
    expect(conflict.map((f: Finding) => [f.code, f.severity, f.file, f.sheet, f.row, f.column, f.message])).toEqual([
      [
        'duplicate-column-conflict',
        'error',
        classes,
        'classes.csv',
        3,
        'E',
        '「班额」与 D 列「学生数」是同一字段（students），但 2 行的值不同（第一处：第 3 行 52 与 50）：请删除错误的一列',
      ],
    ]);
    // The same file read alone as a class table (whole, not streamed) gives the same finding.
    const alone = runUnchanged([classes], [classes, '--table', 'classes']);
    expect(alone.json.findings.filter((f: Finding) => f.code.startsWith('duplicate-column'))).toEqual(conflict);
    // Equal values in both columns: only the warning.
    writeFileSync(classes, '学校代码,学段,班级,学生数,班额\n2133070001,小学,1,40,40\n');
    const same = runUnchanged([classes], [UTF8, classes]);
    expect(
      same.json.findings
        .filter((f: Finding) => f.code.startsWith('duplicate-column'))
        .map((f: Finding) => [f.code, f.severity, f.column]),
    ).toEqual([['duplicate-column', 'warning', 'E']]);
  });
});
