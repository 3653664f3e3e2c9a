// Failures of the driver, each naming the stack and the cause. (explain.ts maps the Automation
// API's errors onto them; this file stays free of it, so the command line loads it cheaply.)

/** What went wrong, for callers that act on it (destroy skips a stack that does not exist). */
export type FailureReason = "stack-not-found" | "locked" | "passphrase" | "cancelled" | "other";

export class DriverError extends Error {
  /** The stack the failure concerns, when there is one. */
  readonly stackName?: string;
  readonly reason: FailureReason;

  /**
   * A CLI error is never kept as `cause`: its message holds the whole command line and the CLI's
   * output, which are summarised instead.
   */
  constructor(message: string, opts: { stackName?: string; reason?: FailureReason; cause?: Error } = {}) {
    super(message, opts.cause ? { cause: opts.cause } : undefined);
    this.name = "DriverError";
    this.stackName = opts.stackName;
    this.reason = opts.reason ?? "other";
  }
}

/** The run was interrupted (Ctrl-C or an aborted signal); no further stack was started. */
export class CancelledError extends DriverError {
  constructor(message: string, stackName?: string) {
    super(message, { stackName, reason: "cancelled" });
    this.name = "CancelledError";
  }
}

/** A CLI run the driver made itself that exited non-zero; shaped like the Automation API's. */
export class CliRunError extends Error {
  constructor(
    readonly stdout: string,
    readonly stderr: string,
    readonly code: number | string,
  ) {
    super(`pulumi exited with ${code}`);
    this.name = "CliRunError";
  }
}
