import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer is built on its own: plain React with the automatic JSX runtime, no plugins
// (vite 8 transforms TSX with Oxc; `esbuild` options are deprecated there).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative URLs: the app loads dist/renderer/index.html from file://, not from a server root.
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Electron's Chromium preloads modules natively; the polyfill would only add fetch() code.
    modulePreload: { polyfill: false },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
});
