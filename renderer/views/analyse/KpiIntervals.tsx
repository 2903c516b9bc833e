/**
 * The KPI cards of a Monte Carlo run: each KPI's median with and without data products and the
 * range of the middle 90% of draws, the difference's median and range, and how often the run with
 * data products comes out better. Numbers carry words, not colour alone.
 */
import type { ReactElement } from 'react';
import { KPI_INFO, type KpiPercentiles, type WinShares } from '../../../simulation';
import { formatDelta, formatPercent, formatValue, isCountUnit } from '../../format/format';
import type { UncertaintySnapshot } from '../../analysis/mc-snapshot';
import { CARD_KPIS } from '../../state/selectors';

const isWeek = (unit: string): boolean => unit === 'week' || unit === 'weeks';

/** A percentile as a card shows it; a week never reached is "never". */
function at(v: number | null, unit: string): string {
  return v === null && isWeek(unit) ? 'never' : formatValue(v, unit, false);
}

function range(p: KpiPercentiles, unit: string): string {
  return `90%: ${at(p.p5, unit)} – ${at(p.p95, unit)}`;
}

function reachedNote(p: KpiPercentiles): string | null {
  if (p.nullShare === 0) return null;
  return `never in ${formatPercent(p.nullShare, 0)} of draws`;
}

function winText(w: WinShares): string {
  return `With better in ${formatPercent(w.withBetter, 0)} of draws`;
}

function differenceText(d: KpiPercentiles, unit: string): string {
  if (d.p50 === null) return 'difference: not defined in most draws (a week never reached)';
  const r =
    d.p5 === null || d.p95 === null
      ? ''
      : ` (${formatDelta(d.p5, unit)} – ${formatDelta(d.p95, unit)})`;
  return `difference ${formatDelta(d.p50, unit)}${r}`;
}

function Row({ name, p, unit }: { name: string; p: KpiPercentiles; unit: string }): ReactElement {
  const note = reachedNote(p);
  return (
    <div className={`fw-kpi__row fw-kpi__row--${name === 'With' ? 'with' : 'without'}`}>
      <dt>{name}</dt>
      <dd>
        <span className="fw-interval__median">{at(p.p50, unit)}</span>
        <span className="fw-interval__range">{range(p, unit)}</span>
        {note ? <span className="fw-interval__range">{note}</span> : null}
      </dd>
    </div>
  );
}

export function KpiIntervals({ snapshot }: { snapshot: UncertaintySnapshot }): ReactElement {
  const [withP, withoutP] = snapshot.kpiPercentiles;
  return (
    <div className="fw-kpis fw-kpis--intervals" data-testid="mc-kpis" data-draws={snapshot.draws}>
      {CARD_KPIS.map(({ id }) => {
        const { label, unit } = KPI_INFO[id];
        const w = withP?.[id];
        const wo = withoutP?.[id];
        const d = snapshot.differencePercentiles?.[id];
        const win = snapshot.wins?.[id];
        const tone = !win
          ? 'even'
          : win.withBetter > 0.5
            ? 'good'
            : win.withoutBetter > 0.5
              ? 'bad'
              : 'even';
        return (
          <div
            key={id}
            className="fw-kpi fw-kpi--interval"
            role="group"
            aria-label={label}
            data-testid={`mc-kpi-${id}`}
            data-with-p50={w?.p50 ?? ''}
            data-without-p50={wo?.p50 ?? ''}
            data-difference-p50={d?.p50 ?? ''}
            data-with-better={win?.withBetter ?? ''}
          >
            <h3 className="fw-kpi__label">
              {label}
              {isCountUnit(unit) ? ` (${unit})` : ''}
            </h3>
            <dl className="fw-kpi__values">
              {w ? <Row name="With" p={w} unit={unit} /> : null}
              {wo ? <Row name="Without" p={wo} unit={unit} /> : null}
            </dl>
            {win ? (
              <p className={`fw-kpi__delta fw-kpi__delta--${tone}`} data-testid="mc-kpi-win">
                {winText(win)}
              </p>
            ) : null}
            {d ? <p className="fw-interval__difference">{differenceText(d, unit)}</p> : null}
          </div>
        );
      })}
    </div>
  );
}
