/** The report's "What drives the flywheel": both runs' dominance timelines and the shifts, from the analysis. */
import { describe, expect, it } from 'vitest';
import { withPreset } from '../../simulation';
import { loopDominance } from '../../simulation/analysis/loop-dominance';
import { dominanceShifts } from '../../simulation/analysis/loops';
import { reportHtml } from '../../renderer/report/html';
import { appStyles, reportProps } from './fixture';

describe('What drives the flywheel', () => {
  const html = reportHtml(reportProps(withPreset(), 80), appStyles());
  const d = loopDominance(withPreset(), { settings: { mode: 'expected' } });
  const section = html.slice(
    html.indexOf('id="report-drivers"'),
    html.indexOf('id="report-assumptions"') > 0
      ? html.indexOf('id="report-assumptions"')
      : undefined,
  );

  it('draws the dominance timeline of both runs at the report week', () => {
    expect(html).toContain('What drives the flywheel');
    expect(section.match(/class="fw-dominance__svg"/g)).toHaveLength(2);
    expect(section).toContain('data-run="with"');
    expect(section).toContain('data-run="without"');
    expect(section).toContain('data-week="80"');
  });

  it('lists every week where the leading loop changes, in both runs', () => {
    const shifts = d.runs.flatMap((r) => dominanceShifts(r.loops).filter((s) => s.from !== null));
    expect(shifts.length).toBeGreaterThan(0);
    const table = section.slice(section.indexOf('data-testid="report-shifts"'));
    expect(table.match(/<tr>/g)!.length - 1).toBe(shifts.length);
    for (const s of shifts) expect(table).toContain(`<td>${s.week}</td>`);
  });
});
