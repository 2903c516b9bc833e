/**
 * The scenario panel, grouped the way an architect thinks: market, customers, data products,
 * AI consumers, economics, simulation. Every field comes from the model's registries.
 */
import { useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { ownPipelineReference } from '../../simulation';
import { addAiConsumer, addDataProduct, MAX_ENTITIES } from '../state/entities';
import {
  SECTIONS,
  maturityFields,
  ownPipelineFields,
  parameterFields,
  simulationFields,
  type SectionId,
} from '../state/fields';
import { BulkEdit } from '../compare/BulkEdit';
import { VariantsPanel } from '../compare/VariantsPanel';
import { QuickStartDialog } from '../quickstart/QuickStartDialog';
import { uiStore } from '../state/ui';
import { workspaceStore } from '../state/workspace';
import { ChoiceFieldRow } from './ChoiceFieldRow';
import { ConsumerCard } from './ConsumerCard';
import { NumberFieldRow } from './NumberFieldRow';
import { ProductCard } from './ProductCard';

function DataProductsSection(): ReactElement {
  const products = useStore(workspaceStore, (s) => s.scenario.dataProducts);
  const consumers = useStore(workspaceStore, (s) => s.scenario.aiConsumers);
  return (
    <>
      <BulkEdit owner="dataProduct" />
      {products.map((p, i) => (
        <ProductCard
          key={p.id}
          product={p}
          index={i}
          consumers={consumers.filter((c) => c.uses.includes(p.id)).map((c) => c.name)}
        />
      ))}
      <button
        type="button"
        className="fw-button"
        disabled={products.length >= MAX_ENTITIES}
        onClick={() =>
          workspaceStore.getState().edit(addDataProduct, { label: 'Add a data product' })
        }
        data-testid="add-product"
      >
        Add data product
      </button>
      <h3 className="fw-subhead">Shared platform and data</h3>
      {parameterFields('dataProducts').map((f) => (
        <NumberFieldRow key={f.key} field={f} />
      ))}
    </>
  );
}

function AiConsumersSection(): ReactElement {
  const products = useStore(workspaceStore, (s) => s.scenario.dataProducts);
  const consumers = useStore(workspaceStore, (s) => s.scenario.aiConsumers);
  return (
    <>
      <BulkEdit owner="aiConsumer" />
      {consumers.map((c, i) => (
        <ConsumerCard key={c.id} consumer={c} index={i} products={products} />
      ))}
      <button
        type="button"
        className="fw-button"
        disabled={consumers.length >= MAX_ENTITIES}
        onClick={() =>
          workspaceStore.getState().edit(addAiConsumer, { label: 'Add an AI consumer' })
        }
        data-testid="add-consumer"
      >
        Add AI consumer
      </button>
      <h3 className="fw-subhead">Models</h3>
      {parameterFields('aiConsumers').map((f) => (
        <NumberFieldRow key={f.key} field={f} />
      ))}
      <h3 className="fw-subhead">Own pipelines from raw data</h3>
      <p className="fw-card__meta">
        What a consumer builds for itself when no data product provides its inputs (every pipeline
        in the “without” scenario).
      </p>
      {ownPipelineFields().map((f) => (
        <NumberFieldRow key={f.key} field={f} owner="Own pipeline" compact />
      ))}
      {maturityFields(['ownPipeline'], ownPipelineReference().maturity).map((f) => (
        <NumberFieldRow key={f.key} field={f} owner="Own pipeline" compact />
      ))}
    </>
  );
}

function SectionBody({ id }: { readonly id: SectionId }): ReactElement {
  if (id === 'dataProducts') return <DataProductsSection />;
  if (id === 'aiConsumers') return <AiConsumersSection />;
  if (id === 'simulation') {
    return (
      <>
        {simulationFields().map((f) =>
          f.kind === 'number' ? (
            <NumberFieldRow key={f.key} field={f} />
          ) : (
            <ChoiceFieldRow key={f.key} field={f} />
          ),
        )}
      </>
    );
  }
  return (
    <>
      {parameterFields(id).map((f) => (
        <NumberFieldRow key={f.key} field={f} />
      ))}
    </>
  );
}

export function ScenarioPanel(): ReactElement {
  const open = useStore(uiStore, (s) => s.openSections);
  const notice = useStore(workspaceStore, (s) => s.notice);
  const [describing, setDescribing] = useState(false);
  return (
    <section className="fw-panel" aria-label="Scenario assumptions">
      <h2 className="fw-panel__title">Assumptions</h2>
      <button
        type="button"
        className="fw-button fw-panel__describe"
        onClick={() => setDescribing(true)}
        data-testid="describe-business"
      >
        Describe your business…
      </button>
      {describing ? <QuickStartDialog onClose={() => setDescribing(false)} /> : null}
      <VariantsPanel />
      <p className="fw-notice" role="status" aria-live="polite" data-testid="notice">
        {notice ?? ''}
      </p>
      {SECTIONS.map((section) => {
        const expanded = open.includes(section.id);
        const bodyId = `section-${section.id}`;
        return (
          <div key={section.id} className="fw-section" data-testid={`section-${section.id}`}>
            <h3 className="fw-section__heading">
              <button
                type="button"
                className="fw-section__toggle"
                aria-expanded={expanded}
                aria-controls={bodyId}
                onClick={() => uiStore.getState().toggleSection(section.id)}
              >
                <span aria-hidden="true" className="fw-section__chevron">
                  {expanded ? '▾' : '▸'}
                </span>
                {section.label}
              </button>
            </h3>
            <div id={bodyId} className="fw-section__body" hidden={!expanded}>
              {expanded ? <SectionBody id={section.id} /> : null}
            </div>
          </div>
        );
      })}
    </section>
  );
}
