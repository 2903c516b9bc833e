import { defineConfig } from 'vitest/config';
import { equationSourcesVite } from './scripts/equation-sources.mjs';

export default defineConfig({
  // The model's equations carry their source, for the WebAssembly backend.
  plugins: [equationSourcesVite()],
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    env: { TZ: 'UTC' },
  },
});
