// Reading files without trusting them: only regular files are opened (a FIFO would block for good,
// /dev/zero never ends), sizes are bounded while reading, and errors become FatalErrors in words.
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { FatalError } from '../findings.js';

/** What a read is for: decides which fatal code names the problem. */
export type FileRole = 'input' | 'profile' | 'columns';

/** Display path → raw bytes of a name that is not valid UTF-8 (found by directory expansion). */
const rawPaths = new Map<string, Buffer>();

/** Remember the real bytes behind a display name holding U+FFFD; returns the display name to use. */
export function registerRawPath(display: string, raw: Buffer): string {
  let name = display;
  for (let n = 2; rawPaths.has(name) && !rawPaths.get(name)!.equals(raw); n++) name = `${display}#${n}`;
  rawPaths.set(name, raw);
  return name;
}

/**
 * A command-line argument holding U+FFFD may be a name that is not UTF-8, decoded lossily by Node. On
 * Linux the real bytes are in /proc/self/cmdline: find them and remember them for reading.
 */
export function recoverRawArgument(arg: string): void {
  if (!arg.includes('\uFFFD') || rawPaths.has(arg) || process.platform !== 'linux') return;
  let cmdline: Buffer;
  try {
    cmdline = readFileSync('/proc/self/cmdline');
  } catch {
    return;
  }
  let start = 0;
  for (let i = cmdline.indexOf(0); i >= 0; start = i + 1, i = cmdline.indexOf(0, start)) {
    const raw = cmdline.subarray(start, i);
    if (raw.toString('utf8') === arg) {
      rawPaths.set(arg, Buffer.from(raw));
      return;
    }
  }
}

/** The path to hand to fs: the registered raw bytes, or the string itself. */
export function fsPath(path: string): string | Buffer {
  return rawPaths.get(path) ?? path;
}

/** Why a path is not a regular file, as a reason code (see REASONS in messages.ts); undefined when it is one. */
function notRegular(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  if (st.isSocket()) return 'socket';
  return 'special-file';
}

const NOT_REGULAR = ['fifo', 'device', 'socket', 'special-file'];

function fail(role: FileRole, file: string, reason: string): FatalError {
  const why: Record<string, string> =
    NOT_REGULAR.includes(reason) || reason === 'directory' ? { reason: 'not-regular', kind: reason } : { reason };
  if (role === 'profile') return new FatalError('profile-unreadable', { file, ...why });
  if (role === 'columns') return new FatalError('bad-mapping', { file, key: '(file)', ...why });
  if (reason === 'ENOENT')
    return new FatalError(
      file.includes('\uFFFD') ? 'file-name-not-utf8' : /[*?[\]{}]/.test(file) ? 'no-match' : 'file-not-found',
      { file },
    );
  if (reason === 'directory' || reason === 'EISDIR') return new FatalError('is-directory', { file });
  if (NOT_REGULAR.includes(reason)) return new FatalError('not-a-regular-file', { file, kind: reason });
  return new FatalError('file-unreadable', { file, reason });
}

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code ?? 'unknown';

/**
 * A regular file opened for reading, with its size. The file is checked with stat before it is opened,
 * opened non-blocking (a FIFO swapped in meanwhile cannot block) and checked again with fstat.
 */
export function openRegularFile(
  file: string,
  role: FileRole,
  maxBytes: number,
  tooLarge: (size: number) => FatalError,
): { fd: number; size: number } {
  const path = fsPath(file);
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw fail(role, file, errno(e));
  }
  const kind = notRegular(st);
  if (kind) throw fail(role, file, kind);
  if (st.size > maxBytes) throw tooLarge(st.size);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw fail(role, file, errno(e));
  }
  try {
    const again = fstatSync(fd);
    const kind2 = notRegular(again);
    if (kind2) throw fail(role, file, kind2);
    if (again.size > maxBytes) throw tooLarge(again.size);
    return { fd, size: again.size };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/**
 * The bytes of an open file from its start, in chunks of `chunkBytes`, never more than `maxBytes` in all
 * (the size may be 0, as in /proc, or grow while reading). Each call reads the file again from byte 0.
 */
export function* fileChunks(
  fd: number,
  file: string,
  role: FileRole,
  maxBytes: number,
  tooLarge: (size: number) => FatalError,
  chunkBytes = 1 << 20,
): Generator<Buffer> {
  let position = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(chunkBytes, maxBytes + 1 - position));
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, position);
    } catch (e) {
      throw fail(role, file, errno(e));
    }
    if (n === 0) return;
    position += n;
    if (position > maxBytes) throw tooLarge(position);
    yield buf.subarray(0, n);
  }
}

/** The bytes of a regular file, at most `maxBytes` of them (see openRegularFile). */
export function readRegularFile(
  file: string,
  role: FileRole,
  maxBytes: number,
  tooLarge: (size: number) => FatalError,
): Buffer {
  const { fd, size } = openRegularFile(file, role, maxBytes, tooLarge);
  try {
    // The size may be 0 (/proc) or grow while reading: read to the end, never past the limit.
    let buf = Buffer.allocUnsafe(Math.max(size, 64 * 1024));
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (length > maxBytes) throw tooLarge(length);
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxBytes + 1));
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      let n: number;
      try {
        n = readSync(fd, buf, length, buf.length - length, null);
      } catch (e) {
        throw fail(role, file, errno(e));
      }
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) throw tooLarge(length);
    return buf.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Size cap for --profile and --columns files: a JSON file of a few KiB. */
const CONFIG_MAX_BYTES = 2 ** 20;

/** A --profile / --columns file as text (BOM dropped), through the regular-file reader. */
function readConfigText(file: string, role: 'profile' | 'columns'): string {
  const bytes = readRegularFile(file, role, CONFIG_MAX_BYTES, () => fail(role, file, 'config-too-large'));
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * Standard input, bounded: stops with file-too-large at `maxBytes`, and as soon as the first 4 KiB show
 * binary data (`< /dev/zero` ends at once instead of filling memory). A terminal is not waited on.
 */
export async function readStdinBounded(
  stdin: NodeJS.ReadStream,
  maxBytes: number,
  isBinary: (head: Uint8Array) => boolean,
  checkMemory: () => void,
): Promise<Uint8Array> {
  if (stdin.isTTY) throw new FatalError('stdin-is-terminal', {});
  const chunks: Buffer[] = [];
  let total = 0;
  let sniffed = false;
  try {
    for await (const chunk of stdin) {
      const b = chunk as Buffer;
      total += b.length;
      if (total > maxBytes)
        throw new FatalError('file-too-large', { file: '-', size: `> ${mib(maxBytes)}`, limit: mib(maxBytes) });
      chunks.push(b);
      if (!sniffed && total >= 4096) {
        sniffed = true;
        const head = Buffer.concat(chunks).subarray(0, 4096);
        if (isBinary(head)) throw new FatalError('not-a-workbook', { file: '-' });
      }
      checkMemory();
    }
  } finally {
    // Stop reading an endless source, so that the process can exit.
    stdin.destroy();
  }
  return Buffer.concat(chunks);
}

export const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

/** Whether a path exists as given (a name holding U+FFFD came from a lossy decoding of bytes). */
export function statQuiet(path: string): Stats | undefined {
  try {
    return statSync(fsPath(path));
  } catch {
    return undefined;
  }
}

/**
 * A --profile / --columns file parsed as JSON. When it is not JSON the error gives the position only:
 * JSON.parse's message quotes the file's first bytes (`--profile /etc/passwd` would echo them).
 */
export function readConfigJson(file: string, role: 'profile' | 'columns'): unknown {
  const text = readConfigText(file, role);
  try {
    return JSON.parse(text);
  } catch {
    const { line, column } = lineColumn(text, jsonErrorOffset(text));
    if (role === 'profile') throw new FatalError('profile-not-json', { file, line, column });
    throw new FatalError('bad-mapping', { file, key: '(file)', reason: 'not-json', line, column });
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Where strict JSON first goes wrong in `t` (iterative: deep nesting cannot overflow the stack). */
function jsonErrorOffset(t: string): number {
  let i = 0;
  const stack: string[] = [];
  const ws = () => {
    while (i < t.length && (t[i] === ' ' || t[i] === '\t' || t[i] === '\n' || t[i] === '\r')) i++;
  };
  const string = (): boolean => {
    if (t[i] !== '"') return false;
    i++;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = t[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return false;
      } else i++;
    }
    return false;
  };
  /** A key and its colon inside an object. */
  const key = (): boolean => {
    ws();
    if (!string()) return false;
    ws();
    if (t[i] !== ':') return false;
    i++;
    return true;
  };
  for (;;) {
    // A value.
    ws();
    const c = t[i];
    if (c === '{' || c === '[') {
      i++;
      ws();
      if (t[i] === (c === '{' ? '}' : ']')) i++;
      else {
        stack.push(c);
        if (c === '{' && !key()) return i;
        continue;
      }
    } else if (c === '"') {
      if (!string()) return i;
    } else if (c !== undefined && (c === '-' || (c >= '0' && c <= '9'))) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(t)) return i;
      i = NUMBER.lastIndex;
    } else {
      const word = ['true', 'false', 'null'].find((w) => t.startsWith(w, i));
      if (!word) return i;
      i += word.length;
    }
    // After a value: close containers, or go on to the next member.
    for (;;) {
      ws();
      const open = stack[stack.length - 1];
      if (open === undefined) return Math.min(i, t.length);
      if (t[i] === ',') {
        i++;
        if (open === '{' && !key()) return i;
        break;
      }
      if (t[i] === (open === '{' ? '}' : ']')) {
        i++;
        stack.pop();
        continue;
      }
      return i;
    }
  }
}
