import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { buildLoopFrame, LoopPair, LoopView, PARTICLES } from '../../renderer/loop';
import { createAnimationClock } from '../../renderer/animation/clock';
import { OPACITY_STEPS } from '../../renderer/loop/ParticleLayer';
import { defaultRuns } from './fixtures';

function frames(k: number) {
  const { withRun, withoutRun } = defaultRuns();
  return {
    with: buildLoopFrame(withRun, k, withRun),
    without: buildLoopFrame(withoutRun, k, withRun),
  };
}

const count = (html: string, pattern: RegExp): number => (html.match(pattern) ?? []).length;

/** A clock that never ticks: server rendering must not need one to run. */
const stillClock = createAnimationClock(
  () => 0,
  () => undefined,
  () => 0,
);

function render(reducedMotion: boolean, k = 80, variant: 'with' | 'without' = 'without'): string {
  return renderToStaticMarkup(
    createElement(LoopView, {
      frame: frames(k)[variant],
      title: variant === 'with' ? 'With data products' : 'Without data products',
      variant,
      reducedMotion,
      clock: stillClock,
    }),
  );
}

describe('LoopView markup', () => {
  it('is a figure titled and described by the current values', () => {
    const html = render(false);
    expect(html).toMatch(/^<figure class="fw-loop fw-loop--without"/);
    expect(html).toContain('aria-labelledby="fw-loop-title-');
    const description = frames(80).without.description;
    expect(html).toContain(`>${description.replace(/&/g, '&amp;')}</p>`);
    expect(html).toContain('Without data products');
    expect(html).toContain('week 80');
  });

  it('has five focusable, labelled steps', () => {
    const html = render(false);
    expect(count(html, /tabindex="0"/g)).toBe(5);
    expect(count(html, /aria-roledescription="loop step"/g)).toBe(5);
    for (const step of frames(80).without.steps) {
      expect(html).toContain(`data-step="${step.id}"`);
      expect(html).toContain(step.title);
    }
  });

  it('animates particles, drawn between the tracks and the cards, tracks solid', () => {
    const html = render(false);
    // Per arc: one path per opacity step for flowing dots and for falling rings.
    expect(count(html, /<path class="fw-loop__particle"/g)).toBe(5 * OPACITY_STEPS);
    expect(count(html, /<path class="fw-loop__particle fw-loop__particle--leak"/g)).toBe(
      5 * OPACITY_STEPS,
    );
    expect(count(html, new RegExp(`data-capacity="${PARTICLES.capacityPerArc}"`, 'g'))).toBe(5);
    expect(html.indexOf('fw-loop__particle')).toBeGreaterThan(html.indexOf('fw-loop__track'));
    expect(html.indexOf('fw-loop__particle')).toBeLessThan(html.indexOf('fw-loop__card'));
    expect(html).not.toContain('stroke-dasharray="');
  });

  it('with reduced motion: no particles, the leak as gaps in the track, rates as labels', () => {
    const html = render(true);
    expect(html).not.toContain('fw-loop__particle');
    expect(html).toContain('fw-loop--static');
    const frame = frames(80).without;
    // The data-to-AI arc loses most of its data: its three lanes are mostly gap.
    const leak = frame.arcs[1]!.leakFraction;
    const dash = `${(14 * (1 - leak)).toFixed(2)} ${(14 * leak).toFixed(2)}`;
    expect(count(html, new RegExp(`stroke-dasharray="${dash}"`, 'g'))).toBe(3);
    for (const arc of frame.arcs) expect(html).toContain(arc.amountText);
    expect(html).toContain(`${Math.round(leak * 100)}% lost · quality, downtime`);
  });

  it('track width follows the flow: the with loop is thicker where it carries more', () => {
    const width = (html: string, arc: string): number => {
      const group = html.split(`data-arc="${arc}"`)[1]!;
      return Number(/stroke-width="([0-9.]+)"/.exec(group)![1]);
    };
    const withHtml = render(true, 120, 'with');
    const withoutHtml = render(true, 120, 'without');
    expect(width(withHtml, 'consumers')).toBeGreaterThan(width(withoutHtml, 'consumers'));
    expect(width(withHtml, 'experience')).toBeGreaterThan(width(withoutHtml, 'experience'));
  });

  it('highlights one step and dims the others', () => {
    const html = renderToStaticMarkup(
      createElement(LoopView, {
        frame: frames(80).with,
        title: 'With',
        variant: 'with',
        reducedMotion: true,
        highlight: 'consumers',
      }),
    );
    expect(count(html, /fw-loop__step--highlight/g)).toBe(1);
    expect(count(html, /fw-loop__step--dim/g)).toBe(4);
    expect(html).toMatch(/fw-loop__step fw-loop__step--highlight[^>]*data-step="consumers"/);
  });

  it('makes steps buttons when the view can select them', () => {
    const html = renderToStaticMarkup(
      createElement(LoopView, {
        frame: frames(80).with,
        title: 'With',
        variant: 'with',
        reducedMotion: true,
        onSelectStep: () => undefined,
      }),
    );
    expect(count(html, /role="button"/g)).toBe(5);
    expect(count(html, /aria-pressed="false"/g)).toBe(5);
  });

  it('never writes inline style attributes (the page CSP forbids them)', () => {
    for (const reduced of [false, true]) expect(render(reduced)).not.toMatch(/ style="/);
  });

  it("shows the run's own product and consumer names, renamed or not", () => {
    const { withRun } = defaultRuns();
    const html = render(true, 80, 'with');
    for (const p of withRun.scenario.dataProducts) {
      expect(html).toContain(`${p.name}: `); // the row's full description (title)
    }
  });
});

describe('compact cards (a loop drawn small)', () => {
  it('show each step with its headline in lines, no rows, and keep the full description', () => {
    const frame = frames(80).without;
    const html = renderToStaticMarkup(
      createElement(LoopView, {
        frame,
        title: 'Without',
        variant: 'without',
        reducedMotion: true,
        detail: 'compact',
      }),
    );
    expect(html).toContain('fw-loop--compact');
    expect(html).not.toContain('fw-loop__row');
    expect(html).toContain('>Siloed pipelines</text>');
    expect(html).toContain('8 siloed pipelines from raw data');
    for (const step of frame.steps) expect(html).toContain(`aria-label="${step.description}"`);
  });

  it('are not used before the view has been measured (server rendering)', () => {
    expect(render(true)).not.toContain('fw-loop--compact');
  });
});

describe('LoopPair', () => {
  const pair = (mode: 'side-by-side' | 'with' | 'without', withoutNull = false): string =>
    renderToStaticMarkup(
      createElement(LoopPair, {
        frames: withoutNull ? { with: frames(30).with, without: null } : frames(30),
        mode,
        reducedMotion: true,
      }),
    );

  it('shows both loops side by side, or one of them', () => {
    expect(count(pair('side-by-side'), /<figure/g)).toBe(2);
    expect(pair('side-by-side')).toContain('fw-loop-pair--two');
    expect(count(pair('with'), /<figure/g)).toBe(1);
    expect(pair('with')).toContain('fw-loop--with');
    expect(pair('without')).toContain('fw-loop--without');
    expect(pair('without')).not.toContain('fw-loop--with"');
  });

  it('falls back to the with loop when there is no without run', () => {
    const html = pair('without', true);
    expect(count(html, /<figure/g)).toBe(1);
    expect(html).toContain('fw-loop--with');
  });
});
