/**
 * A worker thread of the survey pool: reads a chunk of files and surveys each
 * (skims it, and tells whether its code has root words); the engine parses
 * the files worth parsing later, batch by batch, in its own thread.
 */
import { readAndSurvey, type FileProblem, type SurveyedFile } from './load.js';

export interface SurveyTask {
  paths: string[];
  cwd: string;
  /** The rules' relevance words. Null: every file is worth parsing. */
  rootWords: string[] | null;
}

export default function surveyChunk(task: SurveyTask): (SurveyedFile | { problem: FileProblem })[] {
  return task.paths.map((file) => readAndSurvey(file, task.cwd, task.rootWords));
}
