/** Stories for workshop mode: the model, the built-in story, validation and caption rendering. */
export * from './types';
export * from './pins';
export * from './names';
export * from './caption';
export * from './schema';
export { BUILT_IN_STORY } from './builtin';
