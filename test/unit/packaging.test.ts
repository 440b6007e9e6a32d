import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The packaged app without building it (the Electron binary cannot be downloaded here): the
 * electron-builder configuration must put into the package every file the app loads at run time.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  fileAssociations: { ext: string }[];
}

const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };

/** electron-builder's `files`: a path is packaged when a pattern takes it and no later `!pattern` drops it. */
function packaged(path: string): boolean {
  let taken = false;
  for (const pattern of config.files) {
    if (pattern.startsWith('!')) {
      if (minimatch(path, pattern.slice(1), { dot: true })) taken = false;
    } else if (minimatch(path, pattern, { dot: true })) taken = true;
  }
  return taken;
}

function filesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

describe('the packaged desktop app (electron-builder.yml)', () => {
  it('holds the main process, the preload, the store worker and the renderer the app loads', () => {
    // The compiled layout: tsc writes dist/main (the preload as .cjs), vite writes dist/renderer.
    for (const path of [pkg.main, 'dist/main/hosts/electron/preload.cjs', 'dist/main/engine/store/store-worker.js', 'dist/main/engine/demo/demo-bundle.js', 'dist/renderer/index.html', 'dist/renderer/assets/index-a1b2c3.js']) {
      expect(packaged(path), path).toBe(true);
    }
    expect(packaged('package.json')).toBe(true);
  });

  it('holds every format, rule and value list the engine reads from shared/ at run time', () => {
    const data = [...filesUnder('shared/formats'), ...filesUnder('shared/rules')].filter((path) => !path.endsWith('.ts'));
    expect(data.length).toBeGreaterThan(30);
    for (const path of data) expect(packaged(path), path).toBe(true);
  });

  it('leaves out the tests, their fixtures and source maps', () => {
    for (const path of ['dist/test/e2e/app.test.js', 'dist/test/fixtures/sos-report.js', 'dist/main/engine/analyze.js.map']) expect(packaged(path), path).toBe(false);
  });

  it('unpacks sql.js\'s WebAssembly from the asar, and ships the libraries the engine needs', () => {
    expect(config.asarUnpack.some((pattern) => minimatch('node_modules/sql.js/dist/sql-wasm.wasm', pattern))).toBe(true);
    // Only production dependencies go into the package's node_modules.
    for (const name of ['sql.js', 'pdfkit', 're2js', 'yaml', 'zod', 'ws']) expect(pkg.dependencies, name).toHaveProperty(name);
  });

  it('opens .mfw session files by association', () => {
    expect(config.fileAssociations.map((a) => a.ext)).toContain('mfw');
  });
});
