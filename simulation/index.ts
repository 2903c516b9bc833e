/** The public surface of the simulation package (pure TypeScript: Node, Worker and browser). */
export * from './engine';
export * from './model/anatomy';
export * from './model/entities';
export * from './model/parameters';
export * from './model/flywheel';
export * from './scenario/types';
export * from './scenario/schema';
export * from './scenario/migrate';
export * from './scenario/load';
export * from './scenario/hash';
export * from './scenario/presets';
export * from './scenario/derive';
export * from './analysis/simulate';
export * from './analysis/kpis';
export * from './narrative/format';
export * from './narrative/values';
export * from './narrative/template';
