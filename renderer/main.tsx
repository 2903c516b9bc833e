/** Entry point of the web app: theme, stores wired to the engine worker and the clock, React root. */
import './bridge/zod-without-eval'; // first: before any zod schema is built
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { animationClock } from './animation/clock';
import { App } from './components/App';
import { createAppEngineClient } from './engine';
import { connectEngine } from './state/controller';
import { connectPlayback, playbackStore } from './state/playback';
import { resultsStore } from './state/results';
import { uiStore } from './state/ui';
import { workspaceStore } from './state/workspace';
import './theme/theme.css';
import './app.css';

document.documentElement.dataset.theme = uiStore.getState().theme;
connectEngine(workspaceStore, resultsStore, playbackStore, createAppEngineClient());
connectPlayback(playbackStore, animationClock);

const container = document.getElementById('root');
if (!container) throw new Error('missing #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
