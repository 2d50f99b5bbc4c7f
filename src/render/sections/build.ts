// issue 13: the report as sections (src/render/sections.ts has the model). Pure: the same report and profile
// always give the same sections; words come from the catalogue in the report's language (report.lang).
//
// Which sections exist when (docs/output.md):
// - summary: only when the report has more than one county;
// - per county: checks; per level of the county cv, locale (issue 14: only with the 城乡 column and units) and units
//   (a level without units: a note, no rows);
//   class-size and class-size-schools (not assessed without class data: a note saying why); school-size and
//   special-rooms when the standard runs that check; staffing; county-items when the standard has parts
//   (quality-2017); excluded only when the county has schools not assessed;
// - findings and reading, once for the run, always (a note 无 / none when there is nothing to list).
// A section assessed with nothing to list has no rows and the note 无; one not assessed has the note 未评估 and why.
import type { Profile } from '../../profiles/schema.js';
import type { Report } from '../../report/schema.js';
import { label, type LabelKey } from '../../i18n/messages.js';
import type { ReportHeading, Section } from '../sections.js';
import { context, type Params } from './context.js';
import { cvSection, localeSection, unitsSection } from './levels.js';
import {
  checksSection,
  classSchoolsSection,
  classSizeSection,
  excludedSection,
  itemsSection,
  roomsSection,
  schoolSizeSection,
  staffingSection,
  summarySection,
} from './county.js';
import { findingsSection, readingSection } from './run.js';

/** The report as sections, in report order (see the top of this file for which exist when). */
export function reportSections(report: Report, profile: Profile): Section[] {
  return [...sectionsOf(report, profile)];
}

/** The same sections one at a time: a national report's csv never holds every county's rows at once. */
export function* sectionsOf(report: Report, profile: Profile): Generator<Section> {
  const ctx = context(report, profile);
  if (report.counties.length > 1) yield summarySection(ctx);
  for (const county of report.counties) {
    yield checksSection(ctx, county);
    for (const level of county.levels) {
      yield cvSection(ctx, county, level);
      // issue 14: beside the CV it decomposes (information only), before the long per-school sheet.
      const locale = localeSection(ctx, county, level);
      if (locale) yield locale;
      yield unitsSection(ctx, county, level);
    }
    yield classSizeSection(ctx, county);
    yield classSchoolsSection(ctx, county);
    const size = county.checks.find((c) => c.id === 'school-size');
    if (size) yield schoolSizeSection(ctx, county, size);
    const rooms = county.checks.find((c) => c.id === 'special-rooms');
    if (rooms) yield roomsSection(ctx, county, rooms);
    yield staffingSection(ctx, county);
    if (county.parts) yield itemsSection(ctx, county);
    if (county.excluded.length) yield excludedSection(ctx, county);
  }
  yield findingsSection(ctx);
  yield readingSection(ctx);
}

/** Words at the top of the report: standard and document, 填报单位 (the counties), verdict, date. */
export function reportHeading(report: Report, profile: Profile, date?: string): ReportHeading {
  const lang = report.lang;
  const L = (key: LabelKey, params?: Params) => label(lang, key, params);
  const meta = report.meta;
  const names = report.counties.map((c) => c.county);
  const shown = names.slice(0, HEADING_COUNTIES).join(L('sep'));
  const counties =
    names.length === 0
      ? L('counties.none')
      : names.length > HEADING_COUNTIES
        ? shown + L('counties.more', { n: names.length })
        : shown;
  const lines = [
    L('heading.standard', {
      name: meta?.standard.name[lang] ?? report.standardName,
      document: meta?.standard.document[lang] ?? profile.document,
    }),
    L('heading.counties', { names: counties }),
    L('heading.verdict', { verdict: L(report.verdict), exit: report.exitCode }),
  ];
  if (report.cvRounding !== null) lines.push(L('cvRounding', { n: report.cvRounding }));
  if (date) lines.push(L('heading.date', { date }));
  lines.push(L('heading.tool', { version: report.tool.version }));
  return { title: L('heading.title', { standard: report.standardName }), lines };
}
const HEADING_COUNTIES = 10;
