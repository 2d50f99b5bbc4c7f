// JUnit XML for CI dashboards: a test suite per county, a test case per rule; data errors in a suite of their own.
import type { Report } from '../report/schema.js';
import { idLabel, label } from '../i18n/messages.js';
import { failedRules } from '../judge/verdict.js';
import { xmlEscape as esc } from './safe.js';
import type { Formatter } from './formatters.js';

interface Case {
  name: string;
  failure?: string;
  skipped?: string;
}

/** A suite per county (with the file it was read from: CI dashboards link a case to it), and the data suite. */
interface Suite {
  name: string;
  file?: string;
  cases: Case[];
}

export function renderJunit(report: Report): string {
  const lang = report.lang;
  const suites: Suite[] = [];
  for (const c of report.counties) {
    const cases: Case[] = [];
    const failed = new Set(failedRules(c.checks, c.parts));
    for (const ch of c.checks) {
      const name = `${ch.id}${ch.binding ? '' : ' (advisory)'}`;
      if (ch.pass === null)
        cases.push({ name, skipped: ch.reason ? idLabel(lang, 'reason.', ch.reason) : label(lang, 'not-assessed') });
      else if (failed.has(ch.id)) {
        const lines = ch.failures.map((f) =>
          ch.id === 'per-school'
            ? `${f.level} ${f.code} ${f.name}: met ${f.value}, unmet ${f.detail}`
            : [
                f.level,
                f.code,
                f.name,
                f.indicator,
                f.detail,
                f.value !== undefined ? `value ${f.value}` : '',
                f.limit !== undefined ? `limit ${f.limit}` : '',
              ]
                .filter(Boolean)
                .join(' '),
        );
        cases.push({ name, failure: lines.join('\n') });
      } else cases.push({ name });
    }
    for (const p of c.parts ?? []) {
      for (const i of p.items.filter((x) => x.source === 'sheet')) {
        const name = `${p.id}/${i.id}`;
        if (i.pass === null) cases.push({ name, skipped: idLabel(lang, 'reason.', i.reason ?? 'not-given') });
        else if (failed.has(i.id))
          cases.push({ name, failure: `${i.name}: ${String(i.value)} (${i.kind} ${i.threshold ?? ''})` });
        else cases.push({ name });
      }
    }
    suites.push({ name: c.county, ...(c.file ? { file: c.file } : {}), cases });
  }
  const errors = report.findings.filter((f) => f.severity === 'error');
  const files = [...new Set(report.inputs.map((i) => i.path))];
  suites.push({
    name: 'data',
    cases: files.map((file) => {
      const input = report.inputs.find((i) => i.path === file)!;
      const own = errors.filter((f) => f.file === file);
      if (input.status === 'error') return { name: file, failure: input.message ?? 'unreadable' };
      return own.length
        ? {
            name: file,
            failure: own
              .map((f) => `${f.sheet ?? ''}!${f.column ?? ''}${f.row ?? ''} [${f.code}] ${f.message}`)
              .join('\n'),
          }
        : { name: file };
    }),
  });
  const count = (cs: Case[], k: 'failure' | 'skipped') => cs.filter((x) => x[k] !== undefined).length;
  const all = suites.flatMap((s) => s.cases);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="balance-check" tests="${all.length}" failures="${count(all, 'failure')}" skipped="${count(all, 'skipped')}">`,
  ];
  for (const s of suites) {
    out.push(
      `  <testsuite name="${esc(s.name)}" tests="${s.cases.length}" failures="${count(s.cases, 'failure')}" skipped="${count(s.cases, 'skipped')}">`,
    );
    for (const tc of s.cases) {
      const file = s.file ? ` file="${esc(s.file)}"` : '';
      const open = `    <testcase classname="${esc(s.name)}" name="${esc(tc.name)}"${file}`;
      if (tc.failure !== undefined)
        out.push(
          `${open}>`,
          `      <failure message="${esc(tc.failure.split('\n')[0] ?? '')}">${esc(tc.failure)}</failure>`,
          '    </testcase>',
        );
      else if (tc.skipped !== undefined)
        out.push(`${open}>`, `      <skipped message="${esc(tc.skipped)}"/>`, '    </testcase>');
      else out.push(`${open}/>`);
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

export const formatter: Formatter = {
  id: 'junit',
  extensions: ['.xml'],
  binary: false,
  render: (report) => renderJunit(report),
};
