// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import layering (style guide, as VS Code's code-layering rule): each folder lists what it must
 * not import. Patterns are gitignore-style, matched against the import specifier as written.
 */
const restricted = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const ELECTRON = ['electron', 'electron/*'];
const NODE = ['node:*'];
const MAIN = ['**/main/**'];
const RENDERER = ['**/renderer/**'];
const HOSTS = ['**/hosts/**'];

/** Files that configure tools: outside the TypeScript project, linted without type information. */
const CONFIG_FILES = ['eslint.config.js', '**/*.config.ts', '**/*.config.js', 'bin/**/*.js'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/**', 'coverage/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Async functions without await are common at API boundaries (handlers return promises).
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**'],
    rules: restricted({
      group: [...MAIN, ...RENDERER, '../main/*', '../renderer/*', ...NODE, ...ELECTRON],
      message: 'shared/ is used by every process: it imports no Node, no electron and no other folder of ours.',
    }),
  },
  {
    files: ['main/engine/**'],
    rules: restricted(
      { group: ELECTRON, message: 'The engine runs without Electron (CLI, server, worker): it never imports electron.' },
      { group: [...HOSTS, ...RENDERER], message: 'The engine is driven by the hosts and never imports them or the renderer.' },
    ),
  },
  {
    files: ['main/hosts/cli/**', 'main/hosts/server/**'],
    rules: restricted(
      { group: ELECTRON, message: 'Only main/hosts/electron imports electron.' },
      { group: [...RENDERER, '**/hosts/electron/**'], message: 'A host uses the engine and shared/ only.' },
    ),
  },
  {
    files: ['main/hosts/electron/**'],
    rules: restricted({ group: [...RENDERER, '**/hosts/cli/**', '**/hosts/server/**'], message: 'A host uses the engine and shared/ only.' }),
  },
  {
    // Sandboxed preloads can require only `electron` (and a few polyfills): no Node, no module of ours.
    files: ['main/hosts/electron/preload.cts'],
    rules: restricted({ group: [...NODE, './*', '../*'], message: 'A sandboxed preload may import only electron.' }),
  },
  {
    files: ['renderer/**'],
    ignores: CONFIG_FILES,
    languageOptions: { globals: { ...globals.browser } },
    rules: restricted({
      group: [...MAIN, '../main/*', ...NODE, ...ELECTRON],
      message: 'The renderer reaches the engine only through shared/api: no Node, no electron, no main/.',
    }),
  },
  {
    files: CONFIG_FILES,
    ...tseslint.configs.disableTypeChecked,
  },
);
