/**
 * The variants of the scenario, at the top of the assumptions: choose the run to show and edit
 * (the base or a variant), make a new variant, copy, rename, reorder and delete variants, and read
 * what each changes against the base in words. While a variant is shown, every edit in the panel
 * changes that variant only.
 */
import { memo, useMemo, useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { describeChanges, type RunRef, type Scenario, type Variant } from '../../simulation';
import { deleteRun, moveRun, newVariant, renameRun } from '../state/document-edits';
import { runsStore } from '../state/runs';
import { uiStore } from '../state/ui';
import { workspaceStore } from '../state/workspace';
import { runColor } from './colors';
import { RunName } from './RunName';
import { Swatch } from './Swatch';
import './compare.css';

const say = (problem: string | null): void => {
  if (problem) workspaceStore.setState({ notice: problem });
};

/** What a variant changes, in words; remembered per base and changes (not redone on every edit). */
const described = new WeakMap<object, { base: Scenario; lines: string[] }>();
function changesInWords(base: Scenario, v: Variant): string[] {
  const hit = described.get(v.changes);
  if (hit && hit.base === base) return hit.lines;
  const lines = describeChanges(base, v.changes);
  described.set(v.changes, { base, lines });
  return lines;
}

const VariantRow = memo(function VariantRow({
  variant,
  index,
  count,
  shown,
  color,
  base,
}: {
  variant: Variant;
  index: number;
  count: number;
  shown: boolean;
  color: string;
  /** The base (only its identity matters here: the words are recomputed when it changes). */
  base: Scenario;
}): ReactElement {
  const [renaming, setRenaming] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const ref: RunRef = { kind: 'variant', name: variant.name };
  const lines = changesInWords(base, variant);
  const shownLines = expanded ? lines : lines.slice(0, 3);
  return (
    <li className="fw-variant" data-testid={`variant-${variant.name}`}>
      <div className="fw-variant__head">
        {renaming ? (
          <RunName
            value={variant.name}
            label="Variant name"
            onDone={(next) => {
              setRenaming(false);
              if (next !== null && next !== variant.name) say(renameRun(ref, next));
            }}
          />
        ) : (
          <label className="fw-variant__choose">
            <input
              type="radio"
              name="fw-shown-run"
              checked={shown}
              onChange={() => workspaceStore.getState().showVariant(variant.name)}
              data-testid="show-variant"
            />
            <Swatch color={color} />
            <span className="fw-variant__label">{variant.name}</span>
          </label>
        )}
        <span className="fw-variant__tools">
          <button
            type="button"
            className="fw-icon-button"
            title="Rename"
            aria-label={`Rename variant ${variant.name}`}
            onClick={() => setRenaming(true)}
          >
            ✎
          </button>
          <button
            type="button"
            className="fw-icon-button"
            title="Copy as a new variant"
            aria-label={`Copy variant ${variant.name}`}
            data-testid="copy-variant"
            onClick={() => {
              const r = newVariant(ref);
              if ('problem' in r) say(r.problem);
            }}
          >
            +
          </button>
          <button
            type="button"
            className="fw-icon-button"
            title="Move up"
            aria-label={`Move variant ${variant.name} up`}
            disabled={index === 0}
            onClick={() => say(moveRun(ref, -1))}
          >
            ↑
          </button>
          <button
            type="button"
            className="fw-icon-button"
            title="Move down"
            aria-label={`Move variant ${variant.name} down`}
            disabled={index === count - 1}
            onClick={() => say(moveRun(ref, 1))}
          >
            ↓
          </button>
          <button
            type="button"
            className="fw-icon-button"
            title="Delete (undo brings it back)"
            aria-label={`Delete variant ${variant.name}`}
            data-testid="delete-variant"
            onClick={() => say(deleteRun(ref))}
          >
            ×
          </button>
        </span>
      </div>
      <ul className="fw-variant__changes" data-testid="variant-changes">
        {lines.length === 0 ? <li>no changes yet: the same as the scenario</li> : null}
        {shownLines.map((line, i) => (
          <li key={i} className={line.startsWith('Does not apply') ? 'fw-variant__problem' : ''}>
            {line}
          </li>
        ))}
        {lines.length > 3 ? (
          <li>
            <button type="button" className="fw-link-button" onClick={() => setExpanded(!expanded)}>
              {expanded ? 'fewer' : `and ${lines.length - 3} more`}
            </button>
          </li>
        ) : null}
      </ul>
    </li>
  );
});

/** The base, as a new object only when its run inputs change (not on edits of variants). */
function useBase(): Scenario {
  const products = useStore(workspaceStore, (s) => s.doc.dataProducts);
  const consumers = useStore(workspaceStore, (s) => s.doc.aiConsumers);
  const parameters = useStore(workspaceStore, (s) => s.doc.parameters);
  const simulation = useStore(workspaceStore, (s) => s.doc.simulation);
  const own = useStore(workspaceStore, (s) => s.doc.ownPipeline);
  return useMemo(
    () => workspaceStore.getState().doc,
    [products, consumers, parameters, simulation, own],
  );
}

export function VariantsPanel(): ReactElement {
  const variants = useStore(workspaceStore, (s) => s.doc.variants);
  const pinnedRuns = useStore(workspaceStore, (s) => s.doc.pinnedRuns);
  const name = useStore(workspaceStore, (s) => s.doc.name);
  const active = useStore(workspaceStore, (s) => s.activeVariant);
  const external = useStore(runsStore, (s) => s.external);
  const theme = useStore(uiStore, (s) => s.theme);
  const base = useBase();
  const list = variants ?? [];
  const lists = { ...base, variants, pinnedRuns };
  return (
    <section className="fw-variants" aria-labelledby="variants-title" data-testid="variants">
      <h3 id="variants-title" className="fw-variants__title">
        Scenario and variants
      </h3>
      <ul className="fw-variants__list">
        <li className="fw-variant" data-testid="variant-base">
          <div className="fw-variant__head">
            <label className="fw-variant__choose">
              <input
                type="radio"
                name="fw-shown-run"
                checked={active === null}
                onChange={() => workspaceStore.getState().showVariant(null)}
                data-testid="show-base"
              />
              <Swatch color={runColor({ kind: 'base' }, lists, external, theme)} />
              <span className="fw-variant__label">{name}</span>
            </label>
          </div>
          <ul className="fw-variant__changes">
            <li>the scenario itself: variants are changes against it</li>
          </ul>
        </li>
        {list.map((v, i) => (
          <VariantRow
            key={v.name}
            variant={v}
            index={i}
            count={list.length}
            shown={active === v.name}
            color={runColor({ kind: 'variant', name: v.name }, lists, external, theme)}
            base={base}
          />
        ))}
      </ul>
      <button
        type="button"
        className="fw-button"
        data-testid="new-variant"
        onClick={() => {
          const r = newVariant(
            active === null ? { kind: 'base' } : { kind: 'variant', name: active },
          );
          if ('problem' in r) say(r.problem);
        }}
        title={
          active === null
            ? 'A variant of the scenario: its edits are kept as changes against the scenario'
            : `A copy of '${active}'`
        }
      >
        New variant
      </button>
      {active !== null ? (
        <p className="fw-variants__editing" data-testid="editing-variant">
          Showing the variant ‘{active}’: edits below change this variant only. The scenario’s name
          and story belong to the scenario.
        </p>
      ) : null}
    </section>
  );
}
