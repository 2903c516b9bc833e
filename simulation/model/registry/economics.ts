/** Registry: Economics parameters. Margins and the costs of incidents and compliance. */
import { p, type ParameterSpec } from './spec';

export const ECONOMICS_PARAMETERS: readonly ParameterSpec[] = [
  p({
    name: 'grossMargin',
    label: 'Gross margin',
    unit: 'fraction',
    group: 'economics',
    description: 'Share of revenue left after cost of goods, shipping and payment.',
    default: 0.3,
    min: 0,
    max: 1,
    plausible: [0.2, 0.45],
    uncertain: true,
    source: 'Judgement: general-merchandise online retail.',
    grade: 'J',
  }),
  p({
    name: 'costPerIncidentUsd',
    label: 'Cost per data incident',
    unit: 'usd/incident',
    group: 'economics',
    description: 'Engineering time, bad decisions and rework per incident.',
    default: 5000,
    min: 0,
    max: 1e7,
    plausible: [2000, 30000],
    uncertain: true,
    source: 'Gartner 2021 ($12.9M/yr cost of poor data quality), scaled down; judgement.',
    grade: 'C',
  }),
  p({
    name: 'complianceExposureUsdPerWeek',
    label: 'Compliance exposure without governance',
    unit: 'usd/week',
    group: 'economics',
    description:
      'Expected weekly cost of privacy and compliance failures per source with governance maturity 0.',
    default: 1500,
    min: 0,
    max: 1e7,
    plausible: [500, 5000],
    uncertain: true,
    source: 'Judgement: expected value of fines and remediation.',
    grade: 'J',
  }),
];
