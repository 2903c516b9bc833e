/**
 * Packaging: electron-builder.yml is valid for electron-builder 26 (its own schema validation)
 * and says what RELIABILITY.md asks (targets, file association, fuses); the icons exist at every
 * size; `npm run dist` explains itself where there is no Electron binary.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  productName: string;
  files: unknown;
  electronFuses: Record<string, boolean>;
  fileAssociations: Array<{ ext: string; name: string; role: string }>;
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
}

async function loadBuilderConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } =
    require('app-builder-lib/out/util/config/config.js') as {
      getConfig(dir: string, path: string | null, extra: null): Promise<unknown>;
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
  const { DebugLogger } = require('builder-util') as {
    DebugLogger: new (enabled: boolean) => unknown;
  };
  const config = await getConfig(root, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config as BuilderConfig;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own validation and names the app', async () => {
    const c = await loadBuilderConfig();
    expect(c.appId).toBe('org.flywheellab.desktop');
    expect(c.productName).toBe('Flywheel Lab');
    const files = JSON.stringify(c.files);
    for (const pattern of [
      'package.json',
      'dist/electron/**',
      'dist/web/**',
      '!**/node_modules/**',
    ])
      expect(files).toContain(pattern);
  });

  it('builds AppImage and deb, dmg, NSIS, with icons from assets/', async () => {
    const c = await loadBuilderConfig();
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.mac.target).toEqual(['dmg']);
    expect(c.win.target).toEqual(['nsis']);
    expect(pngSize(path.join(root, c.linux.icon, '512x512.png'))).toEqual([512, 512]);
    expect(readFileSync(path.join(root, c.mac.icon)).subarray(0, 4).toString('ascii')).toBe('icns');
    expect(readFileSync(path.join(root, c.win.icon)).readUInt16LE(2)).toBe(1);
  });

  it('associates .flywheel.json files with the app', async () => {
    const c = await loadBuilderConfig();
    expect(c.fileAssociations).toEqual([
      expect.objectContaining({
        ext: 'flywheel.json',
        name: 'Flywheel Lab scenario',
        role: 'Editor',
      }),
    ]);
  });

  it('hardens the release build with fuses', async () => {
    const c = await loadBuilderConfig();
    expect(c.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('points package.json main at the bundled shell', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      main: string;
    };
    expect(pkg.main).toBe('dist/electron/main.js');
  });
});

describe('icons', () => {
  it.each([16, 24, 32, 48, 64, 128, 256, 512, 1024])(
    'assets/icons/%ix%i.png is a square PNG of that size',
    (size) => {
      expect(pngSize(path.join(root, 'assets', 'icons', `${size}x${size}.png`))).toEqual([
        size,
        size,
      ]);
    },
  );

  it('the .ico holds PNG images from 16 to 256 px', () => {
    const ico = readFileSync(path.join(root, 'assets', 'icon.ico'));
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (let i = 0; i < count; i++) {
      const offset = ico.readUInt32LE(6 + 16 * i + 12);
      expect(ico.subarray(offset + 1, offset + 4).toString('ascii')).toBe('PNG');
    }
  });

  it('the .icns holds the 1024 px image and its length adds up', () => {
    const icns = readFileSync(path.join(root, 'assets', 'icon.icns'));
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4))
      types.push(icns.subarray(at, at + 4).toString('ascii'));
    expect(types).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']));
  });
});

describe('npm run dist without an Electron binary', () => {
  it('says it cannot package here and how to get further, without a stack trace', () => {
    const r = spawnSync(process.execPath, ['scripts/dist-desktop.mjs'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(root, 'no-such-electron') },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^Flywheel Lab cannot be packaged here: ELECTRON_OVERRIDE_DIST_PATH is set to /,
    );
    expect(r.stderr).toContain('npm run dist');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
