// Command-line inputs → files: paths, directories (recursive) and globs, expanded here because
// Windows shells do not expand globs.
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fsPath, recoverRawArgument, registerRawPath } from './read/safe.js';

// Exactly the extensions `**/*.{xlsx,xls,csv,XLSX,XLS,CSV}` matched.
const DATA_FILE = /\.(xlsx|xls|csv|XLSX|XLS|CSV)$/;
// Hidden folders are skipped by the wildcards themselves (dot: false), so a pattern that names one still works.
const IGNORE = ['**/node_modules/**', '**/~$*'];

export async function expandInputs(args: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-') {
      out.push(arg);
      continue;
    }
    recoverRawArgument(arg);
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(fsPath(arg), { throwIfNoEntry: false });
    } catch {
      stat = undefined; // a symlink loop, say: reported when the input is read
    }
    if (stat?.isDirectory()) {
      // A folder named like a workbook was meant as a file: reported as a directory, not walked.
      if (/\.(xlsx|xls|csv)$/i.test(arg.replace(/[\\/]+$/, ''))) out.push(arg);
      else {
        const found = walk(arg, fsPath(arg));
        // A directory without a spreadsheet stays, so that it is reported (exit 3) rather than pass as nothing.
        for (const f of found.length ? found : [arg]) out.push(f);
      }
    } else if (!stat && /[*?[\]{}]/.test(arg)) {
      // The glob library loads only for a pattern: most runs name files.
      const { glob } = await import('tinyglobby');
      const found = (await glob(arg, { ignore: IGNORE, onlyFiles: true, absolute: isAbsolute(arg) })).sort();
      // A pattern that matches nothing stays, so that it is reported as not found.
      for (const f of found.length ? found : [arg]) out.push(f);
    } else out.push(arg);
  }
  return [...new Set(out)];
}

/**
 * The data files under a directory, sorted, as `dir/relative/path`. Names are read as bytes: a name that
 * is not UTF-8 gets a display form whose real bytes are remembered for reading (read/safe.ts). Entries
 * that are not regular files (a FIFO or a link to /dev/zero named x.csv) are listed, so that reading
 * reports them; links to folders are followed once (a link loop ends).
 */
function walk(root: string, rootRaw: string | Buffer): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const visit = (dir: Buffer, rel: string, lossy: boolean) => {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(dir);
    } catch {
      return;
    }
    const id = `${st.dev}:${st.ino}`;
    if (seen.has(id)) return;
    seen.add(id);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' }) as unknown as Dirent[];
    } catch {
      return; // an unreadable folder is skipped, as the wildcard did
    }
    for (const d of entries) {
      const raw = d.name as unknown as Buffer;
      const name = raw.toString('utf8');
      // Not UTF-8: the display name (U+FFFD in place of bad bytes) cannot be opened; its bytes can.
      const bad = lossy || !Buffer.from(name, 'utf8').equals(raw);
      if (name.startsWith('.') || name === 'node_modules') continue;
      const child = Buffer.concat([dir, Buffer.from('/'), raw]);
      const childRel = rel + name;
      let isDir = d.isDirectory();
      if (d.isSymbolicLink()) {
        try {
          isDir = statSync(child).isDirectory();
        } catch {
          isDir = false; // broken link or loop: listed if named like data, and reported when read
        }
      }
      if (isDir) {
        visit(child, `${childRel}/`, bad);
        continue;
      }
      if (!DATA_FILE.test(name) || name.startsWith('~$')) continue;
      found.push(childRel);
      if (bad) lossyNames.set(childRel, child);
    }
  };
  const lossyNames = new Map<string, Buffer>();
  visit(Buffer.isBuffer(rootRaw) ? rootRaw : Buffer.from(rootRaw), '', Buffer.isBuffer(rootRaw));
  return found.sort().map((rel) => {
    const path = joinPath(root, rel);
    const raw = lossyNames.get(rel);
    return raw ? registerRawPath(path, raw) : path;
  });
}

function joinPath(dir: string, file: string): string {
  return dir.endsWith('/') || dir.endsWith('\\') ? dir + file : `${dir}/${file}`;
}
