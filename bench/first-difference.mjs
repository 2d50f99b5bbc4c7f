// Where two outputs first differ, said so that a reader can find it: the byte offset, the line and column
// (of the expected output), and a short window of each side around it. Used by the golden test
// (test/e2e/national-identity.test.ts) and by bench/compare-reports.mjs.

/** Start of the UTF-8 character that holds byte i (so a window never starts inside a character). */
function charStart(b, i) {
  while (i > 0 && i < b.length && (b[i] & 0xc0) === 0x80) i--;
  return i;
}

function window(b, at, lineStart) {
  const from = charStart(b, Math.max(lineStart, at - 60));
  const to = charStart(b, Math.min(b.length, at + 60));
  const text = b.subarray(from, to).toString('utf8');
  const nl = text.indexOf('\n', at - from);
  return JSON.stringify(nl >= 0 ? text.slice(0, nl) : text);
}

/** null when a and b are the same bytes; else a one-line description of the first difference. */
export function firstDifference(expected, actual) {
  const a = Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength);
  const b = Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength);
  if (a.equals(b)) return null;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  let line = 1;
  let lineStart = 0;
  for (let k = a.indexOf(10); k >= 0 && k < i; k = a.indexOf(10, k + 1)) {
    line++;
    lineStart = k + 1;
  }
  const column = a.subarray(lineStart, charStart(a, i)).toString('utf8').length + 1;
  return (
    `first difference at byte ${i} (line ${line}, column ${column}); ` +
    `expected ${window(a, i, lineStart)}, got ${window(b, i, lineStart)}; ` +
    `sizes ${a.length} and ${b.length} bytes`
  );
}
