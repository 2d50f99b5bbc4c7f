// Entry of the single-file executables (scripts/build-exe.mjs): what bin/balance-check.js does, plus the
// drop mode of the Windows exe (src/drop.ts): assess the dropped files, print the text result, save the xlsx
// report beside the first file, and keep the window open until Enter.
import { existsSync } from 'node:fs';
import { main } from './cli.js';
import { dropReportPath, isDropLaunch } from './drop.js';
import { label } from './i18n/messages.js';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// In a single executable argv[1] is the executable again; the CLI parses from argv[2] like under node.
const args = process.argv.slice(2);
const drop = isDropLaunch(args, { platform: process.platform, env: process.env, exists: existsSync });
// No top-level await: SEA runs a CommonJS script.
void (drop ? dropRun(args) : main(process.argv)).then((code) => {
  process.exitCode = code;
});

async function dropRun(files: string[]): Promise<number> {
  const code = await main([...process.argv.slice(0, 2), ...files]);
  const report = dropReportPath(files[0]!, existsSync);
  // The run that writes the xlsx repeats the first run's messages: keep them back unless it fails.
  const held: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    held.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  let saved: number;
  try {
    saved = await main([...process.argv.slice(0, 2), ...files, '--format', 'xlsx', '-o', report]);
  } finally {
    process.stderr.write = write;
  }
  if (saved !== 3 && existsSync(report)) process.stdout.write(`\n${label('zh', 'drop.saved', { path: report })}\n`);
  else process.stdout.write(`\n${label('zh', 'drop.not-saved', { reason: held.join('').trim() })}\n`);
  if (process.stdin.isTTY) {
    process.stdout.write(`${label('zh', 'drop.press-enter')}\n`);
    await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()).resume());
    process.stdin.pause();
  }
  return code;
}
