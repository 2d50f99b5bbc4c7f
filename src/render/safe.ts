// Data on its way out: control sequences removed before a terminal sees them, characters XML cannot
// hold replaced, markdown and HTML made inert, long values cut for display. Every renderer and every
// error message goes through these, so one cell of a hostile file cannot retitle a terminal, split a
// table row or break a CI gate's XML.

/**
 * Terminal control sequences, whole: CSI (`ESC [ … final`, 8-bit 0x9B), string sequences (OSC, DCS,
 * SOS, PM, APC, 7- or 8-bit, up to BEL/ST or the end of the value), two-character escapes (`ESC c`),
 * then any other C0/C1 control and DEL. TAB, LF and CR are matched separately (group 1).
 */
const CONTROL =
  /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|(?:\x1b[P\]X^_]|[\x90\x98\x9d\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c|$)|\x1b[ -/]*[0-~]?|([\t\n\r])|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;

/** Removes control sequences and controls; TAB, LF and CR are kept (CSV and XML can hold them). */
export function stripControls(s: string): string {
  return s.replace(CONTROL, (_m, ws: string | undefined) => ws ?? '');
}

/** One line for a terminal: control sequences removed, TAB/LF/CR become spaces. */
export function terminalSafe(s: string): string {
  return s.replace(CONTROL, (_m, ws: string | undefined) => (ws ? ' ' : ''));
}

/** Characters XML 1.0 cannot hold: C0 but TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
const XML_INVALID =
  /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlChars(s: string, replacement = '\ufffd'): string {
  return s.replace(XML_INVALID, replacement);
}

/** Text for an XML attribute or element: well-formed for any string; TAB/LF/CR kept as references. */
export function xmlEscape(s: string): string {
  return xmlChars(stripControls(s)).replace(/[&<>"'\t\n\r]/g, (ch) => XML_ENTITY[ch]!);
}
const XML_ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** A markdown table cell: one line, no pipe that ends the cell, no HTML that a viewer would run. */
export function markdownEscape(s: string): string {
  return xmlChars(terminalSafe(s), '').replace(/[\\|<>&]/g, (ch) => MD_ENTITY[ch]!);
}
const MD_ENTITY: Record<string, string> = { '\\': '\\\\', '|': '\\|', '<': '&lt;', '>': '&gt;', '&': '&amp;' };

const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u;

/** Display width: East Asian wide and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

/** Columns for a name in a table, and for a value echoed in a message. */
export const NAME_COLUMNS = 40;
export const VALUE_COLUMNS = 80;

/** Cut to at most `columns` display columns, ending in an ellipsis when cut. Stops after columns + 1. */
export function truncate(s: string, columns: number): string {
  if (s.length * 2 <= columns) return s;
  let w = 0;
  let i = 0;
  let cut = -1;
  for (const ch of s) {
    w += WIDE.test(ch) ? 2 : 1;
    if (cut < 0 && w > columns - 1) cut = i; // where the ellipsis goes if the rest does not fit
    if (w > columns) return s.slice(0, cut) + '…';
    i += ch.length;
  }
  return s;
}
