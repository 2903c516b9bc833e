/** Types of electron-binary.mjs (used by the end-to-end test). */
export type BinaryLookup = { ok: true; path: string } | { ok: false; reason: string };
export function executableIn(distDir: string, platform?: NodeJS.Platform): string;
export function findElectronBinary(o: {
  env: NodeJS.ProcessEnv;
  electronPackageDir: string;
  platform?: NodeJS.Platform;
}): BinaryLookup;
export function electronVersion(electronPackageDir: string): string;
export function noElectronMessage(o: {
  reason: string;
  version: string;
  scripts: Record<string, string>;
  command: string;
  what: string;
}): string;
export function ensureElectronBinary(o: {
  env: NodeJS.ProcessEnv;
  electronPackageDir: string;
  log: (line: string) => void;
}): BinaryLookup;
export function downloadProblem(output: string): string;
