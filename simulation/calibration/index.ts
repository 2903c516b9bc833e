/** Calibration of a scenario's status quo to a KPI history (see fit.ts). */
export * from './fit';
export * from './adopt';
export * from './observe';
export * from './statistics';
export * from './uncertainty';
export * from './review';
