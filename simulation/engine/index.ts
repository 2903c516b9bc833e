export * from './types';
export * from './rng';
export * from './compile';
export * from './run';
export * from './codegen';
