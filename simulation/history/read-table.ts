/**
 * Reading a KPI history file into a table of cells: CSV (papaparse, delimiter detected) or Excel
 * .xlsx (read-excel-file's universal reader). A pure module fed the file's bytes, shared by the
 * app (its calibration view and worker) and the `flywheel calibrate` command, which only read the
 * file. Never throws: every problem is a message that says what is wrong and what to do.
 */
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/universal';
import type { CellValue } from './cells';

/** Largest history file read (a decade of weekly figures is well under a megabyte). */
export const MAX_HISTORY_BYTES = 20 * 1024 * 1024;
/** Most data rows read: ten years of weeks is 521; a history of days must be summed to weeks. */
export const MAX_HISTORY_ROWS = 5000;

export interface RawTable {
  readonly format: 'csv' | 'xlsx';
  /** The first row: the columns' names. */
  readonly headers: readonly string[];
  /** The data rows, each as long as the headers. */
  readonly rows: readonly (readonly CellValue[])[];
  /** CSV: the delimiter found. */
  readonly delimiter: string | null;
  /** Excel: the sheet read and every sheet in the workbook. */
  readonly sheet: string | null;
  readonly sheets: readonly string[];
}

export type TableResult =
  | { readonly ok: true; readonly table: RawTable }
  | { readonly ok: false; readonly message: string };

const fail = (message: string): TableResult => ({ ok: false, message });

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** What a binary file most likely is, for the message. */
function binaryKind(bytes: Uint8Array): string | null {
  if (startsWith(bytes, OLE))
    return 'an old Excel .xls workbook: save it as .xlsx or as CSV and import that';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'a PDF document, not a table';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'a PNG image, not a table';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'a JPEG image, not a table';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'a gzip archive: unpack it first';
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return 'a binary file, not CSV text or an .xlsx workbook';
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  if (head.length > 0 && control / head.length > 0.05)
    return 'a binary file, not CSV text or an .xlsx workbook';
  return null;
}

/** Text of a CSV file: UTF-8 (a byte-order mark is dropped), else Windows-1252 as Excel writes. */
function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A header cell as text ("" for an empty one). */
function headerText(c: CellValue): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
}

function tooManyRows(): TableResult {
  return fail(
    `the file has more than ${MAX_HISTORY_ROWS.toLocaleString('en-US')} data rows; a KPI history is weekly or monthly figures over at most ten years (520 weeks)`,
  );
}

/** Checks the header and evens out the rows. */
function finishTable(
  format: RawTable['format'],
  grid: readonly (readonly CellValue[])[],
  extra: Pick<RawTable, 'delimiter' | 'sheet' | 'sheets'>,
): TableResult {
  const nonEmpty = grid.filter((r) => r.some((c) => headerText(c) !== ''));
  if (nonEmpty.length === 0) return fail('the file is empty: no header and no rows');
  const [head, ...rows] = nonEmpty;
  const headers = head!.map(headerText);
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  if (headers.length < 2) {
    const shown = headers[0] ?? '';
    return fail(
      format === 'csv'
        ? `only one column found (header ${JSON.stringify(shown.slice(0, 60))}); expected a time column (week or date) and at least one figure, separated by commas, semicolons or tabs`
        : `only one column found in sheet '${extra.sheet}'; expected a time column (week or date) and at least one figure`,
    );
  }
  if (headers.every((h) => /^[+-]?[\d.,]+$/.test(h)))
    return fail(
      'the first row holds numbers, not column names: add a header row (for example week,activeUsers,orders)',
    );
  const empty = headers.findIndex((h) => h === '');
  if (empty !== -1) return fail(`column ${empty + 1} has no name in the header row`);
  const seen = new Map<string, number>();
  for (let i = 0; i < headers.length; i++) {
    const key = headers[i]!.toLowerCase();
    if (seen.has(key))
      return fail(
        `two columns are named ${JSON.stringify(headers[i])} (columns ${seen.get(key)! + 1} and ${i + 1})`,
      );
    seen.set(key, i);
  }
  if (rows.length === 0) return fail('the file has a header but no data rows');
  if (rows.length > MAX_HISTORY_ROWS) return tooManyRows();
  const width = headers.length;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const extraCells = row.slice(width).filter((c) => headerText(c) !== '');
    if (extraCells.length > 0)
      return fail(
        `row ${r + 2} has ${width + extraCells.length} cells but the header names ${width} columns (a delimiter inside an unquoted figure?)`,
      );
  }
  const even = rows.map((row) =>
    Array.from({ length: width }, (_, i) => {
      const c = row[i];
      return c === undefined || (typeof c === 'string' && c.trim() === '') ? null : c;
    }),
  );
  return { ok: true, table: { format, headers, rows: even, ...extra } };
}

function readCsv(bytes: Uint8Array): TableResult {
  const text = decodeText(bytes);
  if (text.trim() === '') return fail('the file is empty: no header and no rows');
  const parsed = Papa.parse<string[]>(text, {
    delimiter: '',
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: 'greedy',
    preview: MAX_HISTORY_ROWS + 2,
  });
  const quotes = parsed.errors.find((e) => e.type === 'Quotes');
  if (quotes)
    return fail(
      `row ${(quotes.row ?? 0) + 1}: a quoted cell is never closed (${quotes.message.toLowerCase()})`,
    );
  if (parsed.data.length > MAX_HISTORY_ROWS + 1) return tooManyRows();
  return finishTable('csv', parsed.data, {
    delimiter: parsed.meta.delimiter || null,
    sheet: null,
    sheets: [],
  });
}

async function readXlsx(bytes: Uint8Array, sheet: string | null): Promise<TableResult> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  try {
    const all = await readXlsxFile(buffer as ArrayBuffer);
    const sheets = all.map((s) => s.sheet);
    if (sheets.length === 0) return fail('the workbook has no sheets');
    const chosen = sheet ?? sheets[0]!;
    const found = all.find((s) => s.sheet === chosen);
    if (!found)
      return fail(`the workbook has no sheet named '${chosen}' (sheets: ${sheets.join(', ')})`);
    const grid = found.data as CellValue[][];
    if (grid.length > MAX_HISTORY_ROWS + 1) return tooManyRows();
    return finishTable('xlsx', grid, { delimiter: null, sheet: chosen, sheets });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return fail(`not a readable .xlsx workbook (${message.replace(/[`\n]/g, '').slice(0, 120)})`);
  }
}

/**
 * Reads a history file's bytes. An .xlsx workbook is recognised by its content (a zip archive),
 * whatever its name; `sheet` picks a sheet (default: the first).
 */
export async function readTable(
  bytes: Uint8Array,
  options: { readonly sheet?: string | null } = {},
): Promise<TableResult> {
  if (bytes.length === 0) return fail('the file is empty: no header and no rows');
  if (bytes.length > MAX_HISTORY_BYTES)
    return fail(
      `the file is too large (${bytes.length.toLocaleString('en-US')} bytes; a KPI history is at most ${MAX_HISTORY_BYTES / 1024 / 1024} MB)`,
    );
  if (startsWith(bytes, ZIP)) return readXlsx(bytes, options.sheet ?? null);
  const kind = binaryKind(bytes);
  if (kind) return fail(`this is ${kind}`);
  return readCsv(bytes);
}
