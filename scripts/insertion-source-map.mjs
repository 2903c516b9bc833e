// @ts-check
/**
 * The source map of a transform that only inserts text and never adds a line
 * (scripts/equation-sources.mjs): every line maps to itself.
 */

const VLQ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function vlq(n) {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let s = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    s += VLQ[digit];
  } while (v > 0);
  return s;
}

/**
 * A source map for insertions that add no line: every line maps to itself, with a segment at the
 * start of each line and after each insertion.
 */
export function insertionSourceMap(code, edits, fileName) {
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (pos) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  /** Per line: [generated column, original column] pairs. */
  const segments = lineStarts.map(() => [[0, 0]]);
  const shift = lineStarts.map(() => 0);
  for (const e of edits) {
    const line = lineOf(e.at);
    const col = e.at - lineStarts[line];
    shift[line] += e.text.length;
    segments[line].push([col + shift[line], col]);
  }
  let prevOrigLine = 0;
  let prevOrigCol = 0;
  const mappings = segments
    .map((segs, line) => {
      let prevGen = 0;
      return segs
        .map(([gen, orig]) => {
          const s =
            vlq(gen - prevGen) + vlq(0) + vlq(line - prevOrigLine) + vlq(orig - prevOrigCol);
          prevGen = gen;
          prevOrigLine = line;
          prevOrigCol = orig;
          return s;
        })
        .join(',');
    })
    .join(';');
  return { version: 3, sources: [fileName], sourcesContent: [code], names: [], mappings };
}
