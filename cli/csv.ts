/** CSV cells for the CLI: the one formula-injection-safe writer lives in renderer/export/csv.ts. */
export { CSV_EOL, csvNumber, csvRecord, csvText } from '../renderer/export/csv';
