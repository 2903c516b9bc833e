/**
 * Regenerates the tables of docs/MODEL.md from the registries and the model (see
 * scripts/model-docs.ts). `npm run docs:model` writes the file; `--check` only reports whether it
 * is up to date (exit code 1 if not). tests/model/docs.test.ts runs the same check.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { updateModelDoc } from './model-docs';

const path = fileURLToPath(new URL('../docs/MODEL.md', import.meta.url));
const current = readFileSync(path, 'utf8');
const updated = updateModelDoc(current);
if (process.argv.includes('--check')) {
  if (updated !== current) {
    console.error('docs/MODEL.md is out of date: run `npm run docs:model`.');
    process.exit(1);
  }
  console.log('docs/MODEL.md is up to date.');
} else if (updated !== current) {
  writeFileSync(path, updated);
  console.log('docs/MODEL.md updated.');
} else {
  console.log('docs/MODEL.md was already up to date.');
}
