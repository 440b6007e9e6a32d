import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { declaredMemoryMaximum } from '../../../../main/engine/store/wasm-memory.js';
import { openStore } from '../../../../main/engine/store/store.js';

/** A WebAssembly module holding only a memory section with these limits. */
function moduleWithMemory(min: number, max?: number): Uint8Array<ArrayBuffer> {
  const limits = max === undefined ? [0x00, min] : [0x01, min, max];
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x05, limits.length + 1, 0x01, ...limits]);
}

describe('the store\'s memory budget', () => {
  it('reads the maximum a module declares for its memory, in bytes', () => {
    expect(declaredMemoryMaximum(moduleWithMemory(1, 2))).toBe(2 * 65_536);
    expect(declaredMemoryMaximum(moduleWithMemory(1))).toBeNull();
    expect(new WebAssembly.Module(moduleWithMemory(1, 2))).toBeInstanceOf(WebAssembly.Module); // the bytes are a real module
  });

  it('is sql.js\'s 2 GiB heap, reported with the store\'s size', async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm'));
    expect(declaredMemoryMaximum(wasm)).toBe(2 * 2 ** 30);
    const store = await openStore({ inThread: true });
    try {
      const use = await store.memoryBytes();
      expect(use.databaseBytes).toBeGreaterThan(0);
      expect(use.heapLimitBytes === null || use.heapLimitBytes === 2 * 2 ** 30).toBe(true);
    } finally {
      await store.close();
    }
  });
});
