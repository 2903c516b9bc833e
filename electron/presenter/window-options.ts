/**
 * The presenter window's options (pure, asserted by tests): the same secure webPreferences and
 * preload as the document window, on the app's own page with the `#presenter` hash.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { PRODUCT_NAME } from '../../renderer/bridge/contract';
import { APP_ENTRY_URL } from '../security/origin';
import { secureWebPreferences } from '../security/policy';
import type { MainWindowOptions } from '../window/main-window';
import type { Rect } from './placement';

export const PRESENTER_ENTRY_URL = `${APP_ENTRY_URL}#presenter`;

export function presenterWindowOptions(
  bounds: Rect,
  o: MainWindowOptions,
): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    show: false,
    title: `Presenter view — ${PRODUCT_NAME}`,
    ...(o.iconPath ? { icon: o.iconPath } : {}),
    webPreferences: secureWebPreferences(o.preloadPath, { devTools: o.devTools }),
  };
}
