#!/usr/bin/env node
// Renders the app icon from its SVG sources (assets/icon.svg; assets/icon-small.svg for 32 px and
// below, where the spokes would blur) into the files the packagers want: assets/icons/NxN.png
// (Linux), assets/icon.png (1024 px), assets/icon.ico (Windows) and assets/icon.icns (macOS).
// Uses Chromium through playwright-core: `node scripts/desktop/render-icons.mjs`. The outputs are
// committed, so packaging needs no browser.
import { Buffer } from 'node:buffer';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const assets = path.join(root, 'assets');
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const SMALL_MAX = 32;

/** A Windows .ico holding PNG images (Vista and later read PNG entries). */
export function buildIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2);
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** A macOS .icns with PNG entries (types by pixel size, including the @2x variants). */
export function buildIcns(pngBySize) {
  const types = [
    ['icp4', 16],
    ['icp5', 32],
    ['icp6', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic09', 512],
    ['ic10', 1024],
    ['ic11', 32],
    ['ic12', 64],
    ['ic13', 256],
    ['ic14', 512],
  ];
  const chunks = types
    .filter(([, size]) => pngBySize.has(size))
    .map(([type, size]) => {
      const png = pngBySize.get(size);
      const head = Buffer.alloc(8);
      head.write(type, 0, 'ascii');
      head.writeUInt32BE(png.length + 8, 4);
      return Buffer.concat([head, png]);
    });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

async function render() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const pngs = new Map();
  try {
    for (const size of ICON_SIZES) {
      const svg = readFileSync(
        path.join(assets, size <= SMALL_MAX ? 'icon-small.svg' : 'icon.svg'),
      );
      const page = await browser.newPage({
        viewport: { width: size, height: size },
        deviceScaleFactor: 1,
      });
      await page.setContent(
        `<html><body style="margin:0;background:transparent"><img width="${size}" height="${size}" src="data:image/svg+xml;base64,${svg.toString('base64')}"></body></html>`,
      );
      await page.locator('img').evaluate((img) => img.decode());
      pngs.set(
        size,
        await page.screenshot({
          omitBackground: true,
          clip: { x: 0, y: 0, width: size, height: size },
        }),
      );
      await page.close();
    }
  } finally {
    await browser.close();
  }
  mkdirSync(path.join(assets, 'icons'), { recursive: true });
  for (const [size, png] of pngs)
    writeFileSync(path.join(assets, 'icons', `${size}x${size}.png`), png);
  writeFileSync(path.join(assets, 'icon.png'), pngs.get(1024));
  writeFileSync(
    path.join(assets, 'icon.ico'),
    buildIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: pngs.get(size) }))),
  );
  writeFileSync(path.join(assets, 'icon.icns'), buildIcns(pngs));
  console.log(
    `icons written to ${path.relative(root, assets)}/ (${ICON_SIZES.join(', ')} px, .ico, .icns)`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]))
  await render();
