/**
 * The desktop shell's entry point: registers the app:// scheme, takes the single-instance lock,
 * and wires the feature files together. Everything it calls lives in its own file.
 */
import { app, protocol } from 'electron';
import { APP_SCHEME_PRIVILEGES } from './app-protocol';
import { scenarioPathsFromArgv, OpenQueue } from './lifecycle/open-requests';
import { startShell } from './setup/shell';

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
// Tests and portable setups keep their data apart from the user's.
const userDataOverride = process.env.FLYWHEEL_USER_DATA_DIR;
if (userDataOverride) app.setPath('userData', userDataOverride);

if (!app.requestSingleInstanceLock()) {
  // Another instance is running: it receives our arguments through 'second-instance'.
  app.quit();
} else {
  const openQueue = new OpenQueue();
  for (const filePath of scenarioPathsFromArgv(process.argv, process.cwd()))
    openQueue.push(filePath);
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    openQueue.push(filePath);
  });
  app
    .whenReady()
    .then(() => startShell(openQueue))
    .catch((e: unknown) => {
      process.stderr.write(
        `Flywheel Lab could not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      app.exit(1);
    });
}
