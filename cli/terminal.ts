/**
 * Text on its way to a terminal. A scenario's name, a file name or a message can carry escape
 * sequences (retitle the window, clear the screen, hide or reorder text); the CLI prints none of
 * them raw. `terminalSafe` is applied at the printing edge (cli/main.ts) to everything printed;
 * `terminalText` is for a piece of outside text inside a message, and `shown` for one of outside text inside a message (a file or scenario name): it also
 * escapes line breaks and tabs, and shortens long names in the middle so both ends stay readable.
 */

/**
 * Characters a terminal acts on or that hide or reorder text: C0 controls, DEL, C1 controls,
 * bidirectional controls (Trojan Source), line and paragraph separators, lone surrogates.
 * Tab, line feed and CR LF (CSV records) are handled by the caller's choice.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]|\r(?!\n)|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const LINE_BREAK_OR_TAB = /[\t\n\r]/g;

/** `\u001b`, `\u009b`, `\u202e`: visible, and not acted on by any terminal. */
function escapeChar(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Longest line the CLI prints; longer ones (a huge name in a message) are cut. */
export const MAX_LINE_CHARS = 2000;
/** Longest name (file, scenario) shown inside a message. */
export const MAX_NAME_CHARS = 100;

/** Cuts `text` (already escaped) to `max` code points, keeping both ends. */
function middleCut(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = Math.ceil((max - 1) * 0.6);
  const tail = max - 1 - head;
  return `${chars.slice(0, head).join('')}…${tail > 0 ? chars.slice(-tail).join('') : ''}`;
}

/** Outside text at full length (a reproduce command), every control character escaped. */
export function terminalText(text: string): string {
  return text
    .replace(UNSAFE, escapeChar)
    .replace(LINE_BREAK_OR_TAB, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

/** One name inside a message (a file, a scenario): escaped as terminalText, and shortened. */
export function shown(text: string, max = MAX_NAME_CHARS): string {
  return middleCut(terminalText(text), max);
}

/**
 * Everything the CLI prints, at the edge: control characters escaped (line breaks, CR LF and tabs
 * kept, so JSON and CSV pass unchanged), and for messages each line cut at `maxLine` characters.
 */
export function terminalSafe(text: string, maxLine = Infinity): string {
  const escaped = text.replace(UNSAFE, escapeChar);
  if (maxLine === Infinity) return escaped;
  return escaped
    .split('\n')
    .map((line) => {
      const chars = Array.from(line);
      return chars.length <= maxLine
        ? line
        : `${chars.slice(0, maxLine).join('')}… (${chars.length - maxLine} more characters)`;
    })
    .join('\n');
}
