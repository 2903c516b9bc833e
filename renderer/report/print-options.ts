/**
 * How a report is printed to PDF, shared by every printer of it: `flywheel report` (Chromium
 * through playwright-core) and the desktop app (Electron's printToPDF). Both use Chromium's print
 * engine, so the same options give the same pages. Plain data: no DOM, no Node.
 */
export type Paper = 'a4' | 'letter';
export const PAPERS: readonly Paper[] = ['a4', 'letter'];

/** Page number and count at the foot of every page (Chromium fills the classes in). */
export const FOOTER_TEMPLATE = `<div style="width:100%;font:8px system-ui,sans-serif;color:#545b66;padding:0 13mm;display:flex;justify-content:space-between"><span class="title"></span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;

/** An empty header (Chromium prints its own date and title when none is given). */
export const HEADER_TEMPLATE = '<span></span>';

/** Page margins in millimetres; the bottom one leaves room for the footer. */
export const PAGE_MARGINS_MM = { top: 14, bottom: 16, left: 13, right: 13 } as const;

/** CSS `@page` size keyword of each paper. */
export const PAGE_SIZE: Readonly<Record<Paper, string>> = { a4: 'A4', letter: 'letter' };

/**
 * The page rules for printers that take their layout from CSS (the browser's own print dialog):
 * the paper, the same margins as the PDF printers, and the page number at the foot of every page
 * in a page-margin box (Chromium 131+; older browsers print without it).
 */
export function printPageCss(paper: Paper): string {
  const m = PAGE_MARGINS_MM;
  return [
    `@page { size: ${PAGE_SIZE[paper]}; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;`,
    `  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8px system-ui, sans-serif; color: #545b66; } }`,
  ].join('\n');
}
