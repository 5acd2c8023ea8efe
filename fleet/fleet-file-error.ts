/** One thing wrong in a fleet file, at the line and column (both from 1) where it is written. */
export interface FleetProblem {
  file: string;
  line: number;
  column: number;
  /** The entry at fault; absent for problems of the file as a whole (YAML syntax, top-level keys). */
  entry?: string;
  /** The property at fault, such as `contains` or `excludePrefixes[1]`; absent for the entry as a whole. */
  property?: string;
  reason: string;
}

/** Renders a problem the way compilers do, so editors and CI logs can jump to it. */
export function formatProblem(problem: FleetProblem): string {
  const where = [
    problem.entry === undefined ? undefined : `entry "${problem.entry}"`,
    problem.property === undefined ? undefined : `property "${problem.property}"`,
  ].filter((part) => part !== undefined);
  return `${problem.file}:${problem.line}:${problem.column}: ${where.length > 0 ? `${where.join(", ")}: ` : ""}${problem.reason}`;
}

/**
 * Raised when a fleet file cannot be used: every problem found (YAML syntax, duplicate keys, bad entries),
 * each located, in one error, so one run shows everything to fix. It is thrown before anything is declared or
 * written.
 */
export class FleetFileError extends Error {
  // Pulumi's RunError marker (the SDK checks the property, not the class): a program that stops on this
  // error shows the message, which already locates every problem, without a stack trace.
  readonly __pulumiRunError = true;

  constructor(
    readonly file: string,
    readonly problems: readonly FleetProblem[],
  ) {
    super(
      `${file} has ${problems.length} ${problems.length === 1 ? "problem" : "problems"}:\n` +
        problems.map((problem) => `  ${formatProblem(problem)}`).join("\n"),
    );
    this.name = "FleetFileError";
  }
}
