/** KPI history files: reading CSV and .xlsx tables, cells, mapping columns to metrics. */
export * from './cells';
export * from './read-table';
export * from './history';
export * from './mapping';
export * from './outliers';
