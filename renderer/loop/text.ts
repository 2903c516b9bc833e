/**
 * Text width estimates for SVG labels (pure: no DOM measuring, so layout and server rendering
 * agree). Widths are in em for a humanist sans (DejaVu Sans, the widest of the usual system-ui
 * fonts, so an estimate rarely falls short).
 */

const NARROW = new Set([...`iljtf.,:;'|!I()[]`]);
const SPACE_EM = 0.32;
const WIDE = new Set([...'mwMW@%']);

export function charWidthEm(ch: string): number {
  if (ch === ' ') return SPACE_EM;
  if (NARROW.has(ch)) return 0.34;
  if (ch === 'r') return 0.42;
  if (WIDE.has(ch)) return 0.9;
  if (ch >= '0' && ch <= '9') return 0.64;
  if (ch >= 'A' && ch <= 'Z') return 0.7;
  if (ch === '…') return 1;
  return 0.61;
}

/** Estimated width of `text` in px at `fontPx`. */
export function textWidth(text: string, fontPx: number): number {
  let em = 0;
  for (const ch of text) em += charWidthEm(ch);
  return em * fontPx;
}

/** `text`, cut and ended with an ellipsis if it would be wider than `maxPx` at `fontPx`. */
export function fitText(text: string, maxPx: number, fontPx: number): string {
  if (textWidth(text, fontPx) <= maxPx) return text;
  const chars = [...text];
  let width = charWidthEm('…') * fontPx;
  let n = 0;
  while (n < chars.length && width + charWidthEm(chars[n]!) * fontPx <= maxPx) {
    width += charWidthEm(chars[n]!) * fontPx;
    n++;
  }
  return `${chars.slice(0, Math.max(1, n)).join('').trimEnd()}…`;
}
