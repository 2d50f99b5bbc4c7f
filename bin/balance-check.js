#!/usr/bin/env node
// Runs the bundled CLI (`npm run build` writes dist/bundle/; the npm package is built by "prepack").
import { existsSync } from 'node:fs';

const cli = new URL('../dist/bundle/cli.mjs', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('balance-check: not built yet — run `npm run build`\n');
  process.exit(3);
}
// A closed pipe (`balance-check … | head`) is not an error worth a stack trace.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
const { main } = await import(cli.href);
process.exitCode = await main(process.argv);
