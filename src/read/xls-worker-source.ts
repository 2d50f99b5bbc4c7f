// issue 16: the xls worker's whole source as one CommonJS script, for the single executable, which has no
// dist/read/xls-worker.js to start by URL. scripts/build-exe.mjs puts the bundled worker here; elsewhere none.
export const EMBEDDED_WORKER: string | undefined = undefined;
