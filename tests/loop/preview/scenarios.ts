/** Scenarios for the loop preview and tests: the default, an empty one, and the largest lists. */
import { withPreset, type Scenario } from '../../../simulation';

export type PreviewScenario = 'default' | 'empty' | 'max' | 'one';

/** Eight products and six consumers, with long names (the layout's worst case). */
export function maxScenario(): Scenario {
  const s = withPreset();
  const base = s.dataProducts;
  const extra = [
    'Customer 360 behavioural embeddings',
    'Fraud scoring API',
    'Sales forecasting model',
    'Risk profile graph',
  ];
  s.dataProducts = [
    ...base,
    ...extra.map((name, i) => ({
      ...base[i % base.length]!,
      id: `extra-${i + 1}`,
      name,
      startWeek: 4 * i,
    })),
  ];
  const consumerBase = s.aiConsumers;
  s.aiConsumers = [
    ...consumerBase,
    ...['Search ranking with very long name', 'Fraud detection', 'Dynamic pricing'].map(
      (name, i) => ({
        ...consumerBase[i % consumerBase.length]!,
        id: `consumer-${i + 1}`,
        name,
        uses: [`extra-${i + 1}`, 'customer-360'],
        startWeek: 10 * i,
      }),
    ),
  ];
  return s;
}

export function emptyScenario(): Scenario {
  const s = withPreset();
  s.dataProducts = [];
  s.aiConsumers = [];
  return s;
}

/** One product feeding one consumer. */
export function oneScenario(): Scenario {
  const s = withPreset();
  s.dataProducts = s.dataProducts.slice(0, 1);
  s.aiConsumers = [{ ...s.aiConsumers[0]!, uses: [s.dataProducts[0]!.id] }];
  return s;
}

export function previewScenario(name: PreviewScenario): Scenario {
  switch (name) {
    case 'empty':
      return emptyScenario();
    case 'max':
      return maxScenario();
    case 'one':
      return oneScenario();
    default:
      return withPreset();
  }
}
