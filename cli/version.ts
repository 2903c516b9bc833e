/** The app's version, read from package.json when the CLI is bundled (one source of truth). */
import { version } from '../package.json';

export const APP_VERSION: string = version;
