/**
 * A worker thread of the load pool: reads a batch of files and skims each,
 * leaving the files worth parsing to the main thread; or, without root words
 * (every file is parsed), parses them all and returns their facts.
 */
import { readAndLoad, readAndSkim, type LoadResult, type ParseHere } from './load.js';
import { loadPythonParser } from './python/parser.js';

export interface LoadTask {
  paths: string[];
  cwd: string;
  /** The rules' relevance words: a file without any in its code is only skimmed. Null: parse every file. */
  rootWords: string[] | null;
}

export default async function loadBatch(task: LoadTask): Promise<(LoadResult | ParseHere)[]> {
  const rootWords = task.rootWords;
  if (rootWords) return task.paths.map((file) => readAndSkim(file, task.cwd, rootWords));
  await loadPythonParser();
  return task.paths.map((file) => readAndLoad(file, task.cwd, null));
}
