// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Folders of ours each layer must not import (style guide: layers by runtime, as VS Code). */
const restricted = (patterns, paths = []) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/**', 'coverage/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.ts', 'bin/*.js', 'renderer/vite.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**'],
    rules: restricted([{ group: ['../main/*', '../../main/*', '../renderer/*', '../../renderer/*', 'node:*'], message: 'shared/ is for both processes: no Node, no other folder.' }]),
  },
  {
    files: ['main/engine/**'],
    rules: restricted([{ group: ['**/hosts/**', '**/renderer/**'], message: 'The engine is driven by hosts; it never imports them.' }], [{ name: 'electron', message: 'The engine never imports electron.' }]),
  },
  {
    files: ['main/hosts/cli/**', 'main/hosts/server/**'],
    rules: restricted([], [{ name: 'electron', message: 'Only main/hosts/electron imports electron.' }]),
  },
  {
    files: ['renderer/**'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restricted([{ group: ['node:*', '**/main/**'], message: 'The renderer talks to the engine only through shared/api.' }], [{ name: 'electron', message: 'The renderer never sees electron.' }]),
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
