import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer is built on its own: plain React with the automatic JSX runtime, no plugins.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: { outDir: '../dist/renderer', emptyOutDir: true },
  oxc: { jsx: { runtime: 'automatic' } },
});
