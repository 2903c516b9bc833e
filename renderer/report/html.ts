/**
 * The report as one self-contained HTML file: inline CSS, inline SVG, no scripts, no external
 * requests (a strict Content-Security-Policy says so to the browser too). Pure: runs in Node
 * (the CLI), the page and the tests. `reportParts` gives the same document in pieces (title,
 * stylesheet, body markup) for printers that assemble it themselves (the browser's print path,
 * whose page policy refuses inline <style> elements).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ReportDocument, REPORT_TITLE, type ReportProps } from './ReportDocument';
import { reportStylesheet, type AppStyleSources } from './styles';

/** Nothing may load: styles and images are inline; data: links are for saving the scenario. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

export interface ReportParts {
  /** The document's title (scenario name and report title). */
  readonly title: string;
  readonly lang: string;
  /** The report's one stylesheet. */
  readonly css: string;
  /** The markup inside <body>, escaped by React. */
  readonly body: string;
  readonly appVersion: string;
}

export function reportParts(props: ReportProps, styles: AppStyleSources): ReportParts {
  return {
    title: `${props.scenario.name} - ${REPORT_TITLE}`,
    lang: 'en',
    css: reportStylesheet(styles),
    body: renderToStaticMarkup(createElement(ReportDocument, props)),
    appVersion: props.reproducibility.appVersion,
  };
}

/** The parts as one HTML file. */
export function reportPartsHtml(parts: ReportParts): string {
  const head = renderToStaticMarkup(
    createElement(
      'head',
      null,
      createElement('meta', { charSet: 'utf-8' }),
      createElement('meta', { httpEquiv: 'Content-Security-Policy', content: REPORT_CSP }),
      createElement('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      createElement('meta', { name: 'generator', content: `Flywheel Lab ${parts.appVersion}` }),
      createElement('title', null, parts.title),
      createElement('style', null, parts.css),
    ),
  );
  return `<!DOCTYPE html>\n<html lang="${parts.lang}" data-theme="light">${head}<body>${parts.body}</body></html>\n`;
}

export function reportHtml(props: ReportProps, styles: AppStyleSources): string {
  return reportPartsHtml(reportParts(props, styles));
}
