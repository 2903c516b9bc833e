#!/usr/bin/env node
// Bundles the Node entry points (the `flywheel` CLI, its Monte Carlo worker, the benchmark) into
// dist/cli/ with esbuild. Runs on `npm install` (prepare) and before the tests.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { equationSourcesEsbuild } from './equation-sources.mjs';

const entries = {
  flywheel: 'cli/main.ts',
  'mc-worker': 'cli/mc-worker.ts',
  'analysis-worker': 'cli/analysis-worker.ts',
  bench: 'bench/bench.ts',
};
const entryPoints = Object.fromEntries(
  Object.entries(entries).filter(([, file]) => existsSync(file)),
);
if (Object.keys(entryPoints).length > 0) {
  const result = await build({
    entryPoints,
    outdir: 'dist/cli',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Shared code and what a command loads when used go into chunks: `flywheel run` starts
    // without compiling the report's React or calibration's maths.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    // The model's equations carry their source, for the WebAssembly backend.
    plugins: [equationSourcesEsbuild()],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  // Chunks are named by their content's hash, so every change leaves new ones: the chunks of
  // earlier builds (hundreds of megabytes after a day's work) are removed once this one is written.
  const written = new Set(Object.keys(result.metafile.outputs).map((f) => relative('dist/cli', f)));
  const chunks = join('dist', 'cli', 'chunks');
  for (const f of readdirSync(chunks))
    if (!written.has(join('chunks', f))) rmSync(join(chunks, f), { force: true });
}
