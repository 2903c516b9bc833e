/**
 * A page for the browser tests of the document chrome: the real DocumentChrome, bridge,
 * controller and workspace store, plus a small panel that shows the document's state and makes
 * an edit. Served with the app's Content-Security-Policy; violations are recorded.
 */
import '../../../renderer/bridge/zod-without-eval';
import { createRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import { DocumentChrome } from '../../../renderer/bridge';
import { isDirty, workspaceStore } from '../../../renderer/state/workspace';
import '../../../renderer/theme/theme.css';
import '../../../renderer/app.css';

declare global {
  interface Window {
    cspViolations: string[];
  }
}
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
);

function DocumentStatus() {
  const name = useStore(workspaceStore, (s) => s.scenario.name);
  const fileName = useStore(workspaceStore, (s) => s.document.fileName);
  const dirty = useStore(workspaceStore, isDirty);
  return (
    <main className="fw-header">
      <p>
        <span data-testid="scenario-name">{name}</span> ·{' '}
        <span data-testid="file-name">{fileName}</span>{' '}
        <span data-testid="dirty">{dirty ? 'edited' : 'saved'}</span>
      </p>
      <button
        type="button"
        className="fw-button"
        data-testid="edit"
        onClick={() =>
          workspaceStore.getState().edit(
            (draft) => {
              draft.name = `${draft.name} (edited)`;
            },
            { label: 'Rename' },
          )
        }
      >
        Edit the name
      </button>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <>
    <header className="fw-header">
      <DocumentChrome />
    </header>
    <DocumentStatus />
  </>,
);
