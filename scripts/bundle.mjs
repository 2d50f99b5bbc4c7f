// Bundles the CLI (src/cli.ts) into dist/bundle/: one entry file for start-up, and split chunks for what
// the CLI imports lazily (formatters, output, the pipeline, templates), so `--help` and a county run load
// only what they use. SheetJS (`xlsx`) stays external: node loads it from node_modules only where it is
// imported (.xls reading, xlsx output, templates). tsc still builds dist/ (the library, its .d.ts and
// dist/read/xls-worker.js, which the bundle starts by URL; see src/read/xls.ts).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { lazyChildProcess, versionPlugin } from './esbuild-plugins.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

// Chunk names carry a hash: clear old ones so dist/ does not collect stale files.
rmSync(outdir, { recursive: true, force: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  external: ['xlsx'],
  // CommonJS dependencies (commander, csv-parse helpers) may require() node built-ins; an ES module has no require.
  banner: {
    js: "import { createRequire as __bcCreateRequire } from 'node:module';\nconst require = __bcCreateRequire(import.meta.url);",
  },
  plugins: [lazyChildProcess, versionPlugin(version)],
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
});

// Which source modules each output file holds: test/e2e/lazy-loading.test.ts reads it to tell which
// parts of the program a run loaded.
const outputs = {};
for (const [file, out] of Object.entries(result.metafile.outputs)) {
  outputs[file.slice('dist/bundle/'.length)] = Object.keys(out.inputs).sort();
}
writeFileSync(`${outdir}/modules.json`, `${JSON.stringify(outputs, null, 1)}\n`);
