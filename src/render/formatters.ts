// The one registry of output formats. `--format` choices, the -o extension → format mapping (output.ts)
// and the CLI's rendering all come from here, and the library exports it.
//
// ADDING A FORMAT = one file under src/render/ exporting `formatter: Formatter`, plus one line in FORMATTERS.
//
// Entries hold only ids, extensions and a loader: this module imports no formatter, so `--help`, usage
// errors and the other formats never load SheetJS, chalk or ECharts.
import { FatalError } from '../findings.js';
import type { Profile } from '../profiles/schema.js';
import type { Report } from '../report/schema.js';
import { quietReport } from './quiet.js';

export interface RenderOptions {
  /** ANSI colours (text only). */
  color: boolean;
  /** Only failures and errors. The report has already been through quietReport (render() does it);
   * a formatter may also leave out its own detail tables. */
  quiet: boolean;
  /** The standard the report was judged by; when absent, the built-in standard named by report.standard. */
  profile?: Profile;
  /** `validate` reports the data only (text prints per-input lines; the report has no counties). */
  mode?: 'assess' | 'validate';
  /** issue 13 (text): display columns of the terminal; text lines are no wider (at least 60). No limit when absent. */
  width?: number;
  /** issue 13: YYYY-MM-DD, the 生成日期 of a report heading (reportDate()); csv and markdown leave it out. */
  date?: string;
}

/**
 * issue 13: the date a report is made on: SOURCE_DATE_EPOCH (seconds, as UTC, for reproducible output) when
 * set, else today's local date.
 */
export function reportDate(env: Record<string, string | undefined> = process.env, now = new Date()): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) {
    const d = new Date(Number(epoch.trim()) * 1000);
    if (!Number.isNaN(d.getTime())) return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Text, bytes, or pieces of text (a national JSON report goes out county by county). */
export type Rendered = string | Uint8Array | Iterable<string>;

export interface Formatter {
  id: string;
  /** Output-file extensions (lower case, with the dot) that may hold this format. */
  extensions: readonly string[];
  /** Bytes, not text: never written to a terminal. */
  binary: boolean;
  /** Pure: never changes the report. The words are the report's own language (report.lang). */
  render(report: Report, opts: RenderOptions): Rendered | Promise<Rendered>;
}

export interface FormatterEntry {
  id: string;
  /** Where several formats share an extension, the first entry listed is taken when -f is not given. */
  extensions: readonly string[];
  binary: boolean;
  load(): Promise<Formatter>;
}

export const formatters = [
  { id: 'text', extensions: ['.txt'], binary: false, load: async () => (await import('./text.js')).formatter },
  { id: 'json', extensions: ['.json'], binary: false, load: async () => (await import('./json.js')).formatter },
  { id: 'csv', extensions: ['.csv'], binary: false, load: async () => (await import('./csv.js')).formatter },
  {
    id: 'markdown',
    extensions: ['.md', '.markdown'],
    binary: false,
    load: async () => (await import('./markdown.js')).formatter,
  },
  { id: 'junit', extensions: ['.xml'], binary: false, load: async () => (await import('./junit.js')).formatter },
  { id: 'github', extensions: ['.txt'], binary: false, load: async () => (await import('./github.js')).formatter },
  { id: 'xlsx', extensions: ['.xlsx'], binary: true, load: async () => (await import('./xlsx.js')).formatter },
  // issue 13: a self-contained page with SVG charts (ECharts loaded by the formatter, only for this format).
  { id: 'html', extensions: ['.html', '.htm'], binary: false, load: async () => (await import('./html.js')).formatter },
] as const satisfies readonly FormatterEntry[];

export type OutputFormat = (typeof formatters)[number]['id'];
export const FORMATS: readonly OutputFormat[] = formatters.map((f) => f.id);

export function formatterEntry(id: string): FormatterEntry {
  const entry = formatters.find((f) => f.id === id);
  if (!entry) throw new FatalError('bad-option', { option: '--format', value: id, reason: FORMATS.join(', ') });
  return entry;
}

/** The formatter itself (its module loaded on first use). */
export async function loadFormatter(id: string): Promise<Formatter> {
  const f = await formatterEntry(id).load();
  // The registry line and the module agree, or adding a format went wrong.
  if (f.id !== id) throw new Error(`formatter ${id}: module says ${f.id}`);
  return f;
}

/**
 * The report in a format: `await render(report, 'csv')`. With `quiet`, the report is filtered once, here,
 * before any formatter sees it; the report given is never changed.
 */
export async function render(report: Report, format: string, opts: Partial<RenderOptions> = {}): Promise<Rendered> {
  const formatter = await loadFormatter(format);
  const options: RenderOptions = { color: false, quiet: false, ...opts };
  return formatter.render(options.quiet ? quietReport(report) : report, options);
}

/** The profile a formatter shows the report against: the one given, else the built-in the report names. */
export async function profileOf(report: Report, opts: RenderOptions): Promise<Profile> {
  if (opts.profile) return opts.profile;
  return (await import('../profiles/index.js')).builtInProfile(report.standard);
}
