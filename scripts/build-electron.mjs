#!/usr/bin/env node
// Bundles the desktop shell with esbuild into dist/electron/: the main process (CommonJS, one
// file with zod and the scenario parser inside) and the preload (CommonJS: a sandboxed preload
// cannot be an ES module). `electron` itself stays external: Electron provides it at run time.
// The files are .js with a package.json saying "commonjs" beside them (the project itself is
// "type": "module"), so every tool, the security scanner included, reads them as what they are.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

// The preload imports the contract for its channel names and types only. The contract builds its
// zod schemas in functions marked pure; declaring the project's own modules free of side effects
// lets esbuild drop them (and zod, and the simulation) from the preload.
const projectModulesArePure = {
  name: 'project-modules-are-pure',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData === 'inner') return undefined;
      const result = await b.resolve(args.path, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        importer: args.importer,
        pluginData: 'inner',
      });
      if (result.errors.length > 0) return { errors: result.errors };
      return { ...result, sideEffects: !/[\\/](simulation|renderer)[\\/]/.test(result.path) };
    });
  },
};

// `--outdir DIR` builds elsewhere (the tests build into temporary folders).
const outIndex = process.argv.indexOf('--outdir');
const outdir =
  outIndex > 0 && process.argv[outIndex + 1] ? process.argv[outIndex + 1] : 'dist/electron';

const started = Date.now();
mkdirSync(outdir, { recursive: true });
writeFileSync(`${outdir}/package.json`, `${JSON.stringify({ type: 'commonjs' })}\n`);
await Promise.all([
  build({ ...common, entryPoints: { main: 'electron/main.ts' }, outdir }),
  build({
    ...common,
    // The sandboxed preload runs in a renderer with a limited `require`: no Node built-ins.
    platform: 'browser',
    entryPoints: { preload: 'electron/preload.ts' },
    outdir,
    target: 'chrome130',
    plugins: [projectModulesArePure],
  }),
]);
if (!process.argv.includes('--quiet'))
  console.log(`desktop shell built in ${outdir}/ (${Date.now() - started} ms)`);
