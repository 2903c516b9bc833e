/** The app's stylesheets as text, through Vite's `?raw` (the page and the Vitest tests). */
import app from '../app.css?raw';
import loop from '../loop/loop.css?raw';
import theme from '../theme/theme.css?raw';
import type { AppStyleSources } from './styles';

export const APP_STYLE_SOURCES: AppStyleSources = { theme, app, loop };
