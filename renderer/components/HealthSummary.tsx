/** A data product's health at the week on screen (from the `with` run): quality, trust, availability. */
import type { ReactElement } from 'react';
import { useStore } from 'zustand';
import { formatPercent, formatWeek } from '../format/format';
import { pointIndexOf, playbackStore } from '../state/playback';
import { resultsStore } from '../state/results';
import { selectProductHealth, selectWeek } from '../state/selectors';

export function HealthSummary({ productId }: { readonly productId: string }): ReactElement {
  const run = useStore(resultsStore, (s) => s.comparison?.runs[0] ?? null);
  const pointIndex = useStore(playbackStore, pointIndexOf);
  const health = selectProductHealth(run, productId, pointIndex);
  const week = formatWeek(selectWeek(run, pointIndex));
  if (!health) {
    return (
      <p className="fw-health fw-health--pending" data-testid="health">
        Health appears after the next run.
      </p>
    );
  }
  const meters: readonly [string, number][] = [
    ['Quality', health.quality],
    ['Trust', health.trust],
    ['Availability', health.availability],
  ];
  return (
    <div
      className="fw-health"
      data-testid="health"
      aria-label={`Health at week ${week}`}
      role="group"
    >
      <p className="fw-health__status">
        {health.live ? 'Live' : 'Being built'} at week {week}
        {health.live ? ` · ${health.incidentsPerWeek.toFixed(2)} incidents/week` : ''}
      </p>
      <dl className="fw-health__meters">
        {meters.map(([label, value]) => (
          <div key={label} className="fw-health__meter">
            <dt>
              {label} <span className="fw-health__value">{formatPercent(value, 0)}</span>
            </dt>
            <dd>
              <span
                className="fw-bar"
                role="meter"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(value * 100)}
                aria-valuetext={formatPercent(value)}
                aria-label={label}
              >
                <span
                  className="fw-bar__fill"
                  style={{ width: `${Math.max(0, Math.min(1, value)) * 100}%` }}
                />
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
