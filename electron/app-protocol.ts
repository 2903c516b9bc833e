/**
 * The `app://flywheel/` protocol: serves the built web app (dist/web) with the security headers,
 * and nothing outside that folder. Every response carries the document's Content-Security-Policy
 * but the Web Worker scripts', which carry the worker policy (renderer/csp.ts: 'wasm-unsafe-eval'
 * added, for the engine's WebAssembly; a dedicated worker's policy is its script response's). Registered as standard and secure so the page has a real
 * origin (module workers, fetch of its own files) without the privileges of file://.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from '../renderer/bridge/contract';
import { SECURITY_HEADERS, securityHeadersFor } from './security/policy';

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export type AssetResolution =
  | {
      ok: true;
      filePath: string;
      /** The path under the web root, '/'-separated (decides the response's policy). */
      relativePath: string;
      mimeType: string;
    }
  | { ok: false; status: 400 | 404 };

/** Maps an app:// URL to a file under `root`, refusing anything that would leave it. */
export function resolveAppAsset(url: string, root: string): AssetResolution {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, status: 400 };
  }
  if (
    u.protocol !== `${APP_SCHEME}:` ||
    u.hostname !== APP_HOST ||
    u.port !== '' ||
    u.username !== ''
  ) {
    return { ok: false, status: 404 };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { ok: false, status: 400 };
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 400 };
  const base = path.resolve(root);
  const filePath = path.resolve(base, ...segments);
  const relative = path.relative(base, filePath);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative))
    return { ok: false, status: 404 };
  const mimeType = MIME_TYPES[path.extname(filePath).toLowerCase()];
  if (!mimeType) return { ok: false, status: 404 };
  return { ok: true, filePath, relativePath: segments.join('/'), mimeType };
}

/** The response for one request (separate from Electron so tests can call it). */
export async function respondToAppRequest(url: string, root: string): Promise<Response> {
  const resolved = resolveAppAsset(url, root);
  if (!resolved.ok)
    return new Response(null, { status: resolved.status, headers: SECURITY_HEADERS });
  try {
    const body = await fs.readFile(resolved.filePath);
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: { ...securityHeadersFor(resolved.relativePath), 'Content-Type': resolved.mimeType },
    });
  } catch {
    return new Response(null, { status: 404, headers: SECURITY_HEADERS });
  }
}

export function setupAppProtocol(protocol: Protocol, webRoot: string): void {
  protocol.handle(APP_SCHEME, (request) => respondToAppRequest(request.url, webRoot));
}
