/** The process exit code, from the run's data alone. */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export interface ExitInput {
  /** Findings still present after the run (with --write: those left unfixed). */
  remainingFindings: number;
  /** Files that should have been written but were not. */
  failedWrites: number;
  exitZero?: boolean;
}

export function exitCode(input: ExitInput): number {
  if (input.exitZero) return EXIT_CLEAN;
  return input.remainingFindings > 0 || input.failedWrites > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}
