/** A worker thread of the parse pool: loads a batch of files and returns their facts. */
import { loadProjectFile, type LoadResult } from './load.js';
import { loadPythonParser } from './python/parser.js';

export interface ParseTask {
  paths: string[];
  cwd: string;
}

export default async function parseBatch(task: ParseTask): Promise<LoadResult[]> {
  await loadPythonParser();
  return task.paths.map((file) => loadProjectFile(file, task.cwd));
}
