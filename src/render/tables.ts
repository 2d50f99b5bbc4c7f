// Small helpers the formats share: a county's failed rules and worst CV, the file column, the formula guard.
import type { County, Report } from '../report/schema.js';
import { failedRules } from '../judge/verdict.js';

export type CellValue = string | number | boolean | null;
/** Rules not met and the largest CV, per county: the first table of a multi-county run. */
export function summaryRows(county: County): { failed: string[]; worstCv: number | null; worstId: string | null } {
  const failed = failedRules(county.checks, county.parts);
  let worstCv: number | null = null;
  let worstId: string | null = null;
  for (const l of county.levels) {
    for (const i of l.indicators) {
      if (i.cv !== null && (worstCv === null || i.cv > worstCv)) {
        worstCv = i.cv;
        worstId = `${l.level}:${i.id}`;
      }
    }
  }
  return { failed, worstCv, worstId };
}

/**
 * issue 12: the file of each county when the report's counties come from more than one file (a batch of
 * several copies of one county would otherwise list rows all named alike); undefined for a single file.
 */
export function countyFiles(report: Report): ((c: County) => string) | undefined {
  const fileOf = (c: County) => c.file ?? c.units[0]?.file ?? '';
  return new Set(report.counties.map(fileOf)).size > 1 ? fileOf : undefined;
}

/** Cells that a spreadsheet would run as a formula (= + - @, tab, CR) are prefixed with an apostrophe. */
export function neutralise(v: CellValue): CellValue {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}
