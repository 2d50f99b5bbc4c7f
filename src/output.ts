// Writing a report (-o): never onto an input, never onto a read-only file, never a file whose name says
// another format; regular files atomically (exclusive temp file + rename), devices, FIFOs and
// /dev/stdout directly; temp files removed on signals and, after a SIGKILL, on the next write.
import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  chmodSync,
  writeSync,
  accessSync,
  constants,
  type Stats,
} from 'node:fs';
import { constants as osConstants } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { FatalError } from './findings.js';
import { formatters, type OutputFormat } from './render/formatters.js';

/** What each known extension may hold, from the formatter registry; the first is taken when -f is not given. */
const BY_EXTENSION: Record<string, readonly OutputFormat[]> = {};
for (const f of formatters) for (const ext of f.extensions) BY_EXTENSION[ext] = [...(BY_EXTENSION[ext] ?? []), f.id];
const SPREADSHEETS = new Set(['.xls', '.xlsm', '.xlsb', '.ods', '.et']);
const KNOWN_LIST = [...new Set(formatters.map((f) => f.extensions[0]))].join(' ');

/**
 * The report format: -f when given, otherwise from the -o extension (text when it says nothing).
 * A name that contradicts the content is refused: `-o r.xlsx` never holds text.
 */
export function chooseFormat(explicit: OutputFormat | undefined, output: string | undefined): OutputFormat {
  if (output === undefined) return explicit ?? 'text';
  const ext = extname(output).toLowerCase();
  if (SPREADSHEETS.has(ext)) throw new FatalError('output-extension', { file: output, ext, known: KNOWN_LIST });
  const allowed = BY_EXTENSION[ext];
  if (!allowed) return explicit ?? 'text';
  if (explicit && !allowed.includes(explicit))
    throw new FatalError('format-mismatch', { file: output, ext, format: explicit, expected: allowed.join('/') });
  return explicit ?? allowed[0]!;
}

/** `template` writes a workbook, or (issue 13) the schools table as CSV for `-o t.csv`: its name must not say otherwise. */
export function checkTemplateName(output: string): 'xlsx' | 'csv' {
  const ext = extname(output).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  if (SPREADSHEETS.has(ext) || BY_EXTENSION[ext]) throw new FatalError('template-name', { file: output, ext });
  return 'xlsx';
}

export interface Guard {
  /** Files read by this run (inputs after directory and glob expansion, profile, column mapping). */
  inputs?: readonly string[];
  /** false: an existing file is refused (template without --force). */
  overwrite?: boolean;
}

type Plan =
  | { kind: 'atomic'; path: string; mode?: number }
  /** A device or FIFO: opened and written, never renamed over. */
  | { kind: 'direct'; path: string; flags: 'w' | 'a' }
  /** /dev/stdout and its kin: our own descriptor, written as it is (a pipe, a socket, a `>>` file). */
  | { kind: 'fd'; path: string; fd: number };

/** The descriptor that /dev/stdout, /dev/stderr, /dev/fd/N or /proc/self/fd/N name, if the path is one. */
function ownFd(path: string): number | null {
  const m = /^\/(?:dev\/(stdout|stderr|fd\/(\d+))|proc\/(self|\d+)\/fd\/(\d+))$/.exec(path);
  if (!m) return null;
  if (m[1] === 'stdout') return 1;
  if (m[1] === 'stderr') return 2;
  if (m[2]) return Number(m[2]);
  return m[3] === 'self' || Number(m[3]) === process.pid ? Number(m[4]) : null;
}
const WINDOWS_DEVICE = /^(?:nul|con|prn|aux|com\d|lpt\d)(?:\..*)?$/i;

/** Decides how `path` is written and refuses what must not be (exit 3). Cheap: called early and again at write time. */
export function planOutput(path: string, guard: Guard = {}): Plan {
  const lst = lstatSync(path, { throwIfNoEntry: false });
  const st = lst?.isSymbolicLink() ? statSync(path, { throwIfNoEntry: false }) : lst;
  const fd = ownFd(path) ?? (lst?.isSymbolicLink() ? ownFd(resolve(dirname(path), readlinkSync(path))) : null);
  if (fd !== null) return { kind: 'fd', path, fd };
  if (process.platform === 'win32' && WINDOWS_DEVICE.test(basename(path))) return { kind: 'direct', path, flags: 'w' };
  if (!st) return { kind: 'atomic', path };
  for (const input of guard.inputs ?? []) {
    if (input !== '-' && sameFile(st, path, input)) throw new FatalError('output-is-input', { file: path, input });
  }
  if (st.isDirectory()) throw new FatalError('cannot-write', { file: path, reason: 'EISDIR' });
  if (!st.isFile()) return { kind: 'direct', path, flags: 'w' };
  if (guard.overwrite === false) throw new FatalError('output-exists', { file: path });
  if (readOnly(st, path)) throw new FatalError('output-read-only', { file: path });
  // Through a symlink, the file it points to is replaced and the link stays a link.
  return { kind: 'atomic', path: lst!.isSymbolicLink() ? realpathSync(path) : path, mode: st.mode & 0o7777 };
}

function sameFile(st: Stats, path: string, input: string): boolean {
  const other = statSync(input, { throwIfNoEntry: false });
  if (!other) return false;
  // dev + ino: the same file under any spelling, through a symlink, or by a hard link.
  if (other.ino !== 0 && other.dev === st.dev && other.ino === st.ino) return true;
  try {
    const [a, b] = [realpathSync.native(path), realpathSync.native(input)];
    return process.platform === 'win32' || process.platform === 'darwin'
      ? a.toLowerCase() === b.toLowerCase()
      : a === b;
  } catch {
    return false;
  }
}

/** Read-only by its mode (root may write anyway, Windows' read-only attribute shows here too) or by access. */
function readOnly(st: Stats, path: string): boolean {
  if ((st.mode & 0o222) === 0) return true;
  try {
    accessSync(path, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** The temp file being written, removed by the signal and exit handlers. */
let currentTemp: string | null = null;
let handlersInstalled = false;

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      removeTemp();
      process.exit(128 + osConstants.signals[sig]);
    });
  }
  process.on('exit', removeTemp);
}

function removeTemp(): void {
  if (currentTemp) rmSync(currentTemp, { force: true });
  currentTemp = null;
}

/** Temp files of our naming (`.NAME.PID.tmp`) left beside the target by a process that no longer runs (SIGKILL). */
function removeStaleTemps(dir: string, name: string): void {
  const own = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.tmp$`);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = Number(own.exec(entry)?.[1] ?? NaN);
    // Our own PID: a leftover of an earlier process that had it (PIDs repeat in containers).
    if (Number.isInteger(pid) && (pid === process.pid || !alive(pid))) rmSync(join(dir, entry), { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type Content = string | Uint8Array | Iterable<string>;

/** Writes the report to `path` as planOutput decides; every failure is a FatalError (exit 3). */
export async function writeOutput(
  path: string,
  content: Content,
  guard: Guard = {},
  bufferBytes = WRITE_BUFFER_BYTES,
): Promise<void> {
  const plan = planOutput(path, guard);
  if (plan.kind === 'fd') {
    try {
      await writeAll(plan.fd, content, bufferBytes);
    } catch (e) {
      throw new FatalError('cannot-write', { file: path, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
    }
    return;
  }
  if (plan.kind === 'direct') {
    let fd: number | undefined;
    try {
      fd = openSync(plan.path, plan.flags);
      await writeAll(fd, content, bufferBytes);
    } catch (e) {
      throw new FatalError('cannot-write', { file: path, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    return;
  }
  const dir = dirname(plan.path);
  const tmp = join(dir, `.${basename(plan.path)}.${process.pid}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    removeStaleTemps(dir, basename(plan.path));
    installHandlers();
    currentTemp = tmp;
    const fd = openSync(tmp, 'wx', plan.mode ?? 0o666);
    try {
      await writeAll(fd, content, bufferBytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (plan.mode !== undefined) chmodSync(tmp, plan.mode);
    renameSync(tmp, plan.path);
    currentTemp = null;
  } catch (e) {
    removeTemp();
    if (e instanceof FatalError) throw e;
    throw new FatalError('cannot-write', { file: path, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
}

/** Pieces of text (a national JSON report, county by county) are gathered into a buffer of this size. */
export const WRITE_BUFFER_BYTES = 1 << 20;

/**
 * The pieces as UTF-8, gathered into ONE reused buffer: each batch yielded is a view of it, valid only until
 * the next is asked for (write it at once). A piece larger than the buffer is yielded on its own.
 */
export function* batches(pieces: Iterable<string>, size = WRITE_BUFFER_BYTES): Generator<Uint8Array> {
  const buf = Buffer.allocUnsafe(size);
  let used = 0;
  for (const piece of pieces) {
    const n = buf.write(piece, used);
    // write() stops short only when the next character (≤ 4 bytes) does not fit; else measure the piece.
    if (size - used - n >= 4 || n === Buffer.byteLength(piece)) {
      used += n;
      continue;
    }
    if (used > 0) yield buf.subarray(0, used);
    used = 0;
    if (Buffer.byteLength(piece) > size) yield Buffer.from(piece);
    else used = buf.write(piece, 0);
  }
  if (used > 0) yield buf.subarray(0, used);
}

/**
 * Standard output, for pieces of text: batched as for a file. process.stdout may hold a chunk until the
 * reader takes it (a full pipe, Windows), so it gets a copy and the reused buffer goes on.
 */
export function writeStdout(pieces: Iterable<string>, bufferBytes = WRITE_BUFFER_BYTES): void {
  for (const bytes of batches(pieces, bufferBytes)) process.stdout.write(Buffer.from(bytes));
}

async function writeAll(fd: number, content: Content, bufferBytes: number): Promise<void> {
  const pause = Number(process.env.BALANCE_CHECK_TEST_WRITE_PAUSE_MS ?? 0);
  if (typeof content === 'string' || content instanceof Uint8Array) {
    writeChunk(fd, content);
    // Tests only: hold the temp file open so that a signal can arrive mid-write.
    if (pause > 0) await new Promise((r) => setTimeout(r, pause));
    return;
  }
  for (const bytes of batches(content, bufferBytes)) {
    // Written before the next batch reuses the buffer.
    writeChunk(fd, bytes);
    // Between batches the event loop runs, so a signal's handler can remove the temp file.
    await new Promise((r) => setImmediate(r));
  }
}

function writeChunk(fd: number, chunk: string | Uint8Array): void {
  const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      // A non-blocking pipe that is full: wait for the reader.
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}
