// One case of the evidence property: generate a county (seed), apply edits, assess in-process through
// the built library, and list what is wrong. Used by test/property-evidence.test.ts and by
// `node test/fuzz/run.mjs --property`.
import { assess, renderJson, builtInProfile } from '../../dist/index.js';
import { generateCounty, cloneSheets, toXlsx } from './gen.mjs';
import { applyEdit } from './edits.mjs';
import { evidenceFailures, crashSigns } from './evidence.mjs';
import { schemaErrors } from './schema.mjs';

const ITEMS = builtInProfile('quality-2017').countyItems;

/** The workbook bytes of a case and the edits as applied. */
export function buildCase(seed, edits) {
  const county = generateCounty(seed, ITEMS);
  const sheets = cloneSheets(county.sheets);
  const log = edits.map((e) => applyEdit(sheets, e));
  return { bytes: toXlsx(sheets, { sst: seed % 2 === 0 }), log, county: county.county };
}

/**
 * Failures of one case, each { kind, detail }: 'throw' (assess threw), 'internal-error',
 * 'schema' (renderJson output does not validate), 'false-pass' (exit 0 without evidence),
 * 'exit-range'.
 */
export async function runPropertyCase(seed, edits) {
  const { bytes, log } = buildCase(seed, edits);
  const failures = [];
  let report;
  try {
    report = await assess([{ path: `county-${seed}.xlsx`, bytes }]);
  } catch (e) {
    failures.push({
      kind: 'throw',
      detail: String(e?.stack ?? e)
        .split('\n')
        .slice(0, 4)
        .join(' | '),
    });
    return { failures, log, bytes };
  }
  if (!Number.isInteger(report.exitCode) || report.exitCode < 0 || report.exitCode > 3)
    failures.push({ kind: 'exit-range', detail: String(report.exitCode) });
  const messages = [...report.inputs.map((i) => i.message ?? ''), ...report.findings.map((f) => f.message)].join('\n');
  const signs = crashSigns(messages);
  if (signs.length)
    failures.push({
      kind: 'internal-error',
      detail: `${signs.join(',')}: ${messages.split('\n').find((m) => crashSigns(m).length)}`,
    });
  let json;
  try {
    json = JSON.parse(renderJson(report));
  } catch (e) {
    failures.push({ kind: 'schema', detail: `renderJson not JSON: ${e}` });
  }
  if (json) {
    const errors = schemaErrors(json);
    if (errors) failures.push({ kind: 'schema', detail: errors });
  }
  failures.push(...evidenceFailures(report));
  return { failures, log, bytes, report };
}
