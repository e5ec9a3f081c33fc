// The baseline: a plain tree-sitter parse (the same WebAssembly parser rng-fix uses) of
// every .py file under a folder, split over N worker threads. Prints the file count.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import fastGlob from 'fast-glob';
import { loadPythonParser, parseSync } from '../dist/src/python/parser.js';

if (isMainThread) {
  const [folder, jobsText] = process.argv.slice(2);
  const jobs = Number(jobsText ?? availableParallelism());
  const files = await fastGlob('**/*.py', { cwd: folder, absolute: true, followSymbolicLinks: false });
  const shares = Array.from({ length: jobs }, (_, worker) => files.filter((_, index) => index % jobs === worker));
  await Promise.all(
    shares.map(
      (share) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: share });
          worker.on('message', resolve);
          worker.on('error', reject);
        }),
    ),
  );
  console.log(files.length);
} else {
  await loadPythonParser();
  for (const file of workerData) parseSync(readFileSync(file, 'utf8')).delete();
  parentPort.postMessage('done');
}
