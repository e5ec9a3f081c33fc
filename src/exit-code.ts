/** The process exit code, from the run's data alone. */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGINT, as a shell reports a program ended by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

export interface ExitInput {
  /** Findings still present after the run (with --write: those left unfixed). */
  remainingFindings: number;
  /** Files that should have been written but were not. */
  failedWrites: number;
  exitZero?: boolean;
  /** The interactive review was ended with Ctrl-C. */
  interrupted?: boolean;
}

export function exitCode(input: ExitInput): number {
  if (input.interrupted) return EXIT_INTERRUPTED;
  if (input.exitZero) return EXIT_CLEAN;
  return input.remainingFindings > 0 || input.failedWrites > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}
