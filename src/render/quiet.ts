// --quiet, applied once to the report before any formatter (as ESLint filters results before its formatters),
// so every format is quiet the same way.
import type { Report } from '../report/schema.js';

/**
 * Only what needs attention: counties that did not pass and error findings (what the text report has
 * always shown under --quiet). Verdict, exit code and the inputs stay: a quiet report never reads better
 * than the full one. A new report; the one given is not changed.
 */
export function quietReport(report: Report): Report {
  return {
    ...report,
    counties: report.counties.filter((c) => c.verdict !== 'pass'),
    findings: report.findings.filter((f) => f.severity === 'error'),
  };
}
