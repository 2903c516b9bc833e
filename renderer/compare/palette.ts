/**
 * The runs' colours: the run on the base in the "with data products" colour, every other run in
 * its own colour from a colour-blind-safe palette (Okabe-Ito and Tol), per theme. No imports, so
 * the CLI's report takes them without the app's state.
 */
type Theme = 'light' | 'dark' | 'high-contrast';

export const BASE: Record<Theme, string> = {
  light: '#0072b2',
  dark: '#56b4e9',
  'high-contrast': '#5ec8ff',
};

export const PALETTE: Record<Theme, readonly string[]> = {
  light: ['#cc79a7', '#009e73', '#e69f00', '#882255', '#117733', '#999933', '#332288', '#56b4e9'],
  dark: ['#e69fcf', '#3fd4a4', '#f0b840', '#d46a8f', '#5fbf6f', '#cccc66', '#9a8ce0', '#8fd0f5'],
  'high-contrast': [
    '#ff9ad5',
    '#00f0b0',
    '#ffd000',
    '#ff6e9c',
    '#7dff7d',
    '#f0f080',
    '#b8a8ff',
    '#a8e4ff',
  ],
};

/** The colour of the report's run `index` where runs are only a list (`flywheel report --compare`). */
export function reportRunColor(index: number): string {
  return index === 0 ? BASE.light : PALETTE.light[(index - 1) % PALETTE.light.length]!;
}
