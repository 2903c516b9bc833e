/**
 * The app's stylesheets as text for the CLI's report (esbuild's text loader, chosen by the import
 * attribute; the page and the tests read the same files through Vite or from disk).
 */
import * as app from '../renderer/app.css' with { type: 'text' };
import * as loop from '../renderer/loop/loop.css' with { type: 'text' };
import * as theme from '../renderer/theme/theme.css' with { type: 'text' };
import type { AppStyleSources } from '../renderer/report/styles';

function text(module: object, file: string): string {
  const value = (module as { default?: unknown }).default;
  if (typeof value !== 'string' || value === '')
    throw new Error(`${file} was not bundled as text (build the CLI with npm run build:cli)`);
  return value;
}

export function cliStyleSources(): AppStyleSources {
  return {
    theme: text(theme, 'theme.css'),
    app: text(app, 'app.css'),
    loop: text(loop, 'loop.css'),
  };
}
