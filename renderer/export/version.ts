/** The app's version, read from package.json at build time (one source of truth). */
import { version } from '../../package.json';

export const APP_VERSION: string = version;
