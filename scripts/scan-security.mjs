#!/usr/bin/env node
// `npm run scan:security`: the static security scan of the desktop shell with
// @doyensec/electronegativity, over the sources (electron/) and over the app as it is packaged
// (package.json, the bundled shell in dist/electron/ and the built web app in dist/web/, staged
// together so that checks spanning both sides, like the CSP, see the whole app). Electronegativity
// only reports (SARIF in dist/security/); this script fails (exit 1) on any finding not justified
// in electron/security/scan-justifications.json, and on any file it could not parse.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_VERSION = JSON.parse(
  readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;

/** @returns {{ excludedChecks: {check: string, reason: string}[], justified: {check: string, file: string, reason: string}[] }} */
export function loadJustifications(
  file = path.join(root, 'electron', 'security', 'scan-justifications.json'),
) {
  const config = JSON.parse(readFileSync(file, 'utf8'));
  for (const entry of [...config.excludedChecks, ...config.justified]) {
    if (
      typeof entry.check !== 'string' ||
      typeof entry.reason !== 'string' ||
      entry.reason.trim().length < 40
    ) {
      throw new Error(
        `scan-justifications.json: every entry needs a check and a reason of a sentence (${JSON.stringify(entry)})`,
      );
    }
  }
  return config;
}

/** Findings not covered by a justification (same target, same check, same file). */
export function unjustified(findings, config) {
  return findings.filter(
    (f) =>
      !config.justified.some((j) => j.target === f.target && j.check === f.id && j.file === f.file),
  );
}

export async function scan({ targets, outDir, log = () => undefined }) {
  const run = require('@doyensec/electronegativity');
  const config = loadJustifications();
  const results = [];
  const unparsed = [];
  for (const { name, dir: target } of targets) {
    const started = Date.now();
    const result = await run({
      input: target,
      output: path.join(outDir, `electronegativity-${name}.sarif`),
      isSarif: true,
      isRelative: true,
      verbose: false,
      electronVersionOverride: ELECTRON_VERSION,
      // The library names checks by class name here (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK -> availablesecurityfixesglobalcheck).
      excludeFromScan: config.excludedChecks.map((c) => c.check.replace(/_/g, '').toLowerCase()),
    });
    // `issues` are the findings; `errors` are files the scanner could not parse (so did not check).
    for (const e of result.errors) {
      if (!e.tolerable)
        unparsed.push({ target: name, file: path.relative(target, e.file), message: e.message });
    }
    const findings = result.issues.map((e) => ({
      target: name,
      id: e.id,
      file: e.file,
      line: e.location?.line ?? 0,
      severity: e.severity?.name ?? '?',
      description: e.description,
      sample: String(e.sample ?? '').slice(0, 120),
    }));
    log(
      `scanned ${name}: ${result.globalChecks} global and ${result.atomicChecks} atomic checks, ${findings.length} findings (${Date.now() - started} ms)`,
    );
    results.push(...findings);
  }
  return { findings: results, open: unjustified(results, config), unparsed };
}

/** Copies what electron-builder packs (see electron-builder.yml `files`) into one folder. */
export function stagePackagedApp(
  stageDir,
  built = { electron: path.join(root, 'dist', 'electron'), web: path.join(root, 'dist', 'web') },
) {
  rmSync(stageDir, { recursive: true, force: true });
  mkdirSync(stageDir, { recursive: true });
  cpSync(path.join(root, 'package.json'), path.join(stageDir, 'package.json'));
  const skipMaps = (src) => !src.endsWith('.map');
  for (const part of ['electron', 'web']) {
    const from = built[part];
    if (!existsSync(from))
      throw new Error(`${path.relative(root, from)} is missing: run npm run build:${part} first`);
    cpSync(from, path.join(stageDir, 'dist', part), { recursive: true, filter: skipMaps });
  }
  return stageDir;
}

/** `--name value` from the command line. */
function option(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  // Options (the tests use them): --out DIR, --built-electron DIR, --built-web DIR, and
  // --only NAME=DIR to scan just one folder.
  const outDir = path.resolve(option('--out') ?? path.join(root, 'dist', 'security'));
  mkdirSync(outDir, { recursive: true });
  const only = option('--only');
  const targets = only
    ? [{ name: only.split('=')[0], dir: path.resolve(only.slice(only.indexOf('=') + 1)) }]
    : [
        { name: 'electron', dir: path.join(root, 'electron') },
        {
          name: 'app',
          dir: stagePackagedApp(path.join(outDir, 'app'), {
            electron: path.resolve(
              option('--built-electron') ?? path.join(root, 'dist', 'electron'),
            ),
            web: path.resolve(option('--built-web') ?? path.join(root, 'dist', 'web')),
          }),
        },
      ];
  const { findings, open, unparsed } = await scan({
    targets,
    outDir,
    log: (l) => process.stderr.write(`${l}\n`),
  });
  for (const f of open) {
    process.stdout.write(
      `${f.target}/${f.file}:${f.line} ${f.id} [${f.severity}] ${f.description}\n    ${f.sample}\n`,
    );
  }
  for (const u of unparsed)
    process.stdout.write(
      `${u.target}/${u.file}: could not be parsed, so it was not checked: ${u.message}\n`,
    );
  process.stdout.write(
    `security scan: ${findings.length} findings, ${open.length} not justified, ${unparsed.length} files not parsed; SARIF in ${path.relative(root, outDir) || '.'}/\n`,
  );
  // exitCode, not exit(): the library writes its SARIF files asynchronously and does not wait.
  process.exitCode = open.length === 0 && unparsed.length === 0 ? 0 : 1;
}
