// Types of scripts/insertion-source-map.mjs.
export function insertionSourceMap(
  code: string,
  edits: readonly { at: number; text: string }[],
  fileName: string,
): object;
