/**
 * The file name the shell suggests in a save dialog, made from a name the page sent (a scenario's
 * file name, an export's name built from the scenario's name). The page is not trusted to name
 * paths: the suggestion is one plain file name in the dialog's folder, never a path
 * (`../../../../etc/passwd` becomes `etc-passwd.csv`), never hidden, never a device name, with the
 * format's extension, at most 255 bytes. Save As and every export use it.
 */
import type { ExportFormat } from '../../renderer/bridge/contract';
import { SCENARIO_FILE_EXTENSION } from '../../renderer/bridge/contract';

export const FORMAT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = {
  scenario: SCENARIO_FILE_EXTENSION,
  csv: '.csv',
  json: '.json',
  html: '.html',
  pdf: '.pdf',
  png: '.png',
  svg: '.svg',
};

/** Names a file system or the dialog would take as more than a name. */
const UNSAFE = new Set('\\/:*?"<>|');
/** Bidirectional controls can make `txt.exe` look like `exe.txt`. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;
/** Windows device names, with or without an extension. */
const DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;
const MAX_NAME_BYTES = 255;

function clean(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code < 32 || (code >= 0x7f && code <= 0x9f)) return '-';
  if (UNSAFE.has(ch) || INVISIBLE.test(ch)) return '-';
  return ch;
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** Cuts `base` (by whole characters) so that `base + extension` fits in 255 bytes. */
function fit(base: string, extension: string): string {
  const chars = Array.from(base);
  while (chars.length > 0 && utf8Length(chars.join('') + extension) > MAX_NAME_BYTES) chars.pop();
  return chars.join('');
}

export function safeFileName(suggested: string, format: ExportFormat): string {
  const extension = FORMAT_EXTENSIONS[format];
  let name = Array.from(suggested, clean)
    .join('')
    // `..` has no business in a file name; runs of separators left by cleaning become one.
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    // Not hidden (leading dot), nothing Windows trims away (trailing dots and spaces).
    .replace(/^[\s.-]+/u, '')
    .replace(/[\s.]+$/u, '');
  const lower = name.toLowerCase();
  const hasExtension =
    format === 'scenario' ? lower.endsWith('.json') : lower.endsWith(extension.toLowerCase());
  let base = hasExtension
    ? name.slice(0, name.length - (format === 'scenario' ? '.json' : extension).length)
    : name;
  const ownExtension = hasExtension ? name.slice(base.length) : extension;
  base = base.replace(/[\s.-]+$/u, '');
  if (base === '' || DEVICE.test(base)) base = base === '' ? 'untitled' : `_${base}`;
  name = `${fit(base, ownExtension)}${ownExtension}`;
  return name;
}
