/**
 * Entry point of the web app: theme, stores wired to the engine worker and the clock, React root.
 * Opened at `#presenter`, the same page is the presenter's window instead: it shows the audience
 * window's presentation (through the bridge) and runs no engine of its own.
 */
import './bridge/zod-without-eval'; // first: before any zod schema is built
import { StrictMode, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { animationClock } from './animation/clock';
import { getBridge } from './bridge/runtime';
import { PRESENTER_HASH } from './bridge/web-bridge';
import { App } from './components/App';
import { createAppEngineClient } from './engine';
import { PresenterView } from './present/PresenterView';
import { connectEngine } from './state/controller';
import { connectHeadline, headlineStore } from './state/headline';
import { connectLoops, loopsStore } from './state/loops';
import { connectPlayback, playbackStore } from './state/playback';
import { connectRuns, runsStore } from './state/runs';
import { resultsStore } from './state/results';
import { uiStore } from './state/ui';
import { workspaceStore } from './state/workspace';
import './theme/theme.css';
import './app.css';

document.documentElement.dataset.theme = uiStore.getState().theme;

function root(): ReactElement {
  if (location.hash === PRESENTER_HASH) return <PresenterView bridge={getBridge()} />;
  const engine = createAppEngineClient();
  connectEngine(workspaceStore, resultsStore, playbackStore, engine);
  connectLoops(resultsStore, loopsStore, engine);
  connectRuns(workspaceStore, uiStore, runsStore, engine);
  // The headline results take hundreds of runs: a second engine worker, so no chart waits.
  connectHeadline(resultsStore, headlineStore, createAppEngineClient());
  connectPlayback(playbackStore, animationClock);
  return <App />;
}

const container = document.getElementById('root');
if (!container) throw new Error('missing #root element');
createRoot(container).render(<StrictMode>{root()}</StrictMode>);
