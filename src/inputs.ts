// Command-line inputs → files: paths, directories (recursive) and globs, expanded here because
// Windows shells do not expand globs.
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';

const DATA_FILES = '**/*.{xlsx,xls,csv,XLSX,XLS,CSV}';
// Hidden folders are skipped by the wildcards themselves (dot: false), so a pattern that names one still works.
const IGNORE = ['**/node_modules/**', '**/~$*'];

export async function expandInputs(args: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-') {
      out.push(arg);
      continue;
    }
    const stat = statSync(arg, { throwIfNoEntry: false });
    // The glob library loads only for a directory or a pattern: most runs name files.
    const glob = async (pattern: string, options: import('tinyglobby').GlobOptions) => (await import('tinyglobby')).glob(pattern, options);
    if (stat?.isDirectory()) {
      const found = (await glob(DATA_FILES, { cwd: arg, ignore: IGNORE, absolute: false })).sort();
      for (const f of found) out.push(joinPath(arg, f));
      // A directory without a spreadsheet stays, so that it is reported (exit 3) rather than pass as nothing.
      if (found.length === 0) out.push(arg);
    } else if (!stat && /[*?[\]{}]/.test(arg)) {
      const found = (await glob(arg, { ignore: IGNORE, onlyFiles: true, absolute: isAbsolute(arg) })).sort();
      // A pattern that matches nothing stays, so that it is reported as not found.
      for (const f of found.length ? found : [arg]) out.push(f);
    } else out.push(arg);
  }
  return [...new Set(out)];
}

function joinPath(dir: string, file: string): string {
  return dir.endsWith('/') || dir.endsWith('\\') ? dir + file : `${dir}/${file}`;
}
