// esbuild plugins shared by the npm bundle (scripts/bundle.mjs) and the single executables (scripts/build-exe.mjs).

/** The version fixed at build time: src/version.ts reads package.json relative to its own file, which from a
 * bundle would be the wrong folder (and a file read at every start). */
export const versionPlugin = (version) => ({
  name: 'version',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]version\.ts$/ }, () => ({
      contents: `export const VERSION = ${JSON.stringify(version)};`,
      loader: 'ts',
    }));
  },
});

/** commander requires node:child_process at load (only for executable subcommands, which the CLI does not have);
 * loading it costs a good part of `--help`'s start-up, so commander gets it on first use. */
export const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: 'child_process', namespace: 'lazy-child-process' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents:
        "let cp;\nmodule.exports = { spawn: (...args) => (cp ??= require('node:child_process')).spawn(...args) };\n",
      loader: 'js',
    }));
  },
};
