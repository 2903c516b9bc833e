/**
 * The eight parts of a data product (the seed's anatomy) and the mechanism each one drives in the
 * model. Each is a maturity level in [0, 1] on every data product.
 */
export const ANATOMY_PARTS = [
  'datasets',
  'pipelines',
  'apis',
  'metadata',
  'governance',
  'slas',
  'ownership',
  'quality',
] as const;
export type AnatomyPart = (typeof ANATOMY_PARTS)[number];
export type Maturity = Record<AnatomyPart, number>;

export interface AnatomyInfo {
  readonly label: string;
  /** The seed's one-line definition. */
  readonly seed: string;
  /**
   * What the maturity changes in the model (kept in step with model/source-anatomy.ts; the
   * percentages are the defaults of the anatomy coefficients in model/registry/anatomy.ts).
   */
  readonly mechanism: string;
}

export const ANATOMY: Record<AnatomyPart, AnatomyInfo> = {
  datasets: {
    label: 'Datasets',
    seed: "The core data, structured for the consumer's use case.",
    mechanism:
      'Coverage: the share of the behavioural signal the product carries to its consumers (20% at maturity 0 by default, all of it at 1).',
  },
  pipelines: {
    label: 'Pipelines',
    seed: 'Reliable ingestion, transformation, and refresh logic.',
    mechanism:
      'Reliability and refresh: the incident rate falls (by up to 85% by default); the refresh lag shrinks from about 3 weeks toward a few hours.',
  },
  apis: {
    label: 'APIs',
    seed: 'Self-service access surfaces for apps, models, and analysts.',
    mechanism:
      'Integration: the weeks a new AI consumer needs to integrate fall (by up to 75% by default); half of reuse.',
  },
  metadata: {
    label: 'Metadata',
    seed: 'Schema, semantics, lineage, and discoverability context.',
    mechanism:
      'Discoverability and reuse: the other half of reuse (shorter AI development), faster integration, lineage adds to trust.',
  },
  governance: {
    label: 'Governance',
    seed: 'Access policies, privacy controls, and compliance posture.',
    mechanism:
      'Trust and compliance: raises the trust the product can earn; lowers the expected compliance cost per week.',
  },
  slas: {
    label: 'SLAs',
    seed: 'Freshness, availability, and quality commitments.',
    mechanism:
      'Freshness and availability: cuts the downtime an incident causes and the refresh lag (by up to 60% each by default).',
  },
  ownership: {
    label: 'Ownership',
    seed: 'A clear team accountable for the product end-to-end.',
    mechanism:
      'Resolution and improvement: shortens time to resolve incidents; repairs quality erosion using consumer feedback; owner capacity.',
  },
  quality: {
    label: 'Quality',
    seed: 'Tests, monitors, and quality guarantees baked in.',
    mechanism:
      'Defects and detection: lowers the defect rate (accuracy) and time to detect incidents; slows quality drift.',
  },
};
