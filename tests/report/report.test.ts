import { describe, expect, it } from 'vitest';
import {
  compareWithWithout,
  KPI_INFO,
  PARAMETERS,
  pointAt,
  withoutPreset,
  withPreset,
  type Scenario,
} from '../../simulation';
import { buildLoopFrame } from '../../renderer/loop';
import { changedCount, parameterGroups } from '../../renderer/report/assumptions';
import { reportHtml } from '../../renderer/report/html';
import { kpiRows } from '../../renderer/report/kpi-rows';
import { formatValues } from '../../renderer/format/format';
import { runCommandFor } from '../../renderer/report/reproduce';
import { chartRules, cssBlocks, lightThemeRule } from '../../renderer/report/styles';
import { summarize } from '../../renderer/report/summary';
import { appStyles, reportProps } from './fixture';

const HOSTILE = '<img src=x onerror=alert(1)>';

describe('summary', () => {
  it('says when and by how much with overtakes without, from the numbers', () => {
    const c = compareWithWithout(withPreset(), { backend: 'codegen' });
    const s = summarize(c);
    expect(s.map((x) => x.id)).toEqual([
      'overtake',
      'payback-with-only',
      'self-sustaining',
      'horizon',
    ]);
    expect(s[0]!.text).toContain(`in week ${c.differences!.overtakeWeek}`);
    expect(s[1]!.text).toContain(`week ${c.runs[0]!.kpis.paybackWeek}`);
    expect(s[1]!.text).toContain('without data products it never pays back');
    for (const x of s) expect(x.text).not.toMatch(/[{}]|NaN|undefined/);
  });

  it('says there is nothing to compare when the scenario has no data products', () => {
    const s = summarize(compareWithWithout(withoutPreset(), { backend: 'codegen' }));
    expect(s.map((x) => x.id)).toEqual(['single-run']);
  });

  it('chooses the sentence by the numbers when with never stays ahead', () => {
    const base = withPreset();
    const short: Scenario = { ...base, simulation: { ...base.simulation, weeks: 12 } };
    const c = compareWithWithout(short, { backend: 'codegen' });
    expect(c.differences!.overtakeWeek).toBeNull();
    const s = summarize(c);
    expect(s[0]!.id).toBe('no-overtake');
    expect(s[1]!.id).toBe('payback-neither');
    expect(s[2]!.id).toBe('not-self-sustaining');
  });
});

describe('assumptions', () => {
  it('lists every registry parameter and marks exactly the changed ones', () => {
    const s = withPreset();
    const name = PARAMETERS[3]!.name;
    const changed: Scenario = {
      ...s,
      parameters: { ...s.parameters, [name]: PARAMETERS[3]!.default + 1 },
    };
    const rows = parameterGroups(changed).flatMap((g) => g.rows);
    expect(rows.map((r) => r.name).sort()).toEqual(PARAMETERS.map((p) => p.name).sort());
    expect(rows.find((r) => r.name === name)!.cell.changed).toBe(true);
    const before = parameterGroups(s)
      .flatMap((g) => g.rows)
      .filter((r) => r.cell.changed).length;
    expect(rows.filter((r) => r.cell.changed).length).toBe(
      before + (s.parameters[name] === PARAMETERS[3]!.default ? 1 : 0),
    );
    expect(changedCount(changed)).toBeGreaterThanOrEqual(rows.filter((r) => r.cell.changed).length);
  });
});

describe('KPI table', () => {
  it('has every KPI_INFO label, formatted as the app formats it', () => {
    const c = compareWithWithout(withPreset(), { backend: 'codegen' });
    const rows = kpiRows(c.runs, c.differences);
    for (const key of Object.keys(KPI_INFO) as (keyof typeof KPI_INFO)[]) {
      const row = rows.find((r) => r.key === key)!;
      expect(row.label).toBe(KPI_INFO[key].label);
      // With and without side by side, on one scale (as the app's cards show them).
      const pair = formatValues([c.runs[0]!.kpis[key], c.runs[1]!.kpis[key]], KPI_INFO[key].unit);
      expect([row.withText, row.withoutText]).toEqual(pair);
    }
  });
});

describe('report HTML', () => {
  it('is self-contained, escapes user text and carries the reproducibility block', () => {
    const s = withPreset();
    const hostile: Scenario = { ...s, name: HOSTILE, description: `"quoted" & <b>bold</b>` };
    const html = reportHtml(reportProps(hostile), appStyles());
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|<img|<link|<iframe|dangerouslySetInnerHTML/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain(
      runCommandFor({ kind: 'preset', preset: 'with' }, hostile).replace(/'/g, '&#x27;'),
    );
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(8 + 2);
  });
});

describe('report loop', () => {
  it('draws the loop at the chosen week with full cards: every sub-item row of both runs', () => {
    const props = reportProps(withPreset(), 104);
    const html = reportHtml(props, appStyles());
    const section = html.slice(
      html.indexOf('id="report-loop"'),
      html.indexOf('id="report-assumptions"'),
    );
    expect(section).toContain('The flywheel at week 104');
    const [withRun, withoutRun] = props.comparison.runs;
    const index = pointAt(withRun!, 104);
    const escape = (t: string): string =>
      t
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/'/g, '&#x27;')
        .replace(/"/g, '&quot;');
    const frames = [
      buildLoopFrame(withRun!, index, withRun!),
      buildLoopFrame(withoutRun!, index, withRun!),
    ];
    // Full cards: every row is drawn (its description as its tooltip), every column heading too.
    const items = frames.flatMap((f) => f.steps.flatMap((s) => s.items));
    expect(items.length).toBeGreaterThan(10);
    for (const item of items)
      expect(section, item.id).toContain(
        `<g class="fw-loop__row"><title>${escape(item.description)}</title>`,
      );
    expect((section.match(/<g class="fw-loop__row">/g) ?? []).length).toBe(items.length);
    for (const column of frames.flatMap((f) => f.steps.flatMap((s) => s.columns)))
      expect(section).toContain(`>${escape(column)}</text>`);
  });
});

describe('report stylesheet', () => {
  it('takes the chart rules from app.css and the light theme from theme.css', () => {
    const { app, theme } = appStyles();
    const rules = chartRules(app);
    expect(rules.length).toBeGreaterThan(5);
    for (const r of rules) expect(r).toMatch(/^[^{]*\.fw-(chart|series|fitchart)/);
    expect(lightThemeRule(theme)).toMatch(/--fw-with:/);
    expect(cssBlocks('a{b:c} @media x { d { e:f } } g{}').map((b) => b.prelude)).toEqual([
      'a',
      '@media x',
      'g',
    ]);
  });
});

describe('assumptions against the built-in default scenario', () => {
  it('marks nothing in the default scenario, and exactly the product, consumer and template values changed', async () => {
    const { dataProductTable, aiConsumerTable, ownPipelineTable } =
      await import('../../renderer/report/assumptions');
    const s = withPreset();
    expect(changedCount(s)).toBe(0);
    const edited: Scenario = {
      ...s,
      dataProducts: s.dataProducts.map((d, i) =>
        i === 1 ? { ...d, maturity: { ...d.maturity, quality: d.maturity.quality / 2 } } : d,
      ),
      aiConsumers: s.aiConsumers.map((c, i) => (i === 0 ? { ...c, devWeeks: c.devWeeks + 3 } : c)),
      ownPipeline: { ...s.ownPipeline, buildWeeks: s.ownPipeline.buildWeeks + 1 },
    };
    expect(changedCount(edited)).toBe(3);
    const quality = dataProductTable(edited).rows[1]!.cells.find((_, i) => i === 7)!;
    expect(quality.changed).toBe(true);
    expect(Number(quality.defaultText)).toBe(s.dataProducts[1]!.maturity.quality);
    expect(aiConsumerTable(edited).rows[0]!.cells.filter((c) => c.changed)).toHaveLength(1);
    expect(ownPipelineTable(edited).rows[0]!.cells.filter((c) => c.changed)).toHaveLength(1);
    // A product the built-in scenario does not have is compared with a new product's defaults.
    const added: Scenario = {
      ...s,
      dataProducts: [...s.dataProducts, { ...s.dataProducts[0]!, id: 'pricing', name: 'Pricing' }],
    };
    expect(changedCount(added)).toBeGreaterThan(0);
  });
});
