/** The streaming JSON writer for the CLI: the one writer of the series layout lives in renderer/export. */
export { jsonNumber, writeJson, type JsonValue } from '../renderer/export/json-writer';
