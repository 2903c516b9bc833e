/**
 * Builds the loop preview page with esbuild into a temporary folder, serves it on 127.0.0.1 and
 * opens it in Debian's Chromium with playwright-core (never a downloaded browser).
 */
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
import { CHROMIUM_ARGS } from '../../../cli/pdf';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

const here = fileURLToPath(new URL('.', import.meta.url));

const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'">
<title>Loop preview</title>
<link rel="stylesheet" href="main.css">
<link rel="icon" href="data:,">
</head>
<body><div id="root"></div><script type="module" src="main.js"></script></body>
</html>`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface Preview {
  readonly url: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** Builds the page, serves it and launches the browser. */
export async function startPreview(): Promise<Preview> {
  const dir = await mkdtemp(join(tmpdir(), 'loop-preview-'));
  await build({
    entryPoints: [join(here, 'main.tsx')],
    bundle: true,
    format: 'esm',
    outdir: dir,
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  await writeFile(join(dir, 'index.html'), HTML);
  const server: Server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    const file = join(dir, path === '' ? 'index.html' : path);
    if (!file.startsWith(dir)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) =>
        response
          .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
