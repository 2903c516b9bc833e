/**
 * Text from outside (scenario names, file names) made safe to print on a terminal: control
 * characters (C0, DEL, C1), which could move the cursor, retitle the window or clear the screen,
 * are written as visible escapes (`\u001b`) instead.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function terminalText(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
