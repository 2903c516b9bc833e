/**
 * The report printed through the browser's own print dialog (where "Save as PDF" is Chromium's
 * print engine, the one the desktop app and the CLI use). The page's Content-Security-Policy
 * refuses inline <style> elements, and a document made from a blob or srcdoc inherits that policy,
 * so the report is assembled in an about:blank frame instead: its body imported from inert parsed
 * markup (no scripts run, nothing loads), its stylesheet adopted as a constructed CSSStyleSheet
 * (which the policy allows), with the paper's @page rules. DOM only.
 */
import type { ReportParts } from '../report/html';
import { printPageCss, type Paper } from '../report/print-options';

export const PRINT_FRAME_CLASS = 'fw-export__print-frame';

/** Removes a frame left by an earlier print (browsers that never report the dialog closing). */
function removeOldFrames(host: Document): void {
  host.querySelectorAll(`iframe.${PRINT_FRAME_CLASS}`).forEach((f) => f.remove());
}

/**
 * Fills a hidden frame with the report and opens the print dialog for it (in Chromium print()
 * returns when the dialog closes); the frame goes away after printing, or at the next print at
 * the latest.
 */
export function printReportInBrowser(
  parts: ReportParts,
  paper: Paper,
  host: Document = document,
): void {
  removeOldFrames(host);
  const frame = host.createElement('iframe');
  frame.className = PRINT_FRAME_CLASS;
  frame.title = parts.title;
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  host.body.append(frame);
  const win = frame.contentWindow as (Window & typeof globalThis) | null;
  const doc = frame.contentDocument;
  if (!win || !doc) {
    frame.remove();
    throw new Error('The browser did not make a frame to print the report in.');
  }
  const parsed = new DOMParser().parseFromString(
    `<!DOCTYPE html><html><body>${parts.body}</body></html>`,
    'text/html',
  );
  doc.documentElement.lang = parts.lang;
  doc.documentElement.dataset.theme = 'light';
  doc.title = parts.title;
  doc.body.replaceWith(doc.importNode(parsed.body, true));
  const sheet = new win.CSSStyleSheet();
  sheet.replaceSync(`${parts.css}\n${printPageCss(paper)}`);
  doc.adoptedStyleSheets = [sheet];
  win.addEventListener('afterprint', () => frame.remove(), { once: true });
  win.focus();
  win.print();
}
