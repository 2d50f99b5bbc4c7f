// issue 13 (text that fits): box tables and lines laid out for a terminal of a given width. Widths are
// display columns (CJK = 2) with colour codes counted as zero. A table too wide for the terminal first
// takes its columns' short headers, then narrows its long text columns, then is split into several
// tables (key columns repeated in each), and only then cuts cells: a box line is never wrapped.
// Own code rather than cli-table3 (used before): cli-table3 0.6.5 has no way to split a table by width, added rows
// with push.apply (the stack overflowed past ~100 000 rows, so tables went out in 10 000-row pieces), and cut long
// cells in time quadratic in their length (forDisplay had to shorten every string first).
import { displayWidth, truncate } from './safe.js';

/** The narrowest terminal we lay out for: narrower ones get lines of this width. */
export const MIN_WIDTH = 60;

export interface BoxColumn {
  head: string;
  /** A shorter header, taken when the table does not fit. */
  short?: string;
  /** Repeated in every piece when the table is split (the school name). */
  key?: boolean;
  /** A text column (names, messages) that may be narrowed to this many columns before the table is split. */
  min?: number;
}

/** Marks that never begin a wrapped line (CJK line-breaking rules). */
const CLOSING = /^[，。、；：！？）」』》〉】,.;:!?)\]]$/u;

const WORD = /^[\x21-\x7e]$/;

/** SGR colour codes (chalk's): zero-width. */
const SGR = /\x1b\[[0-9;]*m/g;

export const stripSgr = (s: string): string => s.replace(SGR, '');
export const visibleWidth = (s: string): number => displayWidth(stripSgr(s));

const BORDER = { top: ['┌', '┬', '┐'], mid: ['├', '┼', '┤'], bottom: ['└', '┴', '┘'] } as const;

/** Width of a box line with these column widths: `│ a │ b │`. */
const lineWidth = (widths: number[]) => widths.reduce((a, w) => a + w, 0) + 3 * widths.length + 1;

/**
 * The table as box lines no wider than `width` (no limit when undefined). Split tables are printed one
 * under the other; every piece has the header row.
 */
export function boxTable(columns: BoxColumn[], rows: string[][], width?: number): string[] {
  const limit = width === undefined ? Number.POSITIVE_INFINITY : Math.max(MIN_WIDTH, width);
  const natural = (heads: string[]) =>
    heads.map((h, i) => rows.reduce((m, r) => Math.max(m, visibleWidth(r[i] ?? '')), visibleWidth(h)));
  let heads = columns.map((c) => c.head);
  let widths = natural(heads);
  if (lineWidth(widths) > limit && columns.some((c) => c.short !== undefined)) {
    heads = columns.map((c) => c.short ?? c.head);
    widths = natural(heads);
  }
  // Split with the long text columns whole, or narrowed (widest first, down to their minimum): whichever
  // gives fewer pieces; whole names when even.
  const narrowed = narrow(columns, heads, widths, limit);
  let pieces: number[][] = [columns.map((_, i) => i)];
  if (lineWidth(widths) > limit) {
    const whole = split(columns, widths, limit);
    const cut = lineWidth(narrowed) > limit ? split(columns, narrowed, limit) : pieces;
    if (cut.length < whole.length) {
      widths = narrowed;
      pieces = cut;
    } else pieces = whole;
  }
  const out: string[] = [];
  for (const piece of pieces) {
    const w = piece.map((i) => widths[i]!);
    // Still too wide (one column wider than the terminal): cut the widest columns of this piece.
    while (lineWidth(w) > limit) {
      const at = w.indexOf(Math.max(...w));
      if (w[at]! <= 3) break;
      w[at] = Math.max(3, w[at]! - (lineWidth(w) - limit));
    }
    out.push(
      ...draw(
        piece.map((i) => heads[i]!),
        rows.map((r) => piece.map((i) => r[i] ?? '')),
        w,
      ),
    );
  }
  return out;
}

/** The widths with text columns narrowed, widest first, until the table fits or all are at their minimum. */
function narrow(columns: BoxColumn[], heads: string[], natural: number[], limit: number): number[] {
  const widths = [...natural];
  const minOf = (i: number) => Math.max(columns[i]!.min ?? Number.POSITIVE_INFINITY, visibleWidth(heads[i]!));
  while (lineWidth(widths) > limit) {
    let at = -1;
    for (let i = 0; i < columns.length; i++) if (widths[i]! > minOf(i) && (at < 0 || widths[i]! > widths[at]!)) at = i;
    if (at < 0) break;
    widths[at] = Math.max(minOf(at), widths[at]! - (lineWidth(widths) - limit));
  }
  return widths;
}

/** Column indexes per piece: the key columns, then as many of the others, in order, as fit. */
function split(columns: BoxColumn[], widths: number[], limit: number): number[][] {
  const keys = columns.flatMap((c, i) => (c.key ? [i] : []));
  const rest = columns.flatMap((c, i) => (c.key ? [] : [i]));
  const pieces: number[][] = [];
  let current: number[] = [];
  for (const i of rest) {
    const next = [...keys, ...current, i].map((k) => widths[k]!);
    if (current.length > 0 && lineWidth(next) > limit) {
      pieces.push(current);
      current = [];
    }
    current.push(i);
  }
  if (current.length > 0 || pieces.length === 0) pieces.push(current);
  // Keys keep their place: the first columns of each piece, as in the whole table.
  return pieces.map((p) => [...keys, ...p].sort((a, b) => a - b));
}

function draw(heads: string[], rows: string[][], widths: number[]): string[] {
  const rule = ([l, m, r]: readonly [string, string, string]) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const line = (cells: string[]) => `│ ${cells.map((c, i) => padCell(c, widths[i]!)).join(' │ ')} │`;
  const out = [rule(BORDER.top), line(heads), rule(BORDER.mid)];
  for (const r of rows) out.push(line(r));
  out.push(rule(BORDER.bottom));
  return out;
}

/** The cell padded to `width`; a wider one is cut with an ellipsis (losing its colour). */
function padCell(cell: string, width: number): string {
  let w = visibleWidth(cell);
  if (w > width) {
    cell = truncate(stripSgr(cell), width);
    w = displayWidth(cell);
    // A wide character that did not fit leaves one column over: pad it.
  }
  return cell + ' '.repeat(Math.max(0, width - w));
}

/**
 * A line of prose (a finding, a reading note, a title) no wider than `width`: wrapped at a space where
 * one is near the end, else between characters, continuation lines indented under the text. Box lines
 * and lines that fit are returned as they are.
 */
export function wrapLine(line: string, width?: number): string[] {
  if (width === undefined) return [line];
  const limit = Math.max(MIN_WIDTH, width);
  if (visibleWidth(line) <= limit) return [line];
  const lead = /^ */.exec(stripSgr(line))![0].length;
  const indent = ' '.repeat(Math.min(lead + 2, Math.floor(limit / 2)));
  // Tokens: colour codes (zero-width) and characters.
  const tokens = line.match(/\x1b\[[0-9;]*m|[\s\S]/gu) ?? [];
  const out: string[] = [];
  let cur: string[] = [];
  let curWidth = 0;
  const widthOf = (t: string) => (t.startsWith('\x1b') ? 0 : displayWidth(t));
  /** Where the line may break: the index of the first token that goes down. */
  const breakAt = (t: string): number => {
    const visible = (i: number) => !cur[i]!.startsWith('\x1b');
    const prev = (i: number) => {
      let k = i - 1;
      while (k >= 0 && !visible(k)) k--;
      return k;
    };
    let at = cur.length;
    // A closing mark (，。）」) never starts a line: it goes down with the character before it.
    if (CLOSING.test(t)) {
      let k = prev(at);
      while (k >= 0 && CLOSING.test(cur[k]!)) k = prev(k);
      if (k >= 0) at = k;
    }
    // Inside a Latin word or number, break after the last space.
    const before = prev(at);
    if (WORD.test(at < cur.length ? cur[at]! : t) && before >= 0 && WORD.test(cur[before]!)) {
      let k = before;
      while (k >= 0 && cur[k] !== ' ') k--;
      if (k >= 0) at = k + 1;
    }
    // Not worth it when it leaves the line less than half full.
    const kept = cur.slice(0, at).reduce((a, x) => a + widthOf(x), 0);
    return kept > limit / 2 ? at : cur.length;
  };
  for (const t of tokens) {
    const w = widthOf(t);
    if (w > 0 && curWidth + w > limit) {
      const at = breakAt(t);
      const tail = cur.slice(at);
      while (tail[0] === ' ') tail.shift();
      out.push(cur.slice(0, at).join('').replace(/ +$/, ''));
      cur = [...indent, ...tail];
      curWidth = cur.reduce((a, x) => a + widthOf(x), 0);
      // The space the line broke at is not carried to the next.
      if (t === ' ' && tail.length === 0) continue;
    }
    cur.push(t);
    curWidth += w;
  }
  if (stripSgr(cur.join('')).trim()) out.push(cur.join(''));
  return out;
}
