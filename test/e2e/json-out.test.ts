// The built CLI writes a large JSON report through a reused buffer: -o and stdout carry the same bytes,
// equal to the compact stringify of the report; a reader that goes away early still gets the report's exit code.
import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assess } from '../../src/assess.js';
import { BIN, ROOT, tempDir } from './helpers.js';
// @ts-expect-error: a plain .mjs script without types
import { generate } from '../../bench/generate.mjs';

const reference = (value: unknown) =>
  JSON.stringify(value).replace(/[\u007f-\u009f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`) +
  '\n';

describe('large JSON report out of the CLI', () => {
  it('-o and stdout hold the same bytes, the compact JSON of the report; the -o write leaves no temp file', async () => {
    const dir = tempDir();
    const paths = await generate('many', 2100, 21, dir, { xlsx: false, classes: false });
    const out = join(dir, 'out', 'r.json');
    const toFile = spawnSync(process.execPath, [BIN, paths.csv, '-f', 'json', '-o', out], { cwd: ROOT });
    const toStdout = spawnSync(process.execPath, [BIN, paths.csv, '-f', 'json'], { cwd: ROOT, maxBuffer: 1 << 28 });
    expect(toFile.stderr.toString()).toBe('');
    expect(toFile.status).toBe(toStdout.status);
    const file = readFileSync(out);
    expect(file.length).toBeGreaterThan(2 ** 20);
    expect(file.equals(toStdout.stdout)).toBe(true);
    const report = await assess([paths.csv]);
    expect(toFile.status).toBe(report.exitCode);
    expect(file.equals(Buffer.from(reference(report)))).toBe(true);
    expect(readdirSync(join(dir, 'out'))).toEqual(['r.json']);
  }, 60_000);

  it('a reader that closes the pipe after the first bytes: no stack trace, the exit code of the report', async () => {
    const dir = tempDir();
    const paths = await generate('many', 2100, 21, dir, { xlsx: false, classes: false });
    const child = spawn(process.execPath, [BIN, paths.csv, '-f', 'json'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    let first = '';
    child.stdout.once('data', (d: Buffer) => {
      first = d.toString('utf8', 0, 20);
      child.stdout.destroy();
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(first).toBe('{"schemaVersion":1,"');
    expect(stderr).toBe('');
    expect(status).toBe((await assess([paths.csv])).exitCode);
  }, 60_000);
});
