// Types of scripts/equation-sources.mjs (the build transform that gives equations their source).
import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin as VitePlugin } from 'vite';

export const MODEL_FILE: RegExp;
export function registerEquationSources(
  code: string,
  fileName: string,
): { code: string; edits: { at: number; text: string }[] } | null;
export function insertionSourceMap(
  code: string,
  edits: readonly { at: number; text: string }[],
  fileName: string,
): object;
export function equationSourcesEsbuild(): EsbuildPlugin;
export function equationSourcesVite(): VitePlugin;
