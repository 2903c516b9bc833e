#!/usr/bin/env node
// Bundles the desktop shell with esbuild into dist/electron/: the main process (CommonJS, one
// file with zod and the scenario parser inside) and the preload (CommonJS: a sandboxed preload
// cannot be an ES module). `electron` itself stays external: Electron provides it at run time.
import { build } from 'esbuild';

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
      const result = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'inner' });
      if (result.errors.length > 0) return { errors: result.errors };
      return { ...result, sideEffects: !/[\\/](simulation|renderer)[\\/]/.test(result.path) };
    });
  },
};

const started = Date.now();
await Promise.all([
  build({ ...common, entryPoints: { main: 'electron/main.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } }),
  build({
    ...common,
    // The sandboxed preload runs in a renderer with a limited `require`: no Node built-ins.
    platform: 'browser',
    entryPoints: { preload: 'electron/preload.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    target: 'chrome130',
    plugins: [projectModulesArePure],
  }),
]);
if (!process.argv.includes('--quiet')) console.log(`desktop shell built in dist/electron/ (${Date.now() - started} ms)`);
