/**
 * The folder boundaries of eslint.config.js, checked with ESLint itself on probe sources placed
 * (by path, not on disk) in each folder: simulation/ is pure, renderer/ knows nothing of Node or
 * the shell, electron/ takes from renderer/ only the contract, the CSP and the print options, and
 * the preload only the contract.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The import lines of `sources` that the boundary rule refuses in `file`. */
async function refused(file: string, sources: readonly string[]): Promise<string[]> {
  const text = sources.map((s, i) => `import * as m${i} from '${s}';\nvoid m${i};`).join('\n');
  const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
  const lines = result!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.line);
  // An import can match more than one pattern: each refused import once, in source order.
  return sources.filter((_s, i) => lines.includes(2 * i + 1));
}

describe('import boundaries (eslint.config.js)', { timeout: 180_000 }, () => {
  it('simulation/ imports none of the other layers, React, the DOM parts of D3 or Node', async () => {
    const bad = [
      '../../renderer/state/ui',
      '../../electron/paths',
      '../../cli/args',
      'react',
      'react-dom/client',
      'd3',
      'd3-selection',
      'd3-transition',
      'node:fs',
      'fs',
      'path',
      'electron',
      '../../node/files/read-file',
    ];
    expect(await refused('simulation/engine/probe.ts', bad)).toEqual(bad);
    expect(await refused('simulation/engine/probe.ts', ['zod', '../model/probe'])).toEqual([]);
  });

  it('renderer/ imports nothing from electron/, cli/, Node, or electron itself', async () => {
    const bad = [
      '../../electron/ipc/wrapper',
      '../electron/preload',
      '../../cli/pdf',
      'electron',
      'node:path',
      'fs',
      'child_process',
      '../../node/files/atomic-write',
    ];
    expect(await refused('renderer/export/probe.ts', bad)).toEqual(bad);
    expect(await refused('renderer/present/Probe.tsx', ['electron'])).toEqual(['electron']);
    const fine = ['../../simulation', '../bridge/contract', 'react', 'd3-selection', 'zod'];
    expect(await refused('renderer/export/probe.ts', fine)).toEqual([]);
  });

  it('electron/ imports from renderer/ only the contract, the CSP and the print options', async () => {
    const fine = [
      '../../renderer/bridge/contract',
      '../../renderer/csp',
      '../../renderer/report/print-options',
      '../renderer/bridge/contract.ts',
      '../../simulation',
      '../../node/files/atomic-write',
      'electron',
      'node:path',
    ];
    expect(await refused('electron/setup/probe.ts', fine)).toEqual([]);
    const bad = [
      '../../renderer/bridge/controller',
      '../../renderer/bridge/contract-extra',
      '../../renderer/report/html',
      '../../renderer/state/workspace',
      '../renderer/csp/other',
      '../../cli/pdf',
      'react',
      'd3-scale',
    ];
    expect(await refused('electron/setup/probe.ts', bad)).toEqual(bad);
  });

  it('the preload imports only electron and the contract', async () => {
    expect(
      await refused('electron/preload.ts', ['electron', '../renderer/bridge/contract']),
    ).toEqual([]);
    const bad = [
      '../renderer/csp',
      '../renderer/report/print-options',
      './ipc/wrapper',
      './security/origin',
      '../simulation',
      'zod',
      'node:path',
      'path',
    ];
    expect(await refused('electron/preload.ts', bad)).toEqual(bad);
  });

  it('node/ (the files the CLI and the shell share) imports neither shell, nor the page, nor the UI', async () => {
    const fine = ['../../simulation/scenario/load', 'node:fs', 'node:path', './file-error'];
    expect(await refused('node/files/probe.ts', fine)).toEqual([]);
    const bad = [
      '../../cli/errors',
      '../../electron/paths',
      '../../renderer/bridge/contract',
      'electron',
      'react',
      'd3-selection',
    ];
    expect(await refused('node/files/probe.ts', bad)).toEqual(bad);
    expect(await refused('cli/probe.ts', ['../node/files/read-file'])).toEqual([]);
  });

  it('the repository itself keeps to them', async () => {
    const results = await eslint.lintFiles(['simulation', 'renderer', 'electron', 'node', 'cli']);
    const crossings = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === 'no-restricted-imports')
        .map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.message}`),
    );
    expect(crossings).toEqual([]);
  });
});
