/**
 * A data product: its name, health at the week on screen, the eight anatomy maturities as
 * sliders, and its build and run figures. Removing it gives the consumers that used it an own
 * pipeline instead (see state/entities.ts), and the notice says so.
 */
import { memo, useState, type ReactElement } from 'react';
import { productReference, type DataProductSpec } from '../../simulation';
import { removeDataProduct } from '../state/entities';
import { maturityFields, productFields } from '../state/fields';
import { workspaceStore } from '../state/workspace';
import { HealthSummary } from './HealthSummary';
import { NameField } from './NameField';
import { NumberFieldRow } from './NumberFieldRow';

export interface ProductCardProps {
  readonly product: DataProductSpec;
  readonly index: number;
  /** Names of the AI consumers that use it. */
  readonly consumers: readonly string[];
}

const sameNames = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((name, i) => name === b[i]);

/**
 * Re-renders only when its product, place or users change: an edit of another product's field
 * leaves this card's product object as it was (the scenario is updated immutably), so the cards
 * of the products not being edited are not redrawn on every slider step.
 */
export const ProductCard = memo(
  ProductCardView,
  (a, b) => a.product === b.product && a.index === b.index && sameNames(a.consumers, b.consumers),
);

function ProductCardView({ product, index, consumers }: ProductCardProps): ReactElement {
  const [buildOpen, setBuildOpen] = useState(false);
  const buildId = `product-${product.id}-build`;
  return (
    <article
      className="fw-card"
      data-testid={`product-${product.id}`}
      aria-label={`Data product ${product.name}`}
    >
      <header className="fw-card__head">
        <NameField
          path={['dataProducts', index, 'name']}
          value={product.name}
          label="Data product name"
        />
        <button
          type="button"
          className="fw-button fw-button--quiet"
          aria-label={`Remove data product ${product.name}`}
          onClick={() =>
            workspaceStore
              .getState()
              .edit((d) => removeDataProduct(d, product.id), { label: `Remove ${product.name}` })
          }
          data-testid="remove-product"
        >
          Remove
        </button>
      </header>
      <p className="fw-card__meta">
        {consumers.length > 0
          ? `Used by ${consumers.join(', ')}`
          : 'Not used by any AI consumer yet'}
      </p>
      <HealthSummary productId={product.id} />
      <fieldset className="fw-card__group">
        <legend>Anatomy (maturity 0 = absent, 1 = best practice)</legend>
        {maturityFields(['dataProducts', index], productReference(product.id).maturity).map((f) => (
          <NumberFieldRow key={f.key} field={f} owner={product.name} compact />
        ))}
      </fieldset>
      <button
        type="button"
        className="fw-disclosure"
        aria-expanded={buildOpen}
        aria-controls={buildId}
        onClick={() => setBuildOpen(!buildOpen)}
      >
        Build and run
      </button>
      <div id={buildId} hidden={!buildOpen}>
        {productFields(index, product.id).map((f) => (
          <NumberFieldRow key={f.key} field={f} owner={product.name} compact />
        ))}
      </div>
    </article>
  );
}
