import type { BundleSummary } from '../../shared/api.js';
import { formatBytes } from '../format.js';

/** How much of the store's memory budget the loaded events take (docs/benchmarks.md, "Memory"). */
export function MemoryLine({ memory }: { memory: BundleSummary['memory'] }) {
  const heap = memory.heapBytes === null ? '' : ` · heap ${formatBytes(memory.heapBytes)}${memory.heapLimitBytes === null ? '' : ` of ${formatBytes(memory.heapLimitBytes)}`}`;
  return (
    <p className="memory-line" title="The events live in sql.js's WebAssembly heap, which cannot grow past its limit">
      store {formatBytes(memory.storeBytes)}{heap}
    </p>
  );
}
