/** Variable-name prefixes of the model's entities. */
export const productPrefix = (id: string): string => `dataProduct.${id}`;
export const consumerPrefix = (id: string): string => `aiConsumer.${id}`;
export const OWN_PIPELINE_TEMPLATE = 'ownPipelineTemplate';
