#!/usr/bin/env node
// The `flywheel` command: runs the bundled CLI (dist/cli/flywheel.mjs, built by `npm install`).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli/flywheel.mjs', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    'flywheel: the command line is not built yet (dist/cli/flywheel.mjs is missing): run npm install (or npm run build:cli) in the Flywheel Lab folder\n',
  );
  process.exit(1);
}
await import(cli.href);
