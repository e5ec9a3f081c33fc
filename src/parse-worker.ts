/** A worker thread of the load pool: reads a batch of files, skims or parses each, and returns what it found. */
import { readAndLoad, type LoadResult } from './load.js';
import { loadPythonParser } from './python/parser.js';

export interface LoadTask {
  paths: string[];
  cwd: string;
  /** The rules' relevance words: a file without any is only skimmed. Null: parse every file. */
  rootWords: string[] | null;
}

export default async function loadBatch(task: LoadTask): Promise<LoadResult[]> {
  await loadPythonParser();
  return task.paths.map((file) => readAndLoad(file, task.cwd, task.rootWords));
}
