/**
 * A picture that stands on its own on a slide or in a mail: the chart or loop as drawn, under a
 * title and a subtitle, with its legend (a chart's is inside its drawing; a loop's is copied from
 * the list under it, swatches and all) and a caption that says what it shows and where it comes
 * from. Built as one SVG (the drawing nested inside), so the PNG is that SVG rasterised. DOM only.
 */
import { textWidth } from '../loop/text';
import { inlineStyles, SVG_NS, sizeOf, type StandaloneSvg } from './svg';

export interface FrameText {
  readonly title: string;
  readonly subtitle: string;
  /** Under the picture: what it shows and where it comes from (wrapped to the width). */
  readonly caption: string;
}

export interface LegendItem {
  /** The swatch as drawn on the page (copied with its computed styles), or null. */
  readonly swatch: SVGSVGElement | null;
  readonly text: string;
}

const PAD = 20;
const TITLE_PX = 20;
const SUBTITLE_PX = 14;
const LEGEND_PX = 13;
const CAPTION_PX = 12.5;
const MIN_WIDTH = 640;

/** Lines of at most `width` px at `fontPx` (estimated), broken at spaces. */
export function wrapText(text: string, width: number, fontPx: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(next, fontPx) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function themeColour(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v === '' ? fallback : v;
}

function el(doc: Document, name: string, attrs: Record<string, string | number>): Element {
  const e = doc.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function textEl(doc: Document, content: string, attrs: Record<string, string | number>): Element {
  const t = el(doc, 'text', attrs);
  t.textContent = content;
  return t;
}

/** The legend items under a loop figure or a legend host (their swatches and words), or none. */
export function legendOf(figure: Element): LegendItem[] {
  return [...figure.querySelectorAll('.fw-loop__legend li, [data-export-legend] li')].map((li) => ({
    swatch: li.querySelector('svg'),
    text: li.textContent?.trim() ?? '',
  }));
}

/**
 * The framed picture: `drawing` (an <svg> on the page) under `text.title` and `text.subtitle`,
 * `legend` in a row (wrapping) under it, then the caption; `background` behind everything (or
 * transparent when null).
 */
export function framedSvg(
  drawing: SVGSVGElement,
  text: FrameText,
  legend: readonly LegendItem[],
  background: string | null,
): StandaloneSvg {
  const doc = document;
  const inner = sizeOf(drawing);
  const width = Math.max(MIN_WIDTH, Math.round(inner.width));
  const contentWidth = width - 2 * PAD;
  const fg = themeColour('--fw-fg', '#16191d');
  const muted = themeColour('--fw-muted', '#545b66');
  const font = getComputedStyle(document.documentElement).fontFamily || 'sans-serif';
  const parts: Element[] = [];
  let y = PAD;

  for (const line of wrapText(text.title, contentWidth, TITLE_PX)) {
    y += TITLE_PX * 1.2;
    parts.push(
      textEl(doc, line, { x: PAD, y, 'font-size': TITLE_PX, 'font-weight': 700, fill: fg }),
    );
  }
  for (const line of wrapText(text.subtitle, contentWidth, SUBTITLE_PX)) {
    y += SUBTITLE_PX * 1.35;
    parts.push(textEl(doc, line, { x: PAD, y, 'font-size': SUBTITLE_PX, fill: muted }));
  }
  y += 10;

  // The drawing itself, scaled to the content width (a small chart up to twice its size).
  const scale = Math.min(2, contentWidth / inner.width);
  const drawWidth = inner.width * scale;
  const drawHeight = inner.height * scale;
  const copy = drawing.cloneNode(true) as SVGSVGElement;
  inlineStyles(drawing, copy);
  copy.setAttribute('x', String(PAD + (contentWidth - drawWidth) / 2));
  copy.setAttribute('y', String(y));
  copy.setAttribute('width', String(drawWidth));
  copy.setAttribute('height', String(drawHeight));
  if (!copy.getAttribute('viewBox'))
    copy.setAttribute('viewBox', `0 0 ${inner.width} ${inner.height}`);
  for (const a of ['tabindex', 'role', 'aria-roledescription']) copy.removeAttribute(a);
  parts.push(copy);
  y += drawHeight + 8;

  // The legend: swatch and words, left to right, wrapping.
  let x = PAD;
  if (legend.length > 0) y += LEGEND_PX * 1.2;
  for (const item of legend) {
    const itemWidth = 30 + textWidth(item.text, LEGEND_PX) + 18;
    if (x > PAD && x + itemWidth > width - PAD) {
      x = PAD;
      y += LEGEND_PX * 1.6;
    }
    if (item.swatch) {
      const swatch = item.swatch.cloneNode(true) as SVGSVGElement;
      inlineStyles(item.swatch, swatch);
      swatch.setAttribute('x', String(x));
      swatch.setAttribute('y', String(y - LEGEND_PX * 0.8));
      swatch.setAttribute('width', '24');
      swatch.setAttribute('height', '12');
      swatch.setAttribute('overflow', 'visible');
      parts.push(swatch);
    }
    parts.push(textEl(doc, item.text, { x: x + 30, y, 'font-size': LEGEND_PX, fill: muted }));
    x += itemWidth;
  }
  if (legend.length > 0) y += 6;

  for (const line of wrapText(text.caption, contentWidth, CAPTION_PX)) {
    y += CAPTION_PX * 1.4;
    parts.push(textEl(doc, line, { x: PAD, y, 'font-size': CAPTION_PX, fill: muted }));
  }
  const height = Math.ceil(y + PAD);

  const root = doc.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', font);
  const title = el(doc, 'title', {});
  title.textContent = text.title;
  root.append(title);
  if (background !== null)
    root.append(el(doc, 'rect', { x: 0, y: 0, width, height, fill: background }));
  root.append(...parts);
  const serialized = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`;
  return { text: serialized, width, height };
}
