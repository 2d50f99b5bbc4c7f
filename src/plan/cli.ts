// issue 14: the `plan` and `diff` commands (cli.ts registers them): options to library calls, render, write.
import type { InputOptions } from '../cli.js';
import { FatalError } from '../findings.js';
import { label } from '../i18n/messages.js';
import type { AssessOptions } from '../assess.js';
import type { Profile } from '../profiles/schema.js';
import type { DiffReport, PlanReport } from './report.js';
import { SCENARIO_VERSION, type Scenario } from './scenario.js';

/** The assessment's input options (the same files, standards and reading options), plus the scenario files. */
export interface PlanCliOptions
  extends Pick<
    InputOptions,
    | 'standard'
    | 'profile'
    | 'lang'
    | 'county'
    | 'output'
    | 'color'
    | 'sheet'
    | 'headerRow'
    | 'columns'
    | 'table'
    | 'encoding'
    | 'maxFileSize'
    | 'maxRows'
    | 'maxSheets'
    | 'timeout'
    | 'maxMemory'
    | 'skipHidden'
    | 'layout'
    | 'mergeMap'
    | 'level'
  > {
  /** text, json, xlsx or html (issue 14 plan-out). */
  format?: string;
  scenario?: string;
  writeScenario?: string;
}

/** The formats of plan and diff. */
export const PLAN_FORMATS = ['text', 'json', 'xlsx', 'html'] as const;
type PlanFormat = (typeof PLAN_FORMATS)[number];

/** From -f, else from the -o extension, else text; an extension that says another format is exit 3, as in the
 * assessment; xlsx never goes to a terminal. */
async function planFormat(opts: PlanCliOptions): Promise<PlanFormat> {
  const refuse = (value: string) =>
    new FatalError('bad-option', { option: '--format', value, reason: PLAN_FORMATS.join(', ') });
  const known = (f: string): f is PlanFormat => (PLAN_FORMATS as readonly string[]).includes(f);
  if (opts.format !== undefined && !known(opts.format)) throw refuse(opts.format);
  const { chooseFormat } = await import('../output.js');
  const f = chooseFormat(opts.format as PlanFormat | undefined, opts.output);
  if (!known(f)) throw refuse(f);
  if (f === 'xlsx' && opts.output === undefined && process.stdout.isTTY)
    throw new FatalError('bad-option', { option: '--format xlsx', value: f, reason: 'needs-output', ext: '.xlsx' });
  return f;
}

async function common(
  opts: PlanCliOptions,
): Promise<{ options: AssessOptions; profile: Profile; guardFiles: string[] }> {
  const { profile, options, optionFiles } = await (await import('../input-options.js')).inputSetup(opts);
  return { profile, options, guardFiles: optionFiles };
}

async function emit(text: string | Uint8Array, opts: PlanCliOptions, inputs: string[]): Promise<void> {
  if (opts.output === undefined) {
    process.stdout.write(text);
    return;
  }
  const { writeOutput } = await import('../output.js');
  await writeOutput(opts.output, text, { inputs });
}

/** Inputs that could not be read, as the assessment prints them. */
function reportErrors(inputs: { status: string; message?: string }[]): void {
  for (const i of inputs) if (i.status === 'error') process.stderr.write(`balance-check: ${i.message}\n`);
}

/** A plan or a diff in its format: JSON, the workbook, the page (with the charts module), or text. */
async function emitReport(
  out: { kind: 'plan'; report: PlanReport } | { kind: 'diff'; report: DiffReport },
  format: PlanFormat,
  profile: Profile,
  opts: PlanCliOptions,
  guard: string[],
): Promise<void> {
  if (format === 'json') return emit(`${JSON.stringify(out.report, null, 2)}\n`, opts, guard);
  if (format === 'xlsx' || format === 'html') {
    const [r, { reportDate }] = await Promise.all([import('../render/plan-out.js'), import('../render/formatters.js')]);
    const date = reportDate();
    if (format === 'xlsx')
      return emit(
        out.kind === 'plan' ? await r.planXlsx(out.report, profile, date) : await r.diffXlsx(out.report, profile, date),
        opts,
        guard,
      );
    const charts = await import('../render/charts.js');
    return emit(
      out.kind === 'plan'
        ? r.planHtml(out.report, profile, charts, date)
        : r.diffHtml(out.report, profile, charts, date),
      opts,
      guard,
    );
  }
  const toFile = opts.output !== undefined;
  const color = opts.color === true && !toFile && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const text = await import('../render/plan-text.js');
  return emit(
    out.kind === 'plan'
      ? text.renderPlanText(out.report, profile, color)
      : text.renderDiffText(out.report, profile, color),
    opts,
    guard,
  );
}

export async function runPlan(files: string[], opts: PlanCliOptions): Promise<number> {
  if (files.length === 0) {
    process.stderr.write(`balance-check: ${label(opts.lang, 'usage.no-input')}\n`);
    return 3;
  }
  const format = await planFormat(opts);
  const { options, profile, guardFiles } = await common(opts);
  const [{ expandInputs }, { plan, loadScenario }, { planOutput }] = await Promise.all([
    import('../inputs.js'),
    import('./run.js'),
    import('../output.js'),
  ]);
  const paths = await expandInputs(files);
  const guard = [...paths, ...guardFiles, ...(opts.scenario ? [opts.scenario] : [])];
  if (opts.output !== undefined) planOutput(opts.output, { inputs: guard });
  if (opts.writeScenario !== undefined) planOutput(opts.writeScenario, { inputs: guard });
  const scenario = opts.scenario ? loadScenario(opts.scenario) : undefined;
  const { report, assessment, after } = await plan(paths, { ...options, ...(scenario ? { scenario } : {}) });
  for (const r of after ? [assessment, after] : [assessment]) {
    reportErrors(r.inputs);
    if (r.error) process.stderr.write(`balance-check: ${r.error.message}\n`);
  }
  if (opts.writeScenario !== undefined) {
    const planned = report.counties.filter((c) => c.planned);
    const out: Scenario = {
      kind: 'balance-check-scenario',
      version: SCENARIO_VERSION,
      ...(planned.length === 1 ? { county: planned[0]!.county } : {}),
      description: `balance-check plan ${paths.join(' ')}`,
      changes: planned.flatMap((c) => c.changes),
    };
    const { writeOutput } = await import('../output.js');
    await writeOutput(opts.writeScenario, `${JSON.stringify(out, null, 2)}\n`, { inputs: guard });
    process.stderr.write(
      `balance-check: ${label(opts.lang, 'plan.written', { file: opts.writeScenario, n: out.changes.length })}\n`,
    );
  }
  await emitReport({ kind: 'plan', report }, format, profile, opts, guard);
  return report.exitCode;
}

export async function runDiff(files: string[], opts: PlanCliOptions): Promise<number> {
  if (files.length !== 2) {
    process.stderr.write(`balance-check: ${label(opts.lang, 'usage.diff')}\n`);
    return 3;
  }
  const format = await planFormat(opts);
  const { options, profile, guardFiles } = await common(opts);
  const [{ expandInputs }, { diff }, { planOutput }] = await Promise.all([
    import('../inputs.js'),
    import('./run.js'),
    import('../output.js'),
  ]);
  const [oldPaths, newPaths] = [await expandInputs([files[0]!]), await expandInputs([files[1]!])];
  const guard = [...oldPaths, ...newPaths, ...guardFiles];
  if (opts.output !== undefined) planOutput(opts.output, { inputs: guard });
  const { report, old, new: now } = await diff(oldPaths, newPaths, options);
  for (const r of [old, now]) {
    reportErrors(r.inputs);
    if (r.error) process.stderr.write(`balance-check: ${r.error.message}\n`);
  }
  await emitReport({ kind: 'diff', report }, format, profile, opts, guard);
  return report.exitCode;
}
