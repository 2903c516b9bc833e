/**
 * An AI consumer: its name, the data products it uses (checkboxes), the pipelines it builds
 * itself, its impact on the experience levers and its development figures.
 */
import { useState, type ReactElement } from 'react';
import type { AiConsumerSpec, DataProductSpec } from '../../simulation';
import { removeAiConsumer, setUses } from '../state/entities';
import { consumerFields, impactFields } from '../state/fields';
import { workspaceStore } from '../state/workspace';
import { NameField } from './NameField';
import { NumberFieldRow } from './NumberFieldRow';

export interface ConsumerCardProps {
  readonly consumer: AiConsumerSpec;
  readonly index: number;
  readonly products: readonly DataProductSpec[];
}

export function ConsumerCard({ consumer, index, products }: ConsumerCardProps): ReactElement {
  const [impactOpen, setImpactOpen] = useState(false);
  const [devOpen, setDevOpen] = useState(false);
  const ids = { impact: `consumer-${consumer.id}-impact`, dev: `consumer-${consumer.id}-dev` };
  const fields = consumerFields(index, consumer.id);
  const ownPipelines = fields.find((f) => f.path[f.path.length - 1] === 'ownPipelines')!;
  return (
    <article
      className="fw-card"
      data-testid={`consumer-${consumer.id}`}
      aria-label={`AI consumer ${consumer.name}`}
    >
      <header className="fw-card__head">
        <NameField
          path={['aiConsumers', index, 'name']}
          value={consumer.name}
          label="AI consumer name"
        />
        <button
          type="button"
          className="fw-button fw-button--quiet"
          aria-label={`Remove AI consumer ${consumer.name}`}
          onClick={() =>
            workspaceStore
              .getState()
              .edit((d) => removeAiConsumer(d, consumer.id), { label: `Remove ${consumer.name}` })
          }
        >
          Remove
        </button>
      </header>
      <fieldset className="fw-card__group">
        <legend>Uses data products</legend>
        {products.length === 0 ? (
          <p className="fw-card__meta">No data products in this scenario.</p>
        ) : null}
        {products.map((p) => {
          const checked = consumer.uses.includes(p.id);
          return (
            <label key={p.id} className="fw-check">
              <input
                type="checkbox"
                checked={checked}
                onChange={(e) => {
                  const uses = e.currentTarget.checked;
                  workspaceStore.getState().edit((d) => setUses(d, consumer.id, p.id, uses), {
                    label: `${consumer.name} ${uses ? 'uses' : 'stops using'} ${p.name}`,
                  });
                }}
              />
              {p.name}
            </label>
          );
        })}
      </fieldset>
      <NumberFieldRow field={ownPipelines} owner={consumer.name} compact />
      <button
        type="button"
        className="fw-disclosure"
        aria-expanded={impactOpen}
        aria-controls={ids.impact}
        onClick={() => setImpactOpen(!impactOpen)}
      >
        Impact on the experience
      </button>
      <div id={ids.impact} hidden={!impactOpen}>
        {impactFields(index, consumer.id).map((f) => (
          <NumberFieldRow key={f.key} field={f} owner={consumer.name} compact />
        ))}
      </div>
      <button
        type="button"
        className="fw-disclosure"
        aria-expanded={devOpen}
        aria-controls={ids.dev}
        onClick={() => setDevOpen(!devOpen)}
      >
        Development and running
      </button>
      <div id={ids.dev} hidden={!devOpen}>
        {fields
          .filter((f) => f !== ownPipelines)
          .map((f) => (
            <NumberFieldRow key={f.key} field={f} owner={consumer.name} compact />
          ))}
      </div>
    </article>
  );
}
