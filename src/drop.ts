// issue 16: files dropped on the Windows executable (Explorer starts it with their full paths and nothing else,
// in a console window of its own that closes when it exits). Pure decisions here; src/exe.ts acts on them.
import { basename, dirname, extname, join, win32 } from 'node:path';

export interface LaunchContext {
  platform: string;
  env: Record<string, string | undefined>;
  /** true for an existing file or directory. */
  exists: (path: string) => boolean;
}

/**
 * Dropped files, or a double-click with files: on Windows, every argument an absolute path (drive or UNC) that
 * exists, no option, and no `PROMPT` in the environment (cmd.exe sets it for what it starts; Explorer does not).
 * A terminal user who types full paths in PowerShell gets the same; any option (`-f text`) turns it off.
 * BALANCE_CHECK_DROP=1 forces the mode (tests, other systems), =0 turns it off.
 */
export function isDropLaunch(args: string[], ctx: LaunchContext): boolean {
  const forced = ctx.env.BALANCE_CHECK_DROP;
  if (forced === '0') return false;
  if (args.length === 0 || args.some((a) => a.startsWith('-'))) return false;
  if (forced === '1') return args.every(ctx.exists);
  if (ctx.platform !== 'win32' || ctx.env.PROMPT !== undefined) return false;
  return args.every((a) => /^([A-Za-z]:[\\/]|\\\\)/.test(a) && win32.isAbsolute(a) && ctx.exists(a));
}

/** Where the xlsx report goes: beside the first input, `<name>-评估结果.xlsx`, numbered so nothing is overwritten. */
export function dropReportPath(first: string, exists: (path: string) => boolean): string {
  const dir = dirname(first);
  const name = basename(first, extname(first));
  for (let n = 1; ; n++) {
    const candidate = join(dir, `${name}-评估结果${n === 1 ? '' : ` (${n})`}.xlsx`);
    if (!exists(candidate)) return candidate;
  }
}
