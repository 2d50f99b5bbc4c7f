// Public API: `import { assess } from 'balance-check'`.
export {
  assess,
  assessWorkbook,
  exitCode,
  type AssessOptions,
  type InputSpec,
  type WorkbookOptions,
  VERSION,
} from './assess.js';
export { fatalMessage } from './i18n/messages.js';
export { variationCoefficient, type CvInput, type CvResult } from './compute/cv.js';
export { builtInProfile, BUILT_IN } from './profiles/index.js';
export { Profile } from './profiles/schema.js';
export { Report } from './report/schema.js';
export { renderText } from './render/text.js';
export { renderJson } from './render/json.js';
// Everything the CLI does, for programs: formats (the registry and each formatter), --quiet, validate mode,
// --max-warnings, profile and column-mapping files, input expansion, output-format choice and safe writing.
// A new format needs no line here: `formatters` and `render` reach every registry entry.
export {
  formatters,
  render,
  loadFormatter,
  FORMATS,
  type Formatter,
  type FormatterEntry,
  type OutputFormat,
  type RenderOptions,
  type Rendered,
} from './render/formatters.js';
export { formatter as textFormatter } from './render/text.js';
export { formatter as jsonFormatter } from './render/json.js';
export { formatter as csvFormatter } from './render/csv.js';
export { formatter as markdownFormatter } from './render/markdown.js';
export { formatter as junitFormatter } from './render/junit.js';
export { formatter as githubFormatter } from './render/github.js';
export { formatter as xlsxFormatter } from './render/xlsx.js';
export { quietReport } from './render/quiet.js';
export { validationReport, withMaxWarnings } from './modes.js';
export { loadProfile } from './profiles/load.js';
export { loadMapping } from './map/mapping.js';
export type { ColumnMapping } from './map/index.js';
export { expandInputs } from './inputs.js';
export { chooseFormat, writeOutput } from './output.js';
// issue 10 (checks): the check registry and the one definition of a rule not met.
export { CHECKS, CHECK_IDS, type CheckModule } from './judge/checks/index.js';
export { failedRules } from './judge/verdict.js';
export type { Meta } from './report/schema.js';
export { registerColumn, SCHOOL_COLUMNS, CLASS_COLUMNS, type ColumnDef, type CellType } from './map/columns.js';
// issue 14 (plan): gaps, scenarios and diff as library calls, and their JSON schemas.
export { plan, diff, loadScenario, type PlanOptions } from './plan/run.js';
export { planCounty, type CountyPlan } from './plan/index.js';
export { applyChanges, parseScenario, Scenario, Change, SCENARIO_VERSION } from './plan/scenario.js';
export { diffReports } from './plan/diff.js';
export { PlanReport, DiffReport, PLAN_VERSION, DIFF_VERSION } from './plan/report.js';
export { renderPlanText, renderDiffText } from './render/plan-text.js';
// issue 14 (plan-out): plan and diff as sections, a workbook (缺口 sheet first) and an html page (charts: pass charts.js).
export { planSections, diffSections, planHeading, diffHeading } from './render/sections/plan.js';
export { planXlsx, diffXlsx, planHtml, diffHtml } from './render/plan-out.js';
export type { CountyUnits, CountyUnitsHook } from './assess.js';
// issue 13 (sections): the report as the sections every format lays out
export {
  reportHeading,
  reportSections,
  sectionsOf,
  SECTION_IDS,
  type Cell,
  type CellState,
  type Column,
  type NumberFormat,
  type ReportHeading,
  type Section,
  type SectionId,
} from './render/sections.js';
export { reportDate } from './render/formatters.js';
// issue 15: statistics exports (教基/基础基 forms, county-wide exports) → the canonical 学校 rows.
export {
  importWorkbooks,
  canonicalTable,
  canonicalWorkbook,
  recogniseLayout,
  type ImportResult,
  type ImportedSchool,
  type ImportOptions,
} from './import/index.js';
export { Layout, builtInLayouts, loadLayout, parseLayout, layoutsWith } from './import/layout.js';
export { ImportReport, importReport, renderImportText } from './import/report.js';
