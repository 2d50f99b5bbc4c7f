// Findings are values: every stage returns them, none throws them across a stage boundary.
import type { FatalCode, FindingCode, FindingParams } from './i18n/messages.js';

export type { FindingCode };
export type Severity = 'error' | 'warning' | 'info';

export interface Location {
  file?: string;
  sheet?: string;
  /** Row number as Excel shows it (1-based). */
  row?: number;
  /** Column letter as Excel shows it. */
  column?: string;
  header?: string;
}

/** A finding before its message is put into words (stages stay language-agnostic). */
export interface RawFinding extends Location {
  code: FindingCode;
  severity: Severity;
  /** The original cell value, when the finding is about a cell. */
  value?: unknown;
  /** Values for the message template. */
  params?: Record<string, string | number>;
}

/** Each finding code's severity, declared once: an emit site giving another one does not compile. The words are
 * in src/i18n/messages.ts FINDINGS (zh, en); a code missing here or there does not compile either. */
export const SEVERITY = {
  // error
  'missing-column': 'error',
  'missing-value': 'error',
  'type-error': 'error',
  'not-integer': 'error',
  'negative-value': 'error',
  'invalid-value': 'error',
  'missing-level': 'error',
  'level-type-mismatch': 'error',
  'subset-exceeds-total': 'error',
  'duplicate-school': 'error',
  'inconsistent-type': 'error',
  'missing-level-row': 'error',
  'unknown-school': 'error',
  'cannot-split': 'error',
  'no-school-table': 'error',
  'no-header-row': 'error',
  'invalid-item-value': 'error',
  'duplicate-item': 'error',
  'formula-no-value': 'error',
  'no-schools': 'error',
  'nothing-assessed': 'error',
  'no-assessment': 'error',
  'duplicate-column-conflict': 'error',
  'blank-column': 'error',
  'too-many-findings': 'error',
  'template-example-rows': 'error',
  'formula-no-value-more': 'error',
  'county-items-no-county': 'error',
  // warning
  'teachers-exceed-students': 'warning',
  'implausible-value': 'warning',
  'class-students-mismatch': 'warning',
  'duplicate-column': 'warning',
  'duplicate-county': 'warning',
  'unknown-county-item': 'warning',
  'county-items-missing': 'warning',
  'county-items-unmatched': 'warning',
  'control-characters': 'warning',
  'control-characters-more': 'warning',
  'partial-coverage': 'warning',
  'not-assessed': 'warning',
  'code-leading-zero': 'warning',
  'sheets-unread': 'warning',
  'shared-string-missing': 'warning',
  'cells-dropped': 'warning',
  // issue 12 (hidden rows and sheets, the county's name)
  'hidden-row': 'warning',
  'hidden-sheet': 'warning',
  'county-from-file-name': 'warning',
  'county-from-stdin': 'warning',
  // info
  'sheet-ignored': 'info',
  'unit-converted': 'info',
  'rows-skipped': 'info',
  'hidden-row-skipped': 'info',
  'hidden-sheet-skipped': 'info',
  'county-from-title': 'info',
  // issue 15 (import of the statistics forms)
  'import-not-a-form': 'error',
  'import-type-unknown': 'error',
  'import-figure-missing': 'error',
  'import-form-missing': 'error',
  'import-bad-value': 'error',
  'import-level-unknown': 'error',
  'import-unmatched': 'warning',
  'uncounted-unit': 'warning',
  'import-to-fill': 'warning',
  'import-annex-merged': 'info',
  'imported-forms': 'info',
} as const satisfies Record<FindingCode, Severity>;

type Params = Record<string, string | number>;
/** What a finding of code C carries besides its location: the params its templates name are required. */
type Extra<C extends FindingCode> = [keyof FindingParams<C>] extends [never]
  ? [extra?: { value?: unknown; params?: Params }]
  : [extra: { value?: unknown; params: FindingParams<C> & Params }];

/** A finding of a catalogued code (src/i18n/messages.ts FINDINGS): an unknown code or a missing param does not compile. */
export function finding<C extends FindingCode>(
  code: C,
  severity: (typeof SEVERITY)[C],
  at: Location,
  ...[extra]: Extra<C>
): RawFinding {
  return { code, severity, ...at, ...extra };
}

/** Excel column letter for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Thrown only for what ends a file's assessment (exit 3): unreadable file, bad usage, bad profile. */
export class FatalError extends Error {
  constructor(
    readonly code: FatalCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'FatalError';
  }
}
