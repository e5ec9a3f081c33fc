/** Findings as one JSON object: stable keys, paths relative to the working directory. */
import type { Finding, FileProblem, ProposedRewrite } from '../engine.js';

export interface JsonReportInput {
  version: string;
  findings: Finding[];
  problems: FileProblem[];
  filesScanned: number;
  /** Proposed diffs (with --dry-run) or nothing. */
  rewrites?: ProposedRewrite[];
  /** Files written (with --write). */
  written?: string[];
}

export function formatJson(input: JsonReportInput): string {
  const report = {
    version: input.version,
    filesScanned: input.filesScanned,
    findings: input.findings,
    problems: input.problems,
    ...(input.rewrites ? { fixes: input.rewrites.map(({ path, diff }) => ({ path, diff })) } : {}),
    ...(input.written ? { written: input.written } : {}),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
