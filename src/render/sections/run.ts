// issue 13: the sections of the whole run: data problems and how each file was read.
import type { Cell, Column, Section } from '../sections.js';
import { type Ctx, INT, cell, section, type Words } from './context.js';

export function findingsSection(ctx: Ctx): Section {
  return findingsTable(ctx, ctx.report.findings);
}

/** The findings as a section (issue 14: plan's JSON carries the assessment's findings too). */
export function findingsTable(ctx: Words, findings: Ctx['report']['findings']): Section {
  const { L } = ctx;
  const columns: Column[] = (
    [
      'col.severity',
      'col.findingCode',
      'col.file',
      'col.sheet',
      'col.row',
      'col.column',
      'col.header',
      'col.rawValue',
      'col.message',
    ] as const
  ).map((k) => (k === 'col.row' ? { head: L(k), format: INT } : { head: L(k) }));
  const rows = findings.map((f) => [
    cell(L(`severity.${f.severity}`), f.severity === 'error' ? 'fail' : undefined),
    cell(f.code),
    cell(f.file ?? null),
    cell(f.sheet ?? null),
    cell(f.row ?? null),
    cell(f.column ?? null),
    cell(f.header ?? null),
    cell(f.value === undefined || f.value === null ? null : String(f.value)),
    cell(f.message),
  ]);
  const notes: string[] = [];
  if (rows.length === 0) notes.push(L('note.none'));
  else {
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    notes.push(L('findings.counts', { errors, warnings }));
    if (errors) notes.push(L('findings.incomplete'));
  }
  return section(ctx, 'findings', {}, columns, rows, notes);
}

/** Row numbers, the first 20 of a long list. */
const rowList = (rows: number[]) =>
  rows.slice(0, 20).join(', ') + (rows.length > 20 ? ` … (+${rows.length - 20})` : '');

type Labeller = Ctx['L'];
type Input = Ctx['report']['inputs'][number];

/** What the reader did with one sheet, where it was more than reading the template (text prints the same words). */
export function sheetReadingNotes(r: NonNullable<Input['reading']>[number], L: Labeller): string[] {
  const said: string[] = [];
  if (r.headerRow !== 1 || r.headerRows > 1)
    said.push(
      L(r.headerRows > 2 ? 'reading.header3' : r.headerRows > 1 ? 'reading.header2' : 'reading.header', {
        row: r.headerRow,
      }),
    );
  for (const col of r.columns)
    if (col.factor) said.push(L('reading.factor', { header: col.header, factor: col.factor }));
  for (const col of r.columns)
    if (col.header.includes('/')) said.push(L('reading.joined', { header: col.header, key: col.key }));
  if (r.skipped.summary) {
    const listed = (r.summaryRows ?? []).map((x) => L('reading.summary-row', { row: x.row, text: x.text }));
    const more = listed.length < r.skipped.summary ? `${L('sep')}…` : '';
    said.push(
      L('reading.skipped', { n: r.skipped.summary }) +
        (listed.length ? L('reading.summary-rows', { rows: listed.join(L('sep')) + more }) : ''),
    );
  }
  if (r.hidden) said.push(L('reading.hiddenSheet'));
  if (r.hiddenRows?.length)
    said.push(L(r.skipped.hidden ? 'reading.hiddenSkipped' : 'reading.hiddenRows', { rows: rowList(r.hiddenRows) }));
  if (r.unmapped.length)
    said.push(L('reading.unmapped', { columns: r.unmapped.map((u) => `${u.column}「${u.header}」`).join(L('sep')) }));
  return said;
}

/** What the reader did with a whole file: hidden sheets left out (issue 12), a statistics export imported (issue 15). */
export function inputReadingNotes(input: Input, L: Labeller): string[] {
  const said: string[] = [];
  if (input.skippedSheets?.length)
    said.push(L('reading.skippedSheets', { sheets: input.skippedSheets.map((s) => `「${s}」`).join(L('sep')) }));
  if (input.imported)
    said.push(L('reading.imported', { layout: input.imported.layout, schools: input.imported.schools }));
  return said;
}

export function readingSection(ctx: Ctx): Section {
  const { L, report } = ctx;
  const columns: Column[] = [
    { head: L('col.file') },
    { head: L('col.sheet') },
    { head: L('col.table') },
    { head: L('col.headerRow'), format: INT },
    { head: L('col.rows'), format: INT },
    { head: L('col.notes') },
  ];
  const rows: Cell[][] = [];
  const notes: string[] = [];
  for (const input of report.inputs) {
    if (input.status === 'error') {
      rows.push([
        cell(input.path),
        cell(null),
        cell(null),
        cell(null),
        cell(null),
        cell(input.message ?? L('error'), 'fail'),
      ]);
      continue;
    }
    for (const r of input.reading ?? []) {
      const said = sheetReadingNotes(r, L);
      rows.push([
        cell(input.path),
        cell(r.sheet),
        cell(L(`table.${r.table}`)),
        cell(r.headerRow),
        cell(r.rows),
        cell(said.join(L('sep')) || null),
      ]);
      if (r.suggestedColumns) notes.push(L('note.suggested', { sheet: r.sheet }));
    }
    for (const note of inputReadingNotes(input, L))
      rows.push([cell(input.path), cell(null), cell(null), cell(null), cell(null), cell(note)]);
  }
  if (rows.length === 0) notes.push(L('note.none'));
  return section(ctx, 'reading', {}, columns, rows, notes);
}
