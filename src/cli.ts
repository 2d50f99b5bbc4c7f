// The command line: parse flags, call the library, render, set the exit code. Nothing else.
// Only commander loads up front: the pipeline, zod and SheetJS load when a command needs them,
// so that --help and usage errors answer at once.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { FatalError } from './findings.js';
import { fatalMessage, label, type Lang } from './i18n/messages.js';
import { VERSION } from './version.js';
import { terminalSafe } from './render/safe.js';
import { DEFAULT_STANDARD, STANDARD_IDS } from './profiles/ids.js';
import type { ReadOptions } from './read/index.js';
import type { ReadLimitFlags } from './read/options.js';
import type { TableKind } from './map/columns.js';
import type { Report } from './report/schema.js';
import { FORMATS, formatterEntry, render, reportDate, type OutputFormat } from './render/formatters.js';

export interface InputOptions extends ReadLimitFlags {
  standard: string;
  profile?: string;
  /** Not given: from the -o extension, else text. */
  format?: OutputFormat;
  lang: Lang;
  county?: string[];
  maxWarnings?: number;
  output?: string;
  quiet?: boolean;
  color: boolean;
  sheet?: string;
  headerRow?: number;
  columns?: string;
  table?: TableKind;
  skipHidden?: boolean;
  stdinFilename?: string;
  /** validate: write a --columns skeleton of the schools table instead of the report (issue 12). */
  suggestColumns?: boolean;
  /** issue 15: statistics exports. */
  layout?: string[];
  mergeMap?: string;
  level?: '小学' | '初中' | '高中';
}

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('需要正整数 / a positive whole number');
  return n;
};

const nonNegativeInt = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError('需要非负整数 / a whole number ≥ 0');
  return n;
};

/** --county A --county B,C → [A, B, C]. */
const collectCounties = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter((s) => s !== ''),
];

const langOption = () => new Option('--lang <lang>', '语言 / language').choices(['zh', 'en']).default('zh');
const standardOption = () =>
  new Option('-s, --standard <id>', '评估标准').choices(STANDARD_IDS).default(DEFAULT_STANDARD);

/** Options shared by the assessment and `validate`: what to read and how. */
function inputOptions(cmd: Command): Command {
  return (
    cmd
      .argument('[files...]', '学校统计表：.xlsx、.xls、.csv 文件、目录（递归）或通配符，- 读标准输入')
      .addOption(standardOption())
      .option('-p, --profile <file>', '省市标准配置（JSON，extends 一个内置标准并覆盖其中的值）')
      .addOption(new Option('-f, --format <format>', '输出格式（默认按 -o 的扩展名，否则 text）').choices(FORMATS))
      .addOption(langOption())
      .option(
        '--county <names>',
        '只评估这些县区（可重复或用逗号分隔）；只给一个时，文件无「县区」列即以它为县区名称；数据中没有的县区退出码 3',
        collectCounties,
      )
      .option(
        '--max-warnings <n>',
        '警告多于 n 个时退出码为 1（ESLint 的约定；0 要求全部评估、没有警告）',
        nonNegativeInt,
      )
      .option('-o, --output <file>', '写入文件而不是标准输出（原子写入）')
      .option('-q, --quiet', '只显示未达标项和错误')
      .option('--no-color', '不使用颜色')
      .option('--sheet <name>', '学校表所在的工作表')
      .option('--header-row <n>', '学校表表头所在行（Excel 行号）', positiveInt)
      .option('--columns <file>', '列映射文件（JSON：表头 → 字段）')
      .option('--skip-hidden', '不读取隐藏的行和工作表（默认照常读取并给出警告）')
      .option('--stdin-filename <name>', '标准输入（-）的文件名：用于县区名称、格式判断和提示信息')
      .addOption(new Option('--table <kind>', 'CSV 文件是哪张表').choices(['schools', 'classes', 'county']))
      .addOption(
        new Option('--encoding <enc>', 'CSV 编码（默认自动：BOM → UTF-8 → GB18030）').choices([
          'auto',
          'utf-8',
          'gb18030',
        ]),
      )
      .option('--max-file-size <MB>', '文件大小上限（默认 512）', positiveInt)
      .option('--max-rows <n>', '每张工作表行数上限（默认 5000000）', positiveInt)
      .option('--max-sheets <n>', '工作表数上限（默认 100）', positiveInt)
      .option('--timeout <seconds>', '读取一个工作簿的时间上限（默认 300）', positiveInt)
      .option('--max-memory <MB>', '整个进程的内存上限（默认：本机内存的 40%，最多 2048）', positiveInt)
      // issue 15: statistics exports are imported, then assessed
      .option('--layout <file>', '统计报表版式文件（JSON），可重复', (v: string, p: string[] = []) => [...p, v])
      .option('--merge-map <file>', '不计校数的校点 → 所属学校（JSON）')
      .addOption(new Option('--level <level>', '县域导出表的学段（文件名中没有时）').choices(['小学', '初中', '高中']))
  );
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = inputOptions(
    new Command('balance-check')
      .description('县域义务教育均衡发展督导评估：读取学校统计表，校验数据，计算指标与差异系数，按标准判定。')
      .version(VERSION, '-V, --version'),
  )
    .addHelpText(
      'after',
      `
退出码 / exit codes:
  0  全部达标 / every judged rule met
  1  有规则未达标，或警告多于 --max-warnings / a rule not met, or more warnings than --max-warnings
  2  数据有错误，评估不完整 / the data has errors
  3  用法错误、文件无法读取或内部错误 / usage error, unreadable file, internal error

示例 / examples:
  balance-check fixtures/demo-county.xlsx
  balance-check data.xlsx --format json -o report.json
  balance-check validate submitted/*.xlsx
  balance-check template -o 模板.xlsx`,
    )
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .action(async (files: string[], opts: InputOptions) => {
      code = await run(files, opts, 'assess');
    });

  inputOptions(
    program.command('validate').description('只校验数据（退出码 0、2 或 3），用于检查学校报送的数据 / validate only'),
  )
    .option('--suggest-columns', '写出学校表的列映射草稿（JSON，用于 --columns）/ write a --columns skeleton')
    .exitOverride()
    .action(async (files: string[], opts: InputOptions) => {
      code = await run(files, opts, 'validate');
    });

  program
    .command('template')
    .description('生成标准格式的空白工作簿（含说明表与示例行）/ write the canonical workbook')
    .addOption(standardOption())
    .requiredOption('-o, --output <file>', '输出文件（.xlsx；.csv 只写学校表）')
    .option('--force', '覆盖已存在的文件 / replace an existing file')
    .exitOverride()
    .action(async (opts: { standard: string; output: string; force?: boolean }) => {
      const { checkTemplateName, planOutput, writeOutput } = await import('./output.js');
      // A template written over a filled-in workbook would lose the county's data: only with --force.
      const guard = { overwrite: opts.force === true };
      const kind = checkTemplateName(opts.output);
      planOutput(opts.output, guard);
      const [{ renderTemplate, renderTemplateCsv }, { builtInProfile }] = await Promise.all([
        import('./render/template.js'),
        import('./profiles/index.js'),
      ]);
      const profile = builtInProfile(opts.standard);
      await writeOutput(opts.output, kind === 'csv' ? renderTemplateCsv() : await renderTemplate(profile), guard);
    });

  // issue 15: statistics exports (教基/基础基 forms, county-wide exports) → the canonical workbook.
  program
    .command('import')
    .description(
      '导入教育统计报表（每校一个教基/基础基工作簿，或县域导出表），写出标准格式的学校表 / import statistics exports',
    )
    .argument('<paths...>', '每校的统计报表工作簿（文件或目录），或 1–3 个县域导出表（每学段一个）')
    .requiredOption('-o, --output <file>', '输出工作簿（.xlsx）')
    .option('--layout <file>', '版式文件（JSON）：增加或修正一种报表版式，可重复', (v: string, p: string[] = []) => [
      ...p,
      v,
    ])
    .option('--merge-map <file>', '不计校数的校点 → 所属学校（JSON：{"校点": "学校"}）')
    .addOption(new Option('--level <level>', '县域导出表的学段（文件名中没有时）').choices(['小学', '初中', '高中']))
    .addOption(new Option('-f, --format <format>', '导入报告格式').choices(['text', 'json']).default('text'))
    .option('--force', '覆盖已存在的文件 / replace an existing file')
    .addOption(langOption())
    .exitOverride()
    .action(async (paths: string[], opts: import('./import/command.js').ImportCommandOptions) => {
      code = await (await import('./import/command.js')).runImport(paths, opts);
    });

  program
    .command('standards')
    .description('列出内置标准及其指标 / list the built-in standards')
    .addOption(langOption())
    .action(async (opts: { lang: Lang }) => {
      const [{ renderStandards }, { BUILT_IN }] = await Promise.all([
        import('./render/standards.js'),
        import('./profiles/index.js'),
      ]);
      process.stdout.write(renderStandards(Object.values(BUILT_IN), opts.lang));
    });

  program
    .command('explain <id>')
    .description('解释一个指标：定义、公式、各学段阈值、依据文件 / explain an indicator')
    .addOption(langOption())
    .option('-p, --profile <file>', '按省市标准配置解释')
    .exitOverride()
    .action(async (id: string, opts: { lang: Lang; profile?: string }) => {
      const [{ renderExplain }, { BUILT_IN }, { loadProfile }] = await Promise.all([
        import('./render/standards.js'),
        import('./profiles/index.js'),
        import('./profiles/load.js'),
      ]);
      const profiles = opts.profile ? [loadProfile(opts.profile)] : Object.values(BUILT_IN);
      const text = renderExplain(id, profiles, opts.lang);
      if (text === null) throw new FatalError('unknown-id', { id });
      process.stdout.write(text);
    });

  // issue 14 (plan): `plan` (缺口, scenarios) and `diff`; their code is in src/plan/cli.ts.
  inputOptions(program.command('plan').description('缺口与整改方案；--scenario 试算调整 / gaps, plan and what-if'))
    .option('--scenario <file>', '方案文件（JSON）：按其中的调整重新评估，与现状对照 / apply a scenario')
    .option(
      '--write-scenario <file>',
      '把方案的补足项写成方案文件，可修改后用 --scenario 重算 / write the plan as a scenario',
    )
    .exitOverride()
    .action(async (files: string[], opts) => {
      code = await (await import('./plan/cli.js')).runPlan(files, opts);
    });
  inputOptions(program.command('diff').description('对比两次数据（旧 新）：变差时退出码 1 / compare OLD NEW'))
    .exitOverride()
    .action(async (files: string[], opts) => {
      code = await (await import('./plan/cli.js')).runDiff(files, opts);
    });

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 3;
    // The language asked for, wherever on the command line (a subcommand has its own --lang).
    const lang: Lang = argv.some((a, i) => (a === '--lang' && argv[i + 1] === 'en') || a === '--lang=en') ? 'en' : 'zh';
    process.stderr.write(`balance-check: ${fatalMessage(e, lang)}\n`);
    if (process.env.BALANCE_CHECK_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return 3;
  }
  return code;
}

async function run(files: string[], opts: InputOptions, mode: 'assess' | 'validate'): Promise<number> {
  if (files.length === 0) {
    process.stderr.write(`balance-check: ${label(opts.lang, 'usage.no-input')}\n`);
    return 3;
  }
  const { chooseFormat, planOutput, writeOutput, writeStdout } = await import('./output.js');
  const format = chooseFormat(opts.format, opts.output);
  const [{ assess }, { expandInputs }, { validationReport, withMaxWarnings }, { inputSetup }] = await Promise.all([
    import('./assess.js'),
    import('./inputs.js'),
    import('./modes.js'),
    import('./input-options.js'),
  ]);
  const { profile, options, optionFiles } = await inputSetup(opts);
  const read = options.read ?? {};
  const entry = formatterEntry(format);
  if (entry.binary && !opts.output && process.stdout.isTTY) {
    const ext = entry.extensions[0];
    throw new FatalError('bad-option', {
      option: `--format ${format}`,
      value: format,
      reason: 'needs-output',
      ext: ext ?? '',
    });
  }
  const paths = await expandInputs(files);
  // Every file this run reads, so that -o can never name one of them (checked again when writing).
  // issue 12: --stdin-filename names standard input; -o may not name that file either.
  const stdinName = opts.stdinFilename?.trim() || undefined;
  const guard = {
    inputs: [...paths, ...optionFiles, ...(stdinName && paths.includes('-') ? [stdinName] : [])],
  };
  if (opts.output !== undefined) planOutput(opts.output, guard);
  const inputs = await Promise.all(
    paths.map(async (f) => (f === '-' ? { path: stdinName ?? '-', bytes: await readStdin(read) } : f)),
  );
  const progress = process.stderr.isTTY === true && inputs.length > 1;
  const report = await assess(inputs, {
    ...options,
    ...(progress
      ? {
          onProgress: (done, total, path) =>
            process.stderr.write(`\r\x1b[K${bar(done, total)} ${done}/${total} ${terminalSafe(path)}`),
        }
      : {}),
  });
  if (progress) process.stderr.write('\r\x1b[K');
  for (const input of report.inputs) {
    if (input.status === 'error') process.stderr.write(`balance-check: ${input.message}\n`);
  }
  if (report.error) process.stderr.write(`balance-check: ${report.error.message}\n`);
  if (mode === 'validate' && opts.suggestColumns) return suggestColumns(report, opts, guard);
  // The report is never changed: each step below returns a new one.
  let final = mode === 'validate' ? validationReport(report) : report;
  if (opts.maxWarnings !== undefined) {
    final = withMaxWarnings(final, opts.maxWarnings);
    if (final.maxWarnings?.exceeded)
      process.stderr.write(
        `balance-check: ${label(opts.lang, 'warnings.exceeded', { warnings: final.maxWarnings.warnings, limit: final.maxWarnings.limit })}\n`,
      );
  }
  const toFile = opts.output !== undefined;
  const color = opts.color && !toFile && process.stdout.isTTY === true && !process.env.NO_COLOR;
  // --quiet is applied inside render(), once, before the formatter.
  const out = await render(final, format, {
    color,
    quiet: opts.quiet === true,
    profile,
    mode,
    date: reportDate(),
    width: terminalWidth(),
  });
  if (typeof out === 'string' || out instanceof Uint8Array) {
    // Nothing to write (every input unreadable, text format): leave an earlier report in place.
    if (toFile && out.length) await writeOutput(opts.output!, out, guard);
    else if (!toFile) process.stdout.write(out);
  } else if (toFile) await writeOutput(opts.output!, out, guard);
  else writeStdout(out);
  return final.exitCode;
}

/** issue 12: `validate --suggest-columns`: the --columns skeleton of the first schools table, as JSON. */
async function suggestColumns(report: Report, opts: InputOptions, guard: { inputs: string[] }): Promise<number> {
  for (const input of report.inputs) {
    const r = input.reading?.find((x) => x.table === 'schools');
    if (!r) continue;
    const skeleton = r.suggestedColumns ?? {
      ...(input.format !== 'csv' ? { sheet: r.sheet } : {}),
      columns: Object.fromEntries(r.columns.map((c) => [c.header, c.key])),
    };
    const text = `${JSON.stringify(skeleton, null, 2)}\n`;
    if (opts.output !== undefined) await (await import('./output.js')).writeOutput(opts.output, text, guard);
    else process.stdout.write(text);
    return 0;
  }
  process.stderr.write(`balance-check: ${label(opts.lang, 'suggest.no-schools')}\n`);
  return report.exitCode === 3 ? 3 : 2;
}

/** issue 13: the terminal's columns, then COLUMNS, else 100 (piped output, a file). */
export function terminalWidth(): number {
  if (process.stdout.isTTY && process.stdout.columns > 0) return process.stdout.columns;
  const env = Number(process.env.COLUMNS);
  return Number.isInteger(env) && env > 0 ? env : 100;
}

function bar(done: number, total: number): string {
  const width = 20;
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** Standard input, bounded by the file-size limit and the memory budget (`- < /dev/zero` ends at once). */
async function readStdin(read: ReadOptions): Promise<Uint8Array> {
  const [{ readStdinBounded }, { sniff, DEFAULT_LIMITS }, { checkMemory }] = await Promise.all([
    import('./read/safe.js'),
    import('./read/index.js'),
    import('./read/memory.js'),
  ]);
  const max = read.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes;
  return readStdinBounded(
    process.stdin,
    max,
    (head) => sniff(head) === 'binary',
    () => checkMemory('-', read.maxHeapMb ?? DEFAULT_LIMITS.maxHeapMb),
  );
}
