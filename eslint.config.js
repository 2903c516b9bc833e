import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
              group: ['node:*', 'fs', 'path', 'worker_threads', 'os', 'child_process'],
              message: 'simulation/ is pure: no Node built-ins.',
            },
            {
              group: ['react', 'react-dom', 'electron', 'd3*', 'zustand', 'immer'],
              message: 'simulation/ knows nothing of the UI or the shell.',
            },
            {
              group: ['**/cli/**', '**/renderer/**', '**/electron/**'],
              message: 'simulation/ imports nothing from the other layers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'worker_threads', 'child_process'],
              message: 'renderer/ knows nothing of Node.',
            },
            {
              group: ['electron', '**/electron/**', '**/cli/**'],
              message: 'renderer/ talks to the shell only through its bridge interface.',
            },
          ],
        },
      ],
    },
  },
);
