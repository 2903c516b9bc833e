import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node's built-in modules by their bare names (their node: names are caught by 'node:*'). */
const NODE_BUILTINS = [
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'url',
  'util',
  'crypto',
  'stream',
  'events',
  'http',
  'https',
  'net',
  'module',
  'process',
  'buffer',
];
/** Math functions whose results are implementation-defined (differ between engines). */
const TRANSCENDENTAL = [
  'exp',
  'expm1',
  'log',
  'log1p',
  'log2',
  'log10',
  'pow',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'atan2',
  'sinh',
  'cosh',
  'tanh',
  'asinh',
  'acosh',
  'atanh',
  'cbrt',
  'hypot',
];
/** The parts of D3 that touch the DOM (the umbrella package includes them). */
const D3_DOM = ['d3', 'd3-selection', 'd3-transition', 'd3-drag', 'd3-zoom', 'd3-brush', 'd3-axis'];
/** The Node-only code the CLI and the desktop shell share (node/: the file reader and writer). */
const NODE_SHARED = '^(\\.\\.?/)+node/';
/** Any renderer/ module but the contract and the plain data the shell shares with the page. */
const RENDERER_EXCEPT_SHARED =
  '(^|/)renderer/(?!(bridge/contract|csp|report/print-options)(\\.ts)?$)';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The engine is pure: no Node built-ins, no DOM frameworks, nothing from the other layers.
    files: ['simulation/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', ...NODE_BUILTINS],
              message: 'simulation/ is pure: no Node built-ins.',
            },
            {
              group: ['react', 'react-*', 'electron', 'zustand', 'immer', ...D3_DOM],
              message: 'simulation/ knows nothing of the UI, the DOM or the shell.',
            },
            {
              group: ['**/cli/**', '**/renderer/**', '**/electron/**'],
              message: 'simulation/ imports nothing from the other layers.',
            },
            {
              regex: NODE_SHARED,
              message: 'simulation/ imports nothing from the other layers.',
            },
          ],
        },
      ],
      // Their results differ between JavaScript engines (Node's and Chromium's V8 disagree):
      // simulated numbers must be the same bits everywhere (see docs/ARCHITECTURE.md).
      'no-restricted-properties': [
        'error',
        ...TRANSCENDENTAL.map((property) => ({
          object: 'Math',
          property,
          message: 'engine-dependent bits: use simulation/engine/dmath.ts (add what is missing).',
        })),
      ],
    },
  },
  {
    // The page: no Node, and the shell only through the bridge interface (renderer/bridge).
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', ...NODE_BUILTINS],
              message: 'renderer/ knows nothing of Node.',
            },
            {
              group: ['electron', 'electron/**', '**/electron/**', '**/cli/**'],
              message: 'renderer/ talks to the shell only through its bridge interface.',
            },
            {
              regex: NODE_SHARED,
              message: 'renderer/ knows nothing of Node (node/ is Node-only).',
            },
          ],
        },
      ],
    },
  },
  {
    // The shell: of the page, only the contract and the plain data it shares with it.
    files: ['electron/**/*.ts'],
    ignores: ['electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: RENDERER_EXCEPT_SHARED,
              message:
                'electron/ imports from renderer/ only bridge/contract, csp and report/print-options.',
            },
            { group: ['**/cli/**'], message: 'electron/ imports nothing from cli/.' },
            {
              group: ['react', 'react-*', 'd3', 'd3-*', 'zustand', 'immer'],
              message: 'electron/ is a thin shell: the UI lives in renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Node-only code shared by the CLI and the desktop shell (files): Node and the pure engine,
    // nothing of the shells themselves.
    files: ['node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cli/**', '**/renderer/**', '**/electron/**', 'electron'],
              message: 'node/ is shared by the CLI and the shell: it imports neither.',
            },
            {
              group: ['react', 'react-*', 'd3', 'd3-*', 'zustand', 'immer'],
              message: 'node/ knows nothing of the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    // The preload runs in the sandboxed page: Electron's renderer API and the contract, nothing else.
    files: ['electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.(?!.*/renderer/bridge/contract(\\.ts)?$)',
              message: 'The preload imports only the contract (renderer/bridge/contract).',
            },
            {
              group: ['node:*', ...NODE_BUILTINS, 'zod', 'react', 'react-*', 'd3', 'd3-*'],
              message: 'The preload imports only electron and the contract.',
            },
          ],
        },
      ],
    },
  },
);
