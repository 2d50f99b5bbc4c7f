// issue 14: `plan` and `diff` as library calls: the assessment pipeline (assess) with a hook on each county's
// units, then the pure plan / scenario / diff stages. Reading happens in assess only.
import { readFileSync } from 'node:fs';
import { assess, type AssessOptions, type CountyUnits, type InputSpec } from '../assess.js';
import { FatalError } from '../findings.js';
import { builtInProfile, DEFAULT_STANDARD } from '../profiles/index.js';
import type { County, Report } from '../report/schema.js';
import { VERSION } from '../version.js';
import { diffReports } from './diff.js';
import { planCounty } from './index.js';
import { DIFF_VERSION, type DiffReport, PLAN_VERSION, type PlanReport } from './report.js';
import { applyChanges, parseScenario, type Scenario } from './scenario.js';

export interface PlanOptions extends Omit<AssessOptions, 'countyUnits'> {
  /** A scenario to apply (what-if): the assessment is re-run with its changes and shown beside the baseline. */
  scenario?: { file: string; scenario: Scenario };
}

/** Reads and validates a scenario file; every problem a located FatalError (exit 3). */
export function loadScenario(file: string): { file: string; scenario: Scenario } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new FatalError('scenario-unreadable', { file, reason: (e as NodeJS.ErrnoException).code ?? 'io' });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const at = Number(/position (\d+)/.exec((e as Error).message)?.[1] ?? 0);
    const before = text.slice(0, at).split('\n');
    const where = { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
    throw new FatalError('bad-scenario', { file, key: '(file)', reason: 'not-json', ...where });
  }
  return { file, scenario: parseScenario(json, file) };
}

const countyKey = (file: string, county: string) => `${file}\u0000${county}`;

/** The plan, and the assessment it was made from (its inputs say which files could not be read). */
export async function plan(
  inputs: InputSpec[],
  options: PlanOptions = {},
): Promise<{ report: PlanReport; assessment: Report; after?: Report }> {
  const lang = options.lang ?? 'zh';
  const profile = options.profile ?? builtInProfile(options.standard ?? DEFAULT_STANDARD);
  // Each county is planned as it is assessed: only its plan is kept (a national file has thousands of counties);
  // the units are kept for the scenario's county only.
  const plans = new Map<string, ReturnType<typeof planCounty>>();
  const captured = new Map<string, CountyUnits>();
  const { scenario: given, ...assessOptions } = options;
  const baseline = await assess(inputs, {
    ...assessOptions,
    profile,
    countyUnits: (county, data, file) => {
      plans.set(countyKey(file, county), planCounty(county, data, profile));
      if (given && (given.scenario.county ?? county) === county) captured.set(countyKey(file, county), data);
      return undefined;
    },
  });
  const counties = baseline.counties.map((c) => {
    const planned = plans.get(countyKey(c.file ?? '', c.county));
    // A county with data errors gets no plan: a gap may come from a bad cell.
    if (!planned || c.verdict === 'incomplete') return emptyPlan(c);
    return { ...planned, file: c.file ?? '', verdict: c.verdict, planned: true };
  });
  const report: PlanReport = {
    kind: 'plan',
    planVersion: PLAN_VERSION,
    tool: { name: 'balance-check', version: VERSION },
    standard: profile.id,
    lang,
    exitCode: baseline.exitCode,
    counties,
    findings: baseline.findings,
  };
  if (!given || baseline.exitCode === 3) return { report, assessment: baseline };
  // The scenario's county: named, or the only one of the run.
  const { scenario, file } = given;
  const names = [...new Set(baseline.counties.map((c) => c.county))];
  const target = scenario.county ?? (names.length === 1 ? names[0] : undefined);
  if (target === undefined || !names.includes(target))
    throw new FatalError('scenario-county', { file, county: scenario.county ?? '', counties: names.join(', ') });
  // Checked against the baseline first: an unknown school ends the run before anything is re-assessed.
  for (const [k, data] of captured) if (k.endsWith(`\u0000${target}`)) applyChanges(data, scenario.changes, file);
  const after = await assess(inputs, {
    ...assessOptions,
    profile,
    countyUnits: (county, data) => (county === target ? applyChanges(data, scenario.changes, file) : undefined),
  });
  // The exit code stays the real data's: a what-if that passes must never read as 达标 (exit 0) to a CI gate.
  if (after.exitCode === 3) report.exitCode = 3;
  report.scenario = {
    file,
    ...(scenario.description ? { description: scenario.description } : {}),
    counties: baseline.counties
      .filter((c) => c.county === target)
      .map((c) =>
        beside(
          c,
          after.counties.find((a) => a.county === c.county && a.file === c.file),
        ),
      ),
  };
  return { report, assessment: baseline, after };
}

function emptyPlan(c: County): PlanReport['counties'][number] {
  return {
    county: c.county,
    file: c.file ?? '',
    verdict: c.verdict,
    planned: false,
    size: [],
    classes: [],
    rooms: [],
    staffing: [],
    units: [],
    cvs: [],
    totals: [],
    budget: null,
    budgetMissing: [],
    changes: [],
    checks: [],
    stillFailing: 0,
    locales: [],
  };
}

/** A county before → after a scenario: every check, CV and unit. */
function beside(b: County, a: County | undefined): NonNullable<PlanReport['scenario']>['counties'][number] {
  return {
    county: b.county,
    verdict: { before: b.verdict, after: a?.verdict ?? 'incomplete' },
    checks: b.checks.map((c) => ({
      id: c.id,
      binding: c.binding,
      before: c.pass,
      after: a?.checks.find((x) => x.id === c.id)?.pass ?? null,
    })),
    cvs: b.levels.flatMap((l) =>
      l.indicators.map((i) => {
        const ai = a?.levels.find((x) => x.level === l.level)?.indicators.find((x) => x.id === i.id);
        return {
          level: l.level,
          indicator: i.id,
          before: { cv: i.cv, pass: i.pass, mean: i.mean },
          after: { cv: ai?.cv ?? null, pass: ai?.pass ?? null, mean: ai?.mean ?? null },
        };
      }),
    ),
    units: [
      ...b.units.map((u) => {
        const au = a?.units.find((x) => x.code === u.code && x.level === u.level);
        return {
          code: u.code,
          name: u.name,
          level: u.level,
          before: u.pass,
          after: au?.pass ?? null,
          metBefore: u.met,
          metAfter: au?.met ?? null,
        };
      }),
      ...(a?.units ?? [])
        .filter((u) => !b.units.some((x) => x.code === u.code && x.level === u.level))
        .map((u) => ({
          code: u.code,
          name: u.name,
          level: u.level,
          before: null,
          after: u.pass,
          metBefore: null,
          metAfter: u.met,
        })),
    ],
  };
}

/** `diff OLD NEW`: both assessed with the same options, then compared county by county. */
export async function diff(
  oldInputs: InputSpec[],
  newInputs: InputSpec[],
  options: Omit<AssessOptions, 'countyUnits'> = {},
): Promise<{ report: DiffReport; old: Report; new: Report }> {
  const lang = options.lang ?? 'zh';
  const profile = options.profile ?? builtInProfile(options.standard ?? DEFAULT_STANDARD);
  const was = await assess(oldInputs, { ...options, profile });
  const now = await assess(newInputs, { ...options, profile });
  const counties = diffReports(was, now);
  const worse = counties.some((c) => c.worse.length > 0);
  const exitCode = was.exitCode === 3 || now.exitCode === 3 ? 3 : worse ? 1 : 0;
  const name = (i: InputSpec) => (typeof i === 'string' ? i : i.path);
  return {
    report: {
      kind: 'diff',
      diffVersion: DIFF_VERSION,
      tool: { name: 'balance-check', version: VERSION },
      standard: profile.id,
      lang,
      old: oldInputs.map(name),
      new: newInputs.map(name),
      exitCode,
      worse,
      counties,
    },
    old: was,
    new: now,
  };
}
