/**
 * The web build of the renderer: `npm run web` (dev server) and `npm run build:web` (static files
 * in dist/web/ with relative paths, so they work from any static server or a custom protocol).
 * The built page carries the strict Content-Security-Policy as a meta tag (all but frame-ancestors,
 * which only a header can carry: see renderer/csp.ts); the dev server, which
 * needs inline scripts for hot reload, does not. The Web Worker bundles go to their own folder
 * (WORKER_DIR), whose scripts the servers send with the worker policy (WORKER_CSP), and the
 * model's equations carry their source (scripts/equation-sources.mjs) in the page and in the
 * workers, so that the workers' WebAssembly backend translates them instead of calling back into
 * JavaScript.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { META_CSP, WORKER_DIR } from './renderer/csp.ts';
import { equationSourcesVite } from './scripts/equation-sources.mjs';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Adds the CSP meta tag to the built index.html only. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'flywheel-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CSP },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

export default defineConfig({
  root: here('./renderer'),
  base: './',
  publicDir: false,
  plugins: [react(), contentSecurityPolicy(), equationSourcesVite()],
  worker: {
    format: 'es',
    plugins: () => [equationSourcesVite()],
    rolldownOptions: { output: { entryFileNames: `${WORKER_DIR}/[name]-[hash].js` } },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    // es2021: class private fields (ml-matrix) are lowered, so the security scanner's parser reads
    // the bundle it scans.
    target: 'es2021',
    sourcemap: true,
    // Everything is local: no inlined fonts, no preload polyfill, no remote URLs.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
});
