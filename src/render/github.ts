// GitHub Actions workflow commands: an annotation per finding, a notice per county.
import type { Report } from '../report/schema.js';
import { label } from '../i18n/messages.js';
import { summaryRows } from './tables.js';
import { stripControls } from './safe.js';
import type { Formatter } from './formatters.js';

/** Escaping of the workflow-command syntax: data and property values differ; no control sequence reaches the log. */
const data = (s: string) => stripControls(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function renderGithub(report: Report): string {
  const lang = report.lang;
  const out: string[] = [];
  for (const f of report.findings) {
    if (f.severity === 'info') continue;
    const props = [
      f.file ? `file=${prop(f.file)}` : '',
      f.row ? `line=${f.row}` : '',
      `title=${prop(`${f.code}${f.sheet ? ` ${f.sheet}${f.column ? '!' + f.column + (f.row ?? '') : ''}` : ''}`)}`,
    ].filter(Boolean);
    out.push(`::${f.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${data(f.message)}`);
  }
  for (const i of report.inputs)
    if (i.status === 'error') out.push(`::error file=${prop(i.path)},title=unreadable::${data(i.message ?? '')}`);
  for (const c of report.counties) {
    const s = summaryRows(c);
    const text = `${c.county}: ${label(lang, c.verdict)}${s.failed.length ? ` (${s.failed.join(', ')})` : ''}`;
    // The county's file, so that a CI gate on submitted data points at the workbook that failed.
    const file = c.file ? `file=${prop(c.file)},` : '';
    out.push(
      `::${c.verdict === 'fail' ? 'error' : 'notice'} ${file}title=${prop('balance-check ' + report.standard)}::${data(text)}`,
    );
  }
  const summary = label(lang, 'summary.github', {
    verdict: label(lang, report.verdict),
    exit: report.exitCode,
    counties: report.counties.length,
    errors: report.findings.filter((f) => f.severity === 'error').length,
  });
  out.push(`::notice title=balance-check::${data(summary)}`);
  return out.join('\n') + '\n';
}

export const formatter: Formatter = {
  id: 'github',
  extensions: ['.txt'],
  binary: false,
  render: (report) => renderGithub(report),
};
