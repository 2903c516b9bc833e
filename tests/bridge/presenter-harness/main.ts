/**
 * A page for the browser test of the presenter relay (tests/bridge/web-presenter.test.ts): the
 * real browser bridge. Without a hash it is the audience page (publishes snapshots, opens the
 * presenter window, lists the commands it receives); with `#presenter` it is the presenter page
 * (shows the snapshots it receives, sends commands). Served with the app's CSP.
 */
import '../../../renderer/bridge/zod-without-eval';
import type { PresenterCommand, PresenterSnapshot } from '../../../renderer/bridge/contract';
import { createWebBridge } from '../../../renderer/bridge/web-bridge';

declare global {
  interface Window {
    cspViolations: string[];
    harness: {
      publish(snapshot: PresenterSnapshot): void;
      open(): Promise<unknown>;
      close(): Promise<unknown>;
      send(command: PresenterCommand): void;
      commands: PresenterCommand[];
      snapshots: PresenterSnapshot[];
    };
  }
}
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
);

const bridge = createWebBridge({ document, window, storage: null });
const root = document.getElementById('root')!;
const presenter = location.hash === '#presenter';
root.dataset.role = presenter ? 'presenter' : 'audience';

const harness: Window['harness'] = {
  publish: (snapshot) => bridge.publishPresenterState(snapshot),
  open: () => bridge.openPresenterView(),
  close: () => bridge.closePresenterView(),
  send: (command) => bridge.sendPresenterCommand(command),
  commands: [],
  snapshots: [],
};
window.harness = harness;

if (presenter) {
  const shown = document.createElement('p');
  shown.dataset.testid = 'presenter-step';
  root.append(shown);
  bridge.onPresenterState((s) => {
    harness.snapshots.push(s);
    shown.textContent = `${s.index + 1} / ${s.count}: ${s.current.title}`;
  });
} else {
  bridge.onPresenterCommand((c) => harness.commands.push(c));
}
