/**
 * The report's one stylesheet, inlined into the HTML: the light theme's colours (theme.css), the
 * chart rules the workspace uses (app.css), the loop view's stylesheet (loop.css) and the report's
 * own print layout. The CSS files are the app's; callers pass their text (Vite's `?raw` in the
 * page and the tests, esbuild's text loader in the CLI), so report and app never disagree.
 */

export interface AppStyleSources {
  readonly theme: string;
  readonly app: string;
  readonly loop: string;
}

interface CssBlock {
  /** Text before the `{` (selector list or at-rule prelude), trimmed. */
  readonly prelude: string;
  /** The whole block, as written. */
  readonly text: string;
}

/** Top-level blocks of a stylesheet (comments dropped); nested blocks stay inside their parent. */
export function cssBlocks(css: string): CssBlock[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const blocks: CssBlock[] = [];
  let depth = 0;
  let start = 0;
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') {
      if (depth === 0) open = i;
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) {
        blocks.push({
          prelude: text.slice(start, open).trim(),
          text: text.slice(start, i + 1).trim(),
        });
        start = i + 1;
      }
    } else if (c === ';' && depth === 0) {
      start = i + 1;
    }
  }
  return blocks;
}

/** Rules whose every selector names a chart class (`.fw-chart…`, `.fw-series…`, the fit chart's `.fw-fitchart…`). */
export function chartRules(appCss: string): string[] {
  return cssBlocks(appCss)
    .filter(
      (b) =>
        !b.prelude.startsWith('@') &&
        b.prelude.split(',').every((sel) => /\.fw-(chart|series|fitchart)(?![a-z])/.test(sel)),
    )
    .map((b) => b.text);
}

/** The light theme's custom properties (the first `:root` block that is not another theme). */
export function lightThemeRule(themeCss: string): string {
  const block = cssBlocks(themeCss).find(
    (b) => b.prelude.includes(':root') && !/dark|high-contrast/.test(b.prelude),
  );
  if (!block) throw new Error('theme.css has no light :root block');
  return block.text;
}

/** The report's own layout: A4/Letter pages, tables, figures kept whole across page breaks. */
export const REPORT_CSS = `
@page { margin: 14mm 13mm 16mm; }
html { background: #fff; }
body { margin: 0; color: var(--fw-fg); background: #fff; font: 10.5pt/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; }
.fw-report { max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
.fw-report h1, .fw-report h2, .fw-report h3 { line-height: 1.2; break-after: avoid; page-break-after: avoid; }
.fw-report h2 { font-size: 15pt; margin: 0 0 6pt; padding-top: 4pt; border-bottom: 1.5pt solid var(--fw-with); }
.fw-report h3 { font-size: 11.5pt; margin: 12pt 0 4pt; }
.fw-report p { margin: 0 0 6pt; }
.fw-report__section { margin-top: 16pt; }
.fw-report__cover { padding: 18mm 0 10mm; border-bottom: 3pt solid var(--fw-with); }
.fw-report__kicker { color: var(--fw-muted); text-transform: uppercase; letter-spacing: 0.08em; font-size: 9.5pt; }
.fw-report__title { font-size: 26pt; margin: 4pt 0 8pt; overflow-wrap: anywhere; }
.fw-report__lead { font-size: 12pt; color: var(--fw-muted); }
.fw-report__facts { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 12pt; margin: 10pt 0; }
.fw-report__facts dt { color: var(--fw-muted); }
.fw-report__facts dd { margin: 0; }
.fw-report__keep, .fw-report .fw-chart, .fw-report .fw-loop, .fw-report tr { break-inside: avoid; page-break-inside: avoid; }
.fw-report__table { width: 100%; border-collapse: collapse; font-size: 9.5pt; font-variant-numeric: tabular-nums; }
.fw-report__table th, .fw-report__table td { text-align: left; vertical-align: top; padding: 3pt 6pt 3pt 0; border-bottom: 0.5pt solid var(--fw-grid); }
.fw-report__table thead th { border-bottom: 1pt solid var(--fw-fg); font-weight: 600; }
.fw-report__table--kpis td { white-space: nowrap; }
.fw-report__table--kpis tbody th { font-weight: 400; }
.fw-report__table--parameters tbody th { font-weight: 600; width: 38%; }
.fw-report__table--entities { font-size: 8pt; }
.fw-report__table--entities th, .fw-report__table--entities td { padding-right: 4pt; }
.fw-report__group th { background: var(--fw-surface-2); font-weight: 700; padding-left: 3pt; }
.fw-report__description { display: block; font-weight: 400; color: var(--fw-muted); font-size: 8.5pt; }
.fw-report__source { font-size: 8pt; color: var(--fw-muted); }
.fw-report__unit { color: var(--fw-muted); font-weight: 400; }
.fw-report__changed { white-space: nowrap; }
.fw-report__changed strong { color: var(--fw-fg); }
.fw-report__was { display: block; font-size: 0.85em; color: var(--fw-muted); }
.fw-report__mark { color: var(--fw-bad); font-weight: 700; }
.fw-report__note { color: var(--fw-muted); font-size: 9pt; break-after: avoid; page-break-after: avoid; }
.fw-report__charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8pt; }
.fw-report .fw-chart { margin: 0; padding: 6pt 8pt 2pt; border: 0.75pt solid var(--fw-border); border-radius: 4pt; contain: none; content-visibility: visible; }
.fw-report .fw-chart__title { font-weight: 600; font-size: 10pt; }
.fw-report__chart-description { display: block; font-weight: 400; font-size: 7.5pt; color: var(--fw-muted); }
.fw-report .fw-chart__svg { display: block; width: 100%; height: auto; }
.fw-report .fw-chart__svg text { font-size: 9.5px; }
.fw-report__loop .fw-loop-pair--two { grid-template-columns: minmax(0, 1fr); }
.fw-report__loop .fw-loop { margin-bottom: 8pt; }
/* No halo on the static loop's rate labels: Chromium's PDF would carry each label twice (stroke and fill), so searching and copying the text would find every label twice. */
.fw-report .fw-loop__rate { stroke: none; }
.fw-report__drivers figure { margin: 0 0 8pt; }
.fw-report__drivers .fw-dominance__svg { max-width: 15cm; }
.fw-report__legend { display: flex; flex-wrap: wrap; gap: 2pt 12pt; list-style: none; padding: 0; }
.fw-report__swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.35em; vertical-align: -0.05em; }
.fw-report__table--fit td { white-space: nowrap; }
.fw-report__table--fit tbody th { font-weight: 400; }
.fw-report__warnings { margin: 0 0 6pt; padding-left: 14pt; }
.fw-report__warnings li { margin-bottom: 3pt; }
.fw-report__terms { margin: 0; }
.fw-report__term { break-inside: avoid; page-break-inside: avoid; margin-bottom: 4pt; }
.fw-report__term dt { font-weight: 600; }
.fw-report__term dd { margin: 0 0 0 12pt; }
.fw-report__command { font: 9.5pt/1.4 ui-monospace, 'DejaVu Sans Mono', monospace; background: var(--fw-surface-2); padding: 6pt 8pt; white-space: pre-wrap; overflow-wrap: anywhere; }
.fw-report__scenario { font: 7.5pt/1.3 ui-monospace, 'DejaVu Sans Mono', monospace; white-space: pre-wrap; overflow-wrap: anywhere; border: 0.5pt solid var(--fw-grid); padding: 6pt; }
.fw-report__runs { margin: 0 0 8pt; padding-left: 16pt; }
.fw-report__runs > li { margin-bottom: 4pt; }
.fw-report__runs .fw-swatch { margin-right: 4pt; vertical-align: middle; }
.fw-report__run-settings { color: var(--fw-muted); font-size: 8.5pt; }
.fw-report__tag { margin-left: 4pt; padding: 0 3pt; border: 0.5pt solid var(--fw-muted); border-radius: 2pt; font-size: 7.5pt; color: var(--fw-muted); font-weight: 400; }
.fw-report__changes { margin: 1pt 0 0; padding-left: 12pt; font-size: 9pt; }
.fw-report__table--compare td { white-space: nowrap; }
.fw-report__table--compare tbody th { font-weight: 400; }
.fw-report__table--compare thead th .fw-swatch { display: block; margin-bottom: 2pt; }
.fw-report__table--wide { font-size: 7.5pt; }
.fw-report__table--wide th, .fw-report__table--wide td { padding-right: 3pt; }
.fw-report__best { font-weight: 700; }
.fw-report__delta { display: block; font-weight: 400; color: var(--fw-muted); font-size: 0.9em; }
.fw-report code { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; }
@media print {
  .fw-report { padding: 0; max-width: none; }
  .fw-report__screen-only { display: none; }
  .fw-report__scenario { column-count: 3; column-gap: 5mm; border: none; padding: 0; }
}
`;

export function reportStylesheet(sources: AppStyleSources): string {
  return [lightThemeRule(sources.theme), ...chartRules(sources.app), sources.loop, REPORT_CSS].join(
    '\n',
  );
}
