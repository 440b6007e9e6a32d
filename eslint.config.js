// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/**
 * Import layering (style guide, as VS Code's code-layering rule): each folder lists what it must
 * not import. `patterns` are gitignore-style and matched against the specifier as written;
 * `paths` are exact names, used for Node's bare built-ins (`fs`, `path`, `fs/promises`…), which a
 * pattern like `fs` would over-match (it would also hit `./fs/x.js`).
 */
/** @typedef {import('eslint').Linter.RulesRecord} Rules */
/** @typedef {{ name: string, message: string }} RestrictedName */
/** @type {(paths: RestrictedName[], ...patterns: { group: string[], message: string }[]) => Rules} */
const restricted = (paths, ...patterns) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });

const ELECTRON = ['electron', 'electron/*'];
const NODE = ['node:*'];
const MAIN = ['**/main/**'];
const RENDERER = ['**/renderer/**'];
const HOSTS = ['**/hosts/**'];
/** @type {(message: string) => RestrictedName[]} */
const builtins = (message) => builtinModules.map((name) => ({ name, message }));

/**
 * Node's globals do not exist in the sandboxed renderer (nor in a preload's page), so code that
 * runs there must not lean on them even though `@types/node` makes them type-check.
 */
const NODE_GLOBALS = ['process', 'Buffer', 'require', 'module', 'exports', '__dirname', '__filename', 'global', 'setImmediate', 'clearImmediate'];
/** @type {(message: string) => Rules} */
const noNodeGlobals = (message) => ({ 'no-restricted-globals': ['error', ...NODE_GLOBALS.map((name) => ({ name, message }))] });

/** Files that configure tools: outside the TypeScript project, linted without type information. */
const CONFIG_FILES = ['eslint.config.js', '**/*.config.ts', '**/*.config.js', 'bin/**/*.js'];

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', 'bench/**', 'coverage/**', 'release/**'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // strictTypeChecked, less two rules that fire dozens of times across the tree (~120, ~35):
      // `xs[i]!` after a bounds check is the idiom under noUncheckedIndexedAccess, and
      // `(e) => e.preventDefault()` is clearer than its braced form.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // Async functions without await are common at API boundaries (handlers return promises).
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      ...restricted(
        builtins('shared/ is used by every process, the sandboxed renderer too: no Node modules.'),
        {
          group: [...MAIN, ...RENDERER, '../main/*', '../renderer/*', ...NODE, ...ELECTRON],
          message: 'shared/ is used by every process: it imports no Node, no electron and no other folder of ours.',
        },
      ),
      ...noNodeGlobals('shared/ also runs in the sandboxed renderer, where Node globals do not exist.'),
    },
  },
  {
    files: ['main/engine/**'],
    rules: restricted(
      [],
      { group: ELECTRON, message: 'The engine runs without Electron (CLI, server, worker): it never imports electron.' },
      { group: [...HOSTS, ...RENDERER], message: 'The engine is driven by the hosts and never imports them or the renderer.' },
    ),
  },
  {
    files: ['main/hosts/cli/**', 'main/hosts/server/**'],
    rules: restricted(
      [],
      { group: ELECTRON, message: 'Only main/hosts/electron imports electron.' },
      { group: [...RENDERER, '**/hosts/electron/**'], message: 'A host uses the engine and shared/ only.' },
    ),
  },
  {
    files: ['main/hosts/electron/**'],
    rules: restricted([], { group: [...RENDERER, '**/hosts/cli/**', '**/hosts/server/**'], message: 'A host uses the engine and shared/ only.' }),
  },
  {
    // Sandboxed preloads can require only `electron` (and a few polyfills): no Node, no module of ours.
    files: ['main/hosts/electron/preload.cts'],
    rules: restricted(
      builtins('A sandboxed preload may import only electron.'),
      { group: [...NODE, './*', '../*'], message: 'A sandboxed preload may import only electron.' },
    ),
  },
  {
    files: ['renderer/**'],
    ignores: CONFIG_FILES,
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...restricted(
        builtins('The renderer is sandboxed: no Node modules; it reaches the engine through shared/api.'),
        {
          group: [...MAIN, '../main/*', ...NODE, ...ELECTRON],
          message: 'The renderer reaches the engine only through shared/api: no Node, no electron, no main/.',
        },
      ),
      ...noNodeGlobals('The renderer is sandboxed: Node globals do not exist there.'),
      // Log text is data (docs/security.md): nothing in the renderer turns a string into markup.
      'no-restricted-syntax': ['error',
        ...[
          "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          "AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]",
          "CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment|parseFromString)$/]",
          "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]",
        ].map((selector) => ({ selector, message: 'Log text is data: the renderer never builds markup from a string (docs/security.md).' })),
      ],
    },
  },
  {
    files: CONFIG_FILES,
    ...tseslint.configs.disableTypeChecked,
  },
);
