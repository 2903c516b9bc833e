/** New from a built-in scenario: the menu item, the command, the controller and the list shown. */
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../../electron/menu/template';
import {
  menuCommandSchema,
  ok,
  type FlywheelBridge,
  type MenuCommand,
} from '../../renderer/bridge/contract';
import { DocumentController, UNTITLED_FILE_NAME } from '../../renderer/bridge/controller';
import { builtinEntries } from '../../renderer/builtin/catalogue';
import { createDocumentApi } from '../../renderer/state/document';
import { createWorkspaceStore } from '../../renderer/state/workspace';
import { meshPreset, PRESET_NAMES, PRESETS, serializeScenario, withPreset } from '../../simulation';

const actions = {
  clearRecent: () => undefined,
  showAbout: () => undefined,
  openDocumentation: () => undefined,
  chooseTheme: () => undefined,
};

describe('New from a built-in scenario', () => {
  it.each(['darwin', 'win32', 'linux'] as const)(
    '%s: File has the item, under New, and it sends new-builtin',
    (platform) => {
      const sent: MenuCommand[] = [];
      const menu = buildMenuTemplate({
        platform,
        recentFiles: [],
        theme: 'system',
        developerTools: false,
        send: (c) => sent.push(c),
        actions,
      });
      const file = menu.find((m) => (m.label ?? '').replace('&', '') === 'File');
      const items = (file?.submenu ?? []) as { label?: string; click?: () => void }[];
      const i = items.findIndex((x) => x.label?.replace('&', '') === 'New from Built-in Scenario…');
      expect(i).toBeGreaterThan(0);
      expect(items[i - 1]!.label?.replace('&', '')).toBe('New');
      items[i]!.click!();
      expect(sent).toEqual([{ command: 'new-builtin' }]);
    },
  );

  it('the page accepts the command and shows its choice; newDocument(preset) loads that scenario', async () => {
    expect(menuCommandSchema.safeParse({ command: 'new-builtin' }).success).toBe(true);
    expect(menuCommandSchema.safeParse({ command: 'new-builtin', preset: 'x' }).success).toBe(
      false,
    );
    let shown = 0;
    const cleared: string[] = [];
    const document = createDocumentApi(createWorkspaceStore());
    const controller = new DocumentController({
      bridge: {
        clearBackup: async () => (cleared.push('x'), ok(undefined)),
        setDocumentState: async () => ok(undefined),
      } as unknown as FlywheelBridge,
      document,
      newScenario: withPreset,
      chooseBuiltin: () => shown++,
    });
    await controller.handleCommand({ command: 'new-builtin' });
    expect(shown).toBe(1);
    expect(await controller.newDocument('mesh')).toBe(true);
    expect(serializeScenario(document.getScenario())).toBe(serializeScenario(meshPreset()));
    expect(document.getFileName()).toBe(UNTITLED_FILE_NAME);
    expect(document.isDirty()).toBe(false);
    expect(cleared).toHaveLength(1);
    // Plain New is still the default scenario.
    expect(await controller.newDocument()).toBe(true);
    expect(serializeScenario(document.getScenario())).toBe(serializeScenario(withPreset()));
  });

  it('lists every preset of flywheel --preset, named and described by the scenario itself', () => {
    const entries = builtinEntries();
    expect(entries.map((e) => e.preset)).toEqual(PRESET_NAMES);
    for (const e of entries) {
      const s = PRESETS[e.preset]();
      expect(e.name).toBe(s.name);
      expect(e.description).toBe(s.description);
      expect(e.facts).toContain(`${s.dataProducts.length} data product`);
      expect(e.facts).toContain(`${s.simulation.weeks} weeks`);
      expect(e.command).toBe(`npx flywheel run --preset ${e.preset}`);
    }
    expect(entries.find((e) => e.preset === 'without')!.facts).toMatch(/own pipelines/);
  });
});
