/**
 * The report as one self-contained HTML file: inline CSS, inline SVG, no scripts, no external
 * requests (a strict Content-Security-Policy says so to the browser too). Pure: runs in Node
 * (the CLI), the page and the tests.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ReportDocument, REPORT_TITLE, type ReportProps } from './ReportDocument';
import { reportStylesheet, type AppStyleSources } from './styles';

/** Nothing may load: styles and images are inline; data: links are for saving the scenario. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

export function reportHtml(props: ReportProps, styles: AppStyleSources): string {
  const body = renderToStaticMarkup(createElement(ReportDocument, props));
  const head = renderToStaticMarkup(
    createElement(
      'head',
      null,
      createElement('meta', { charSet: 'utf-8' }),
      createElement('meta', { httpEquiv: 'Content-Security-Policy', content: REPORT_CSP }),
      createElement('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      createElement('meta', {
        name: 'generator',
        content: `Flywheel Lab ${props.reproducibility.appVersion}`,
      }),
      createElement('title', null, `${props.scenario.name} - ${REPORT_TITLE}`),
      createElement('style', null, reportStylesheet(styles)),
    ),
  );
  return `<!DOCTYPE html>\n<html lang="en" data-theme="light">${head}<body>${body}</body></html>\n`;
}
