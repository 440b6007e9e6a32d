import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The maximum size of the linear memory a WebAssembly module declares (its memory section), in
 * bytes; null when it declares none or no maximum. sql.js's heap cannot grow past it, so it is
 * the store's memory budget (docs/benchmarks.md, "Memory").
 */
export function declaredMemoryMaximum(wasm: Uint8Array): number | null {
  const MEMORY_SECTION = 5;
  const PAGE = 65_536;
  let at = 8; // magic and version
  const leb = (): number => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = wasm[at++];
      if (byte === undefined) throw new RangeError('the WebAssembly module ends inside a number');
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return value;
      shift += 7;
    }
  };
  while (at < wasm.length) {
    const id = wasm[at++];
    const size = leb();
    const end = at + size;
    if (id === MEMORY_SECTION && leb() > 0) {
      const flags = leb();
      leb(); // minimum
      return flags & 1 ? leb() * PAGE : null;
    }
    at = end;
  }
  return null;
}

/**
 * The store's heap budget without starting sql.js: the maximum its WebAssembly module declares
 * (null when it declares none).
 */
export function storeHeapLimitBytes(): number | null {
  const wasmFile = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
  return declaredMemoryMaximum(readFileSync(wasmFile));
}
