// Preloaded into the CLI by bench/heap.mjs (node --import): when the process
// ends, writes a heap snapshot of the main thread to RNG_FIX_HEAP_SNAPSHOT and
// the process's memory figures (JSON) to RNG_FIX_HEAP_STATS, so that src/ needs
// no hook of its own. A snapshot is taken after a full garbage collection, so it
// holds what is still reachable when the scan has finished.
import { writeFileSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.on('exit', () => {
    const usage = process.memoryUsage();
    const stats = { ...usage, maxRSS: process.resourceUsage().maxRSS * 1024 };
    if (process.env.RNG_FIX_HEAP_STATS) writeFileSync(process.env.RNG_FIX_HEAP_STATS, JSON.stringify(stats));
    if (process.env.RNG_FIX_HEAP_SNAPSHOT) writeHeapSnapshot(process.env.RNG_FIX_HEAP_SNAPSHOT);
  });
}
