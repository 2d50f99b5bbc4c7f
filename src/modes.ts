// What the CLI does to a report after assess(), as pure functions a program can call too.
import type { Report } from './report/schema.js';

/**
 * `validate`: the data only. The assessment's verdict does not count (exit 0, 2 or 3; 1 only through
 * --max-warnings afterwards) and no county results are shown.
 */
export function validationReport(report: Report): Report {
  const exitCode = report.exitCode === 1 ? 0 : report.exitCode;
  const verdict = exitCode === 0 ? 'pass' : exitCode === 2 ? 'incomplete' : 'error';
  return { ...report, exitCode, verdict, counties: [] };
}

/** ESLint's --max-warnings: more warnings than allowed turns an exit 0 into 1. */
export function withMaxWarnings(report: Report, max: number): Report {
  const warnings = report.findings.reduce((a, f) => a + (f.severity === 'warning' ? 1 : 0), 0);
  const exceeded = warnings > max;
  // counties stays the last field (the chunked JSON relies on it), also for a report without maxWarnings.
  const { counties, ...head } = report;
  return {
    ...head,
    ...(exceeded && report.exitCode === 0 ? { exitCode: 1, verdict: 'fail' as const } : {}),
    maxWarnings: { limit: max, warnings, exceeded },
    counties,
  };
}
