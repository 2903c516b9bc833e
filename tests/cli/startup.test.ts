/**
 * What `flywheel` loads before it runs a command: the modules its entry imports statically. The
 * commands on a built-in preset (the README's `flywheel run`) start without the scenario file
 * format's zod schemas (most of the CLI's code by size: about 70 ms of every start) or the
 * report's React; the modules that read files still have them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './helpers';

const DIST = join(ROOT, 'dist', 'cli');

/** Every bundle file `file` imports statically (itself included). */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  // esbuild's static imports: `import ... from "./x.mjs"` or `import "./x.mjs"` at a line's start.
  for (const m of text.matchAll(/^import\s+(?:[^'"]*?\sfrom\s+)?["'](\.{1,2}\/[^"']+)["']/gm))
    staticClosure(resolve(dirname(file), m[1]!), seen);
  return seen;
}

/** Whether any of the files bundles a module of the package (esbuild names each one's path). */
function bundles(files: Iterable<string>, pkg: string): boolean {
  const marker = new RegExp(`^// (.*/)?node_modules/${pkg}/`, 'm');
  return [...files].some((f) => marker.test(readFileSync(f, 'utf8')));
}

/** The chunk that holds a source module (esbuild's `// path` comment). */
function chunkOf(source: string): string {
  const dir = join(DIST, 'chunks');
  const found = readdirSync(dir)
    .filter((f) => f.endsWith('.mjs'))
    .map((f) => join(dir, f))
    .filter((f) => readFileSync(f, 'utf8').includes(`\n// ${source}\n`));
  expect(found, `the chunk of ${source}`).toHaveLength(1);
  return found[0]!;
}

describe("the CLI's start", () => {
  beforeAll(ensureBuilt);

  it('loads neither zod nor React before a command runs', () => {
    const start = staticClosure(join(DIST, 'flywheel.mjs'));
    expect(start.size).toBeGreaterThan(3);
    expect(bundles(start, 'zod')).toBe(false);
    expect(bundles(start, 'react-dom')).toBe(false);
  });

  it('loads zod with the reader of scenario files (so the check above can fail)', () => {
    expect(bundles(staticClosure(chunkOf('cli/scenario-input.ts')), 'zod')).toBe(true);
    expect(bundles(staticClosure(chunkOf('cli/catalogue.ts')), 'zod')).toBe(true);
  });
});
