/** Typed errors and the exit codes they map to. Only src/cli.ts turns these into exit codes. */

export const ExitCode = {
  Ready: 0,
  Findings: 1,
  Usage: 2,
  Incomplete: 3,
  Internal: 70,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export abstract class TerwayLintError extends Error {
  abstract readonly exitCode: ExitCodeValue;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A bad flag, value or path on the command line. */
export class UsageError extends TerwayLintError {
  readonly exitCode = ExitCode.Usage;
}

/** A file given to the tool that cannot be read or is invalid. `where` is a line or JSON path. */
export class InputFileError extends TerwayLintError {
  readonly exitCode = ExitCode.Usage;
  constructor(
    readonly file: string,
    readonly where: string | undefined,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}${where ? `:${where}` : ''}: ${detail}`, options);
  }
}

/** The snapshot file is not JSON, has the wrong schemaVersion or violates the schema. */
export class SnapshotError extends InputFileError {}

/** A rule file has a YAML error, an unknown field, a CEL error or an unknown placeholder. */
export class RuleLoadError extends InputFileError {}

/** An output file could not be written. */
export class OutputError extends InputFileError {}
