// issue 16: the xls worker's whole source as one CommonJS script, for the single executable, which has no
// dist/read/xls-worker.js to start by URL. scripts/build-exe.mjs replaces this module: there the source is an
// asset of the executable, read only when a file needs the worker. Elsewhere there is none.
export function embeddedWorker(): string | undefined {
  return undefined;
}
