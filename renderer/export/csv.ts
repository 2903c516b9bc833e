/**
 * CSV cells (RFC 4180): a cell holding a comma, a double quote, CR or LF is quoted, with quotes
 * doubled. Text cells that a spreadsheet would read as a formula (starting with = + - @, tab or CR)
 * get a leading apostrophe. Numbers are written as numbers, never escaped: -12.5 stays a negative
 * number, because the escaping depends on the cell's type, not on how its text looks.
 */
export const CSV_EOL = '\r\n';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function quoted(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A text cell, neutralised against formula injection and quoted as needed. */
export function csvText(text: string): string {
  return quoted(FORMULA_START.test(text) ? `'${text}` : text);
}

/** A number cell: the shortest text that reads back as the same double; empty when not finite. */
export function csvNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/** One record (without its line ending) from already-formatted cells. */
export function csvRecord(cells: readonly string[]): string {
  return cells.join(',');
}

/**
 * Reads CSV text (RFC 4180: quoted cells with doubled quotes, CRLF or LF line ends) back into
 * records of raw cell text. The inverse of csvRecord for round-trip checks and imports; a text
 * cell's formula-guard apostrophe is kept (it is part of the cell).
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quotedCell = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quotedCell) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') quotedCell = false;
      else cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === '') {
      quotedCell = true;
    } else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else {
      cell += c;
    }
    i++;
  }
  if (cell !== '' || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  return records;
}
