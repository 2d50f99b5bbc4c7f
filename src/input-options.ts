// What the assessment, plan and diff read, from the command's options: the profile, then how to read, import and
// map the files. One place, so that every command honours every input option (--columns, --layout, --merge-map …).
import type { AssessOptions } from './assess.js';
import type { InputOptions } from './cli.js';
import type { Profile } from './profiles/schema.js';
import { type ReadLimitFlags, readOptionsOf } from './read/options.js';

export interface InputSetup {
  profile: Profile;
  /** The assessment's options without progress reporting. */
  options: AssessOptions;
  /** The files the options name besides the inputs (profile, columns, layouts, merge map): -o may not name them. */
  optionFiles: string[];
}

/** The options an input setup reads (the assessment's, plan's and diff's alike). */
export type InputSetupOptions = ReadLimitFlags &
  Pick<
    InputOptions,
    | 'standard'
    | 'profile'
    | 'lang'
    | 'county'
    | 'sheet'
    | 'headerRow'
    | 'columns'
    | 'table'
    | 'skipHidden'
    | 'layout'
    | 'mergeMap'
    | 'level'
  >;

export async function inputSetup(opts: InputSetupOptions): Promise<InputSetup> {
  const { builtInProfile } = await import('./profiles/index.js');
  const profile = opts.profile
    ? (await import('./profiles/load.js')).loadProfile(opts.profile, opts.standard)
    : builtInProfile(opts.standard);
  const mapping = opts.columns ? (await import('./map/mapping.js')).loadMapping(opts.columns) : undefined;
  // issue 15: statistics exports — extra layouts, annex → parent, the 学段 of a county-wide export.
  const importOptions =
    opts.layout || opts.mergeMap || opts.level
      ? {
          ...(opts.layout ? { layouts: (await import('./import/layout.js')).loadLayouts(opts.layout) } : {}),
          ...(opts.mergeMap ? { mergeMap: (await import('./import/command.js')).loadMergeMap(opts.mergeMap) } : {}),
          ...(opts.level ? { level: opts.level } : {}),
        }
      : undefined;
  return {
    profile,
    options: {
      profile,
      lang: opts.lang,
      county: opts.county,
      read: readOptionsOf(opts),
      ...(importOptions ? { import: importOptions } : {}),
      map: {
        sheet: opts.sheet,
        headerRow: opts.headerRow,
        mapping,
        table: opts.table,
        ...(opts.skipHidden ? { skipHidden: true } : {}),
      },
    },
    optionFiles: [
      ...(opts.profile ? [opts.profile] : []),
      ...(opts.columns ? [opts.columns] : []),
      ...(opts.layout ?? []),
      ...(opts.mergeMap ? [opts.mergeMap] : []),
    ],
  };
}
