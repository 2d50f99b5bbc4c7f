// The evidence rule of issue 9, read off a JSON report: exit 0 / verdict pass only when every binding
// check and every county part was assessed on data. Shared by the property test and the fuzzer.
//
// Two kinds, so that a fix can be seen landing separately:
//   'false-pass'      a pass claimed on no data: no county, no unit, class size "within limits" over
//                     schools without a single class;
//   'unassessed-pass' exit 0 while a binding check, a unit or a county part was not assessed (null).

/** The violations as { kind, detail } (empty when none). */
export function evidenceFailures(report) {
  const hard = [];
  const soft = [];
  for (const d of evidenceViolations(report)) (/ is null| pass=null/.test(d) ? soft : hard).push(d);
  return [...hard.map((detail) => ({ kind: 'false-pass', detail })), ...soft.map((detail) => ({ kind: 'unassessed-pass', detail }))];
}

/** The violations as one-line strings. */
export function evidenceViolations(report) {
  const v = [];
  const passed = report.exitCode === 0 || report.verdict === 'pass';
  if (!passed) return v;
  if (report.exitCode !== 0 || report.verdict !== 'pass') v.push(`exitCode ${report.exitCode} with verdict ${report.verdict}`);
  if (!report.counties?.length) v.push('pass with no county assessed');
  for (const i of report.inputs ?? []) if (i.status !== 'ok') v.push(`pass with input ${i.path} ${i.status}`);
  for (const c of report.counties ?? []) {
    const at = `county ${c.county}`;
    if (c.verdict !== 'pass') v.push(`${at}: verdict ${c.verdict} in a passing report`);
    if (!c.units.length) v.push(`${at}: pass with no assessed unit (${c.excluded.length} excluded)`);
    for (const k of c.checks) {
      if (k.binding && k.pass !== true) v.push(`${at}: binding check ${k.id} is ${k.pass}${k.reason ? ` (${k.reason})` : ''}`);
    }
    const classCheck = c.checks.find((k) => k.id === 'class-size');
    if (classCheck?.pass === true) {
      const without = c.units.filter((u) => !u.classSize || u.classSize.classes === 0).map((u) => `${u.code}/${u.level}`);
      if (without.length) v.push(`${at}: class-size passes but ${without.length} unit(s) have no class: ${without.slice(0, 5).join(', ')}`);
      if (!c.classSize.classes) v.push(`${at}: class-size passes on 0 classes`);
    }
    for (const u of c.units) {
      if (u.pass !== true) v.push(`${at}: unit ${u.code}/${u.level} pass=${u.pass} in a passing county`);
    }
    for (const p of c.parts ?? []) {
      if (p.pass !== true || p.assessed !== 'full') v.push(`${at}: part ${p.id} pass=${p.pass} assessed=${p.assessed}`);
    }
  }
  return v;
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
