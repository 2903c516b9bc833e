/**
 * The renderer's one door to the shell. Mount `<DocumentChrome />` once in the app; features that
 * export something register it with `registerExporter`. Nothing else in the renderer needs to
 * know whether it runs in the desktop shell or a browser.
 */
export { DocumentChrome, type DocumentChromeProps } from './ui/DocumentChrome';
export { getBridge, getDocumentController } from './runtime';
export {
  DocumentController,
  type Exporter,
  type ControllerState,
  type Notice,
  type Prompt,
} from './controller';
export type {
  ExportFormat,
  FlywheelBridge,
  MenuCommand,
  RecentFile,
  Result,
  ThemeChoice,
} from './contract';

import type { ExportFormat } from './contract';
import type { Exporter } from './controller';
import { getDocumentController } from './runtime';

/** Makes File > Export > `format` produce this content. Returns a function that unregisters it. */
export function registerExporter(format: ExportFormat, exporter: Exporter): () => void {
  return getDocumentController().registerExporter(format, exporter);
}
