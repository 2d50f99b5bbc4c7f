// The command line: parse flags, call the library, render, set the exit code. Nothing else.
import { writeFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { assess, fatalMessage, VERSION } from './assess.js';
import { FatalError } from './findings.js';
import { builtInProfile, BUILT_IN, DEFAULT_STANDARD } from './profiles/index.js';
import { loadProfile } from './profiles/load.js';
import { renderStandards, renderExplain } from './render/standards.js';
import { renderText } from './render/text.js';
import { renderJson } from './render/json.js';
import type { Lang } from './i18n/messages.js';

const FORMATS = ['text', 'json'] as const;

interface MainOptions {
  standard: string;
  profile?: string;
  format: (typeof FORMATS)[number];
  lang: Lang;
  county?: string;
  output?: string;
  quiet?: boolean;
  color: boolean;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command('balance-check')
    .description('县域义务教育均衡发展督导评估：读取学校统计表，校验数据，计算指标与差异系数，按标准判定。')
    .version(VERSION, '-V, --version')
    .argument('[files...]', '学校统计表：.xlsx、.xls、.csv，或 - 读标准输入')
    .addOption(new Option('-s, --standard <id>', '评估标准').choices(Object.keys(BUILT_IN)).default(DEFAULT_STANDARD))
    .option('-p, --profile <file>', '省市标准配置（JSON，extends 一个内置标准并覆盖其中的值）')
    .addOption(new Option('-f, --format <format>', '输出格式').choices(FORMATS).default('text'))
    .addOption(new Option('--lang <lang>', '语言 / language').choices(['zh', 'en']).default('zh'))
    .option('--county <name>', '县区名称（文件无「县区」列时使用）')
    .option('-o, --output <file>', '写入文件而不是标准输出（原子写入）')
    .option('-q, --quiet', '只显示未达标项和错误')
    .option('--no-color', '不使用颜色')
    .addHelpText(
      'after',
      `
退出码 / exit codes:
  0  全部达标 / every judged rule met
  1  有规则未达标 / a rule not met
  2  数据有错误，评估不完整 / the data has errors
  3  用法错误、文件无法读取或内部错误 / usage error, unreadable file, internal error

示例 / example:
  balance-check fixtures/demo-county.xlsx
  balance-check data.xlsx --format json -o report.json`,
    )
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .action(async (files: string[], opts: MainOptions) => {
      code = await run(files, opts);
    });

  program
    .command('standards')
    .description('列出内置标准及其指标 / list the built-in standards')
    .addOption(new Option('--lang <lang>', '语言 / language').choices(['zh', 'en']).default('zh'))
    .action((opts: { lang: Lang }) => {
      process.stdout.write(renderStandards(Object.values(BUILT_IN), opts.lang));
    });

  program
    .command('explain <id>')
    .description('解释一个指标：定义、公式、各学段阈值、依据文件 / explain an indicator')
    .addOption(new Option('--lang <lang>', '语言 / language').choices(['zh', 'en']).default('zh'))
    .option('-p, --profile <file>', '按省市标准配置解释')
    .action((id: string, opts: { lang: Lang; profile?: string }) => {
      const profiles = opts.profile ? [loadProfile(opts.profile)] : Object.values(BUILT_IN);
      const text = renderExplain(id, profiles, opts.lang);
      if (text === null) throw new FatalError('unknown-id', { id });
      process.stdout.write(text);
    });

  let code = 0;
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 3;
    // The language asked for, wherever on the command line (a subcommand has its own --lang).
    const lang: Lang = argv.includes('en') && argv.some((a, i) => (a === '--lang' && argv[i + 1] === 'en') || a === '--lang=en') ? 'en' : 'zh';
    process.stderr.write(`balance-check: ${fatalMessage(e, lang)}\n`);
    if (process.env.BALANCE_CHECK_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return 3;
  }
  return code;
}

async function run(files: string[], opts: MainOptions): Promise<number> {
  if (files.length === 0) {
    process.stderr.write(opts.lang === 'en' ? 'balance-check: no input file (see --help)\n' : 'balance-check: 缺少输入文件（见 --help）\n');
    return 3;
  }
  const profile = opts.profile ? loadProfile(opts.profile, opts.standard) : builtInProfile(opts.standard);
  const inputs = await Promise.all(files.map(async (f) => (f === '-' ? { path: '-', bytes: await readStdin() } : f)));
  const report = await assess(inputs, { profile, lang: opts.lang, county: opts.county });
  for (const input of report.inputs) {
    if (input.status === 'error') process.stderr.write(`balance-check: ${input.message}\n`);
  }
  const toFile = opts.output !== undefined;
  const color = opts.color && !toFile && process.stdout.isTTY === true && !process.env.NO_COLOR;
  let text = '';
  if (opts.format === 'json') text = renderJson(report);
  else if (report.counties.length || report.findings.length) text = renderText(report, profile, { color, quiet: opts.quiet });
  // Nothing to write (every input unreadable, text format): leave an earlier report in place.
  if (toFile && text) writeAtomic(opts.output!, text);
  else if (!toFile) process.stdout.write(text);
  return report.exitCode;
}

/** Write to a temporary file beside the target, then rename: readers never see half a report. */
export function writeAtomic(path: string, content: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new FatalError('cannot-write', { file: path, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
