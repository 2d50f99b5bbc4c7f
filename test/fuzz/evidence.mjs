// The evidence rule of issue 9, read off a JSON report: exit 0 / verdict pass only when what was judged
// rested on data, and whatever was not assessed is declared. Shared by the property test and the fuzzer.
//
// Two kinds, so that a fix can be seen landing separately:
//   'false-pass'      a pass claimed on no data at all: no county, no unit, a bad input, or a gap
//                     (a binding check, a unit or a county part not assessed, class size "within limits"
//                     over schools without a class) that the report does not declare;
//   'unassessed-pass' a declared gap (未评估 / 部分评估) that no warning carries, so that
//                     `--max-warnings 0` would not catch it.

/** Warning codes that declare a gap in the evidence of a county. */
const DECLARING = new Set(['not-assessed', 'partial-coverage', 'county-items-missing']);

/** The violations as { kind, detail } (empty when none). */
export function evidenceFailures(report) {
  const out = [];
  for (const d of evidenceViolations(report))
    out.push({ kind: d.declared ? 'unassessed-pass' : 'false-pass', detail: d.detail });
  return out;
}

/** The violations as { detail, declared }: a gap is declared when the check or part says how much it covered. */
export function evidenceViolations(report) {
  const out = [];
  const passed = report.exitCode === 0 || report.verdict === 'pass';
  if (!passed) return out;
  const warned = (county) =>
    (report.findings ?? []).some(
      (f) => f.severity === 'warning' && DECLARING.has(f.code) && (f.value === county || f.value === undefined),
    );
  const v = { push: (detail, declared = false) => out.push({ detail, declared }) };
  if (report.exitCode !== 0 || report.verdict !== 'pass')
    v.push(`exitCode ${report.exitCode} with verdict ${report.verdict}`);
  if (!report.counties?.length) v.push('pass with no county assessed');
  for (const i of report.inputs ?? []) if (i.status !== 'ok') v.push(`pass with input ${i.path} ${i.status}`);
  for (const c of report.counties ?? []) {
    const at = `county ${c.county}`;
    if (c.verdict !== 'pass') v.push(`${at}: verdict ${c.verdict} in a passing report`);
    if (!c.units.length) v.push(`${at}: pass with no assessed unit (${c.excluded.length} excluded)`);
    // A gap is declared by the report itself (the check's `assessed`, the part's `assessed`); a declared gap
    // must also be carried by a warning, or a CI gate with --max-warnings 0 would pass it.
    const gap = (detail, declared) => {
      if (!declared) v.push(detail);
      else if (!warned(c.county)) v.push(`${detail} (declared, but no warning carries it)`, true);
    };
    for (const k of c.checks) {
      if (k.binding && k.pass === false) v.push(`${at}: binding check ${k.id} failed in a passing county`);
      else if (k.binding && (k.pass !== true || (k.assessed && k.assessed !== 'full')) && k.reason !== 'single-unit') {
        gap(
          `${at}: binding check ${k.id} is ${k.pass}${k.reason ? ` (${k.reason})` : ''} assessed=${k.assessed}`,
          k.assessed === 'none' || k.assessed === 'partial',
        );
      }
    }
    const classCheck = c.checks.find((k) => k.id === 'class-size');
    if (classCheck?.pass === true) {
      const without = c.units
        .filter((u) => !u.classSize || u.classSize.classes === 0)
        .map((u) => `${u.code}/${u.level}`);
      if (without.length)
        gap(
          `${at}: class-size passes but ${without.length} unit(s) have no class: ${without.slice(0, 5).join(', ')}`,
          classCheck.assessed === 'partial',
        );
      if (!c.classSize.classes) v.push(`${at}: class-size passes on 0 classes`);
    }
    for (const u of c.units) {
      if (u.pass === false) v.push(`${at}: unit ${u.code}/${u.level} fails in a passing county`);
      else if (u.pass !== true) v.push(`${at}: unit ${u.code}/${u.level} pass=${u.pass} in a passing county`);
    }
    for (const p of c.parts ?? []) {
      if (p.pass === false) v.push(`${at}: part ${p.id} fails in a passing county`);
      else if (p.pass !== true || p.assessed !== 'full')
        gap(
          `${at}: part ${p.id} pass=${p.pass} assessed=${p.assessed}`,
          p.assessed === 'none' || p.assessed === 'partial',
        );
    }
  }
  return out;
}

/** Signs of an internal error or a stack trace in stderr or a message. */
export function crashSigns(text) {
  const signs = [];
  if (/^\s+at\s/m.test(text)) signs.push('stack frame');
  if (/内部错误|internal error/i.test(text)) signs.push('internal error');
  if (/^(\w*Error)( \[\w+\])?:/m.test(text)) signs.push('raw Error');
  if (/node:internal|Maximum call stack|out of memory|FATAL ERROR/i.test(text)) signs.push('node internals');
  return signs;
}
