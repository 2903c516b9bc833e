/** View > Present (F5) in the desktop menu reaches workshop mode through the bridge's menu command. */
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../../electron/menu/template';
import {
  menuCommandSchema,
  type FlywheelBridge,
  type MenuCommand,
} from '../../renderer/bridge/contract';
import { DocumentController } from '../../renderer/bridge/controller';
import { createDocumentApi } from '../../renderer/state/document';
import { createWorkspaceStore } from '../../renderer/state/workspace';
import { withPreset } from '../../simulation';

describe('Present in the menu', () => {
  it.each(['darwin', 'win32', 'linux'] as const)(
    '%s: View has Present on F5, sending the command',
    (platform) => {
      const sent: MenuCommand[] = [];
      const menu = buildMenuTemplate({
        platform,
        recentFiles: [],
        theme: 'system',
        developerTools: false,
        send: (c) => sent.push(c),
        actions: {
          clearRecent: () => undefined,
          showAbout: () => undefined,
          openDocumentation: () => undefined,
          chooseTheme: () => undefined,
        },
      });
      const view = menu.find((m) => (m.label ?? '').replace('&', '') === 'View');
      const items = (view?.submenu ?? []) as {
        label?: string;
        accelerator?: string;
        click?: () => void;
      }[];
      const present = items.find((i) => i.label === 'Present');
      expect(present?.accelerator).toBe('F5');
      present!.click!();
      expect(sent).toEqual([{ command: 'present' }]);
    },
  );

  it('the page accepts the command and the document controller starts the presentation', async () => {
    expect(menuCommandSchema.safeParse({ command: 'present' }).success).toBe(true);
    expect(menuCommandSchema.safeParse({ command: 'present', extra: 1 }).success).toBe(false);
    let presented = 0;
    const controller = new DocumentController({
      bridge: {} as FlywheelBridge,
      document: createDocumentApi(createWorkspaceStore()),
      newScenario: withPreset,
      present: () => presented++,
    });
    await controller.handleCommand({ command: 'present' });
    expect(presented).toBe(1);
  });
});
