/**
 * Any <svg> on the page as a standalone SVG file: a deep copy with the computed value of every
 * presentation property written as a presentation attribute on each element (the workspace's CSS
 * classes and custom properties do not travel with the file; attributes, unlike style
 * attributes, pass the page's Content-Security-Policy), explicit size and namespaces. DOM only.
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Properties that decide how SVG content looks. */
const PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
  'display',
  'color',
] as const;

export interface StandaloneSvg {
  readonly text: string;
  /** Size in CSS pixels (from the viewBox, else the element's box). */
  readonly width: number;
  readonly height: number;
}

export function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.viewBox?.baseVal;
  if (box && box.width > 0 && box.height > 0) return { width: box.width, height: box.height };
  const rect = svg.getBoundingClientRect();
  return {
    width: Math.max(1, Math.round(rect.width)),
    height: Math.max(1, Math.round(rect.height)),
  };
}

/** Writes the computed presentation properties of `source` and its descendants onto `target` (a copy). */
export function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  for (const p of PROPERTIES) {
    const value = computed.getPropertyValue(p);
    if (value !== '') target.setAttribute(p, value);
  }
  target.removeAttribute('class');
  target.removeAttribute('style');
  const from = source.children;
  const to = target.children;
  for (let i = 0; i < from.length && i < to.length; i++) inlineStyles(from[i]!, to[i]!);
}

/** A standalone copy of `svg`; `background` paints a rectangle behind the content. */
export function standaloneSvg(svg: SVGSVGElement, background: string | null = null): StandaloneSvg {
  const { width, height } = sizeOf(svg);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, copy);
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  if (!copy.getAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  for (const a of ['tabindex', 'role', 'aria-roledescription']) copy.removeAttribute(a);
  if (background !== null) {
    const rect = copy.ownerDocument.createElementNS(SVG_NS, 'rect');
    const box = copy.viewBox.baseVal;
    rect.setAttribute('x', String(box.x));
    rect.setAttribute('y', String(box.y));
    rect.setAttribute('width', String(box.width));
    rect.setAttribute('height', String(box.height));
    rect.setAttribute('fill', background);
    copy.insertBefore(rect, copy.firstChild);
  }
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
  return { text, width, height };
}
