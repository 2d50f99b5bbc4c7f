// `npm run bench`: balance-check end to end at county, province and national size, beside the peers that
// are installed (SheetJS alone; openpyxl and pandas from Debian's python3), median wall time and peak RSS
// over repeated runs, written to bench/RESULTS.md with ratios against the targets of the scale issue.
//   node bench/run.mjs [--sizes county,province,national] [--repeat N] [--out FILE] [--data DIR]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
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
const repeat = Number(opt('repeat', '3'));
const out = resolve(opt('out', join(root, 'bench/RESULTS.md')));
const dataDir = resolve(opt('data', join(root, 'bench/data')));
const cli = join(root, 'bin/balance-check.js');
const scratch = mkdtempSync(join(tmpdir(), 'bc-bench-'));

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const PY = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import sys'], { stdio: 'ignore' }).status === 0);
const hasPy = (mod) => PY && spawnSync(PY, ['-c', `import ${mod}`], { stdio: 'ignore' }).status === 0;
const peers = { openpyxl: hasPy('openpyxl'), pandas: hasPy('pandas') };

/** One timed run: wall seconds and peak RSS in MiB (from GNU time when present). */
function once(cmd, argv) {
  const t0 = process.hrtime.bigint();
  const r = TIME
    ? spawnSync(TIME, ['-f', '%M', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const rssKb = TIME ? Number((r.stderr.trim().split('\n').pop() ?? '').trim()) : NaN;
  return { seconds, mib: rssKb / 1024, status: r.status, stderr: r.stderr };
}

function measure(cmd, argv, n = repeat) {
  const runs = Array.from({ length: n }, () => once(cmd, argv));
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return { seconds: sorted[Math.floor((n - 1) / 2)].seconds, mib: Math.max(...runs.map((r) => r.mib)), status: runs[0].status };
}

const rows = [];
const add = (size, work, m, note = '') => {
  rows.push({ size, work, ...m, note });
  console.error(`${size.padEnd(9)} ${work.padEnd(44)} ${m.seconds.toFixed(2)} s ${Number.isFinite(m.mib) ? m.mib.toFixed(0) + ' MiB' : ''} ${note}`);
};

add('-', 'node -e 0 (floor)', measure(process.execPath, ['-e', '0'], Math.max(5, repeat)));
add('-', 'balance-check --help', measure(process.execPath, [cli, '--help'], Math.max(5, repeat)));

for (const size of sizes) {
  const spec = SIZES[size] ?? { rows: Number(size), counties: Math.max(1, Math.round(Number(size) / 100)) };
  const label = SIZES[size] ? size : `${size} rows`;
  const paths = { xlsx: join(dataDir, `${size}.xlsx`), csv: join(dataDir, `${size}.csv`), classes: join(dataDir, `${size}-classes.csv`) };
  if (!existsSync(paths.xlsx) || !existsSync(paths.csv) || !existsSync(paths.classes)) {
    console.error(`generating ${label} (${spec.rows} school rows, ${spec.counties} counties) …`);
    await generate(size, spec.rows, spec.counties, dataDir);
  }
  const n = spec.rows >= 100_000 ? Math.min(repeat, 2) : repeat;
  const report = join(scratch, 'report.json');
  add(label, 'balance-check xlsx → json', measure(process.execPath, [cli, paths.xlsx, '-f', 'json', '-o', report, '--max-memory', '6144'], n));
  add(label, 'balance-check csv → json', measure(process.execPath, [cli, paths.csv, '-f', 'json', '-o', report], n));
  add(label, 'balance-check csv + class csv → json', measure(process.execPath, [cli, paths.csv, paths.classes, '-f', 'json', '-o', report], n));
  add(label, 'SheetJS read only (dense, lean)', measure(process.execPath, [join(root, 'bench/peers/sheetjs_read.mjs'), paths.xlsx], n));
  for (const [peer, script] of [['openpyxl', 'openpyxl_read.py'], ['pandas', 'pandas_read.py']]) {
    if (!peers[peer]) continue;
    add(label, `${peer} read xlsx`, measure(PY, [join(root, 'bench/peers', script), paths.xlsx], n));
  }
  if (peers.pandas) {
    add(label, 'pandas read_csv', measure(PY, [join(root, 'bench/peers/pandas_read.py'), paths.csv], n));
    add(label, 'pandas read_csv + groupby classes', measure(PY, [join(root, 'bench/peers/pandas_read.py'), paths.classes], n));
  }
}
rmSync(scratch, { recursive: true, force: true });

// Ratios against the targets of the scale issue.
const get = (size, work) => rows.find((r) => r.size === size && r.work === work);
const targets = [];
const target = (what, mine, base, limit) => {
  if (!mine || !base) return;
  const ratio = mine.seconds / base.seconds;
  targets.push({ what, ratio, limit, met: ratio <= limit });
};
target('--help vs node -e 0', get('-', 'balance-check --help'), get('-', 'node -e 0 (floor)'), 1.4);
for (const size of sizes) {
  const l = SIZES[size] ? size : `${size} rows`;
  const mine = get(l, 'balance-check xlsx → json');
  if (size === 'county') target('county xlsx vs openpyxl read', mine, get(l, 'openpyxl read xlsx'), 1.3);
  if (size === 'province') target('province xlsx vs SheetJS read', mine, get(l, 'SheetJS read only (dense, lean)'), 1.15);
  if (size === 'national') {
    target('national xlsx vs SheetJS read', mine, get(l, 'SheetJS read only (dense, lean)'), 1.1);
    target('national csv vs pandas read_csv', get(l, 'balance-check csv → json'), get(l, 'pandas read_csv'), 2);
    target('class csv vs pandas read + groupby', get(l, 'balance-check csv + class csv → json'), get(l, 'pandas read_csv + groupby classes'), 2);
  }
}

const lines = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` (${new Date().toISOString().slice(0, 10)}; node ${process.version}; ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB).`,
  `Median wall time of ${repeat} runs (2 at national size), whole process; peak RSS from GNU time.`,
  `Peers: openpyxl ${peers.openpyxl ? 'installed' : 'missing (skipped)'}, pandas ${peers.pandas ? 'installed' : 'missing (skipped)'} — Debian's python3-openpyxl and python3-pandas.`,
  '',
  '| size | work | median s | peak MiB | exit |',
  '|---|---|---:|---:|---:|',
  ...rows.map((r) => `| ${r.size} | ${r.work} | ${r.seconds.toFixed(2)} | ${Number.isFinite(r.mib) ? r.mib.toFixed(0) : '—'} | ${r.status ?? '—'} |`),
  '',
  '| target | ratio | limit | met |',
  '|---|---:|---:|---|',
  ...targets.map((t) => `| ${t.what} | ${t.ratio.toFixed(2)} | ${t.limit} | ${t.met ? 'yes' : 'no'} |`),
  '',
];
writeFileSync(out, lines.join('\n'));
console.error(`wrote ${out}`);
