/**
 * Measuring text on stage in the browser: every visible text of the loops (SVG text and tspans,
 * and the figure's HTML title and legend), its computed font size times the SVG's scale on screen
 * (getScreenCTM), in CSS px and as the equivalent on a 1080-pixel-high screen.
 */
import type { Page } from 'playwright-core';

// The page scripts are strings: a transpiler's helpers (tsx names functions with __name) do not
// exist in the page.

export interface StageText {
  readonly text: string;
  readonly className: string;
  /** Font size on screen, CSS px. */
  readonly px: number;
  /** The same share of the screen's height on a 1080p screen. */
  readonly px1080: number;
}

/** The loops' texts on stage, smallest first (empty when no loop is on stage). */
export async function loopTextSizes(page: Page): Promise<StageText[]> {
  return (await page.evaluate(`(() => {
    const out = [];
    const k = 1080 / window.innerHeight;
    function visible(el) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') return false;
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    }
    for (const figure of document.querySelectorAll('[data-testid="present"] figure.fw-loop')) {
      const svg = figure.querySelector('svg.fw-loop__svg');
      const scale = svg?.getScreenCTM()?.a ?? 1;
      for (const el of figure.querySelectorAll('svg.fw-loop__svg text, svg.fw-loop__svg tspan')) {
        // A text whose words are all in tspans is measured through them.
        const own = [...el.childNodes].some(
          (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
        );
        if (!own || !visible(el)) continue;
        const px = parseFloat(getComputedStyle(el).fontSize) * scale;
        out.push({
          text: (el.textContent ?? '').trim(),
          className: el.getAttribute('class') ?? '',
          px,
          px1080: px * k,
        });
      }
      for (const el of figure.querySelectorAll('figcaption span, .fw-loop__legend li')) {
        if (!visible(el)) continue;
        const px = parseFloat(getComputedStyle(el).fontSize);
        out.push({
          text: (el.textContent ?? '').trim(),
          className: el.getAttribute('class') ?? el.tagName.toLowerCase(),
          px,
          px1080: px * k,
        });
      }
    }
    return out.sort((a, b) => a.px - b.px);
  })()`)) as StageText[];
}

export interface Overlap {
  readonly a: string;
  readonly b: string;
  readonly area: number;
}

/**
 * Pairs of loop texts on stage whose boxes on screen (their inner 70% in height, where the ink
 * is) overlap by more than `minArea` px².
 */
export async function loopTextOverlaps(page: Page, minArea = 4): Promise<Overlap[]> {
  return (await page.evaluate(`((min) => {
    const boxes = [];
    for (const figure of document.querySelectorAll('[data-testid="present"] figure.fw-loop')) {
      for (const el of figure.querySelectorAll('svg.fw-loop__svg text')) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.height > 0)
          boxes.push({ text: (el.textContent ?? '').trim(), box });
      }
    }
    const out = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].box;
        const b = boxes[j].box;
        // Boxes run from the font's ascent to its descent: the inner 70% holds the ink.
        const inset = (r) => ({ top: r.top + 0.15 * r.height, bottom: r.bottom - 0.15 * r.height });
        const ai = inset(a);
        const bi = inset(b);
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(ai.bottom, bi.bottom) - Math.max(ai.top, bi.top);
        if (w > 0 && h > 0 && w * h > min)
          out.push({ a: boxes[i].text, b: boxes[j].text, area: Math.round(w * h) });
      }
    }
    return out;
  })(${minArea})`)) as Overlap[];
}

/** Loop texts on stage that stick out of the window (clipped), by more than 1 px. */
export async function loopTextsOutside(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const out = [];
    for (const el of document.querySelectorAll(
      '[data-testid="present"] figure.fw-loop svg.fw-loop__svg text',
    )) {
      const box = el.getBoundingClientRect();
      if (box.width === 0) continue;
      if (
        box.left < -1 ||
        box.top < -1 ||
        box.right > window.innerWidth + 1 ||
        box.bottom > window.innerHeight + 1
      )
        out.push((el.textContent ?? '').trim());
    }
    return out;
  })()`)) as string[];
}

/** The stage charts' texts (ticks, axis titles, legends): smallest first, in px and at 1080p. */
export async function chartTextSizes(page: Page): Promise<StageText[]> {
  return (await page.evaluate(`(() => {
    const k = 1080 / window.innerHeight;
    return [...document.querySelectorAll('[data-testid="present-charts"] svg text')]
      .filter((t) => t.getBoundingClientRect().width > 0)
      .map((t) => {
        const px = parseFloat(getComputedStyle(t).fontSize) * (t.ownerSVGElement.getScreenCTM()?.a ?? 1);
        return { text: (t.textContent || '').trim(), className: t.getAttribute('class') || '', px, px1080: px * k };
      })
      .sort((a, b) => a.px - b.px);
  })()`)) as StageText[];
}

export interface RingCrossing {
  readonly variant: string;
  readonly text: string;
  /** How far into the ring's track the label's box reaches (view-box units). */
  readonly depth: number;
}

/**
 * Rate labels on stage whose box (the inner 70% of its height, where the ink is) crosses the
 * ring's track: the circle through the five step dots, widened by half the widest track.
 */
export async function labelsOnRing(page: Page): Promise<RingCrossing[]> {
  return (await page.evaluate(`(() => {
    const out = [];
    for (const figure of document.querySelectorAll('[data-testid="present"] figure.fw-loop')) {
      const dots = [...figure.querySelectorAll('.fw-loop__dot')].map((g) => {
        const m = /translate\\(([-\\d.]+)[ ,]+([-\\d.]+)\\)/.exec(g.getAttribute('transform') ?? '');
        return { x: Number(m[1]), y: Number(m[2]) };
      });
      if (dots.length < 3) continue;
      const cx = dots.reduce((s, d) => s + d.x, 0) / dots.length;
      const cy = dots.reduce((s, d) => s + d.y, 0) / dots.length;
      const r = dots.reduce((s, d) => s + Math.hypot(d.x - cx, d.y - cy), 0) / dots.length;
      let half = 0;
      for (const p of figure.querySelectorAll('.fw-loop__track'))
        half = Math.max(half, parseFloat(p.getAttribute('stroke-width') ?? '0') / 2);
      for (const t of figure.querySelectorAll('.fw-loop__rates text')) {
        const b = t.getBBox();
        if (b.width === 0) continue;
        const top = b.y + b.height * 0.15;
        const bottom = b.y + b.height * 0.85;
        const nx = Math.max(b.x, Math.min(cx, b.x + b.width));
        const ny = Math.max(top, Math.min(cy, bottom));
        const near = Math.hypot(nx - cx, ny - cy);
        let far = 0;
        for (const x of [b.x, b.x + b.width]) for (const y of [top, bottom])
          far = Math.max(far, Math.hypot(x - cx, y - cy));
        const depth = Math.min(r + half - near, far - (r - half));
        if (near < r + half && far > r - half)
          out.push({ variant: figure.getAttribute('data-variant'), text: (t.textContent ?? '').trim(), depth: Math.round(depth) });
      }
    }
    return out;
  })()`)) as RingCrossing[];
}

/**
 * The lowest contrast ratio (WCAG) of a dimmed word on stage (a step or rate label the story does
 * not point at) against the page, its fill blended by every opacity above it; null when nothing
 * is dimmed.
 */
export async function dimmedTextContrast(
  page: Page,
): Promise<{ text: string; ratio: number } | null> {
  return (await page.evaluate(`(() => {
    const rgb = (s) => (s.match(/[\\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => {
      const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const probe = document.createElement('div');
    probe.style.color = 'var(--fw-bg)';
    document.body.append(probe);
    const bg = rgb(getComputedStyle(probe).color);
    probe.remove();
    let worst = null;
    const els = document.querySelectorAll(
      '[data-testid="present"] .fw-loop__step--dim text, [data-testid="present"] .fw-loop__rate-group--dim text, [data-testid="present"] .fw-loop__rate-group--dim tspan');
    for (const el of els) {
      if (!(el.textContent ?? '').trim()) continue;
      let alpha = 1;
      for (let n = el; n && n.tagName !== 'svg'; n = n.parentElement)
        alpha *= Number(getComputedStyle(n).opacity);
      const fill = rgb(getComputedStyle(el).fill);
      const seen = fill.map((c, i) => c * alpha + bg[i] * (1 - alpha));
      const [a, b] = [lum(seen), lum(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      if (!worst || ratio < worst.ratio) worst = { text: (el.textContent ?? '').trim(), ratio };
    }
    return worst;
  })()`)) as { text: string; ratio: number } | null;
}
