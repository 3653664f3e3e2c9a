// Errors of `db-user`. Built from safe parts only: a driver's error is never passed on as is,
// because its message or its `sql` property may echo a statement that carried a password.

/** A failure of `db-user` with a message fit to print; it never carries a password or a cause. */
export class DbUserError extends Error {
  /**
   * The command line's exit code: 2 when the owner account's AWS credentials are missing or
   * unusable (as preflight and doctor exit), 1 for any other failure.
   */
  readonly exitCode: 1 | 2;

  constructor(message: string, exitCode: 1 | 2 = 1) {
    super(message);
    this.name = "DbUserError";
    this.exitCode = exitCode;
  }
}

/** What a driver error looks like: pg sets `code` to the SQLSTATE, mysql2 sets `code` and `errno`. */
interface DriverErrorShape {
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly message?: unknown;
}

/** The driver's error code, e.g. `28P01` (pg) or `ER_ACCESS_DENIED_ERROR (1045)` (mysql2). */
export function driverCode(err: unknown): string | undefined {
  const e = (typeof err === "object" && err !== null ? err : {}) as DriverErrorShape;
  const code = typeof e.code === "string" ? e.code : undefined;
  const errno = typeof e.errno === "number" ? e.errno : undefined;
  if (code && errno !== undefined) {
    return `${code} (${errno})`;
  }
  return code ?? (errno !== undefined ? String(errno) : undefined);
}

/** Replaces every secret (and the escaped forms a statement would hold) with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets.filter((s) => s.length > 0)) {
    const forms = [secret, secret.replace(/'/g, "''"), secret.replace(/\\/g, "\\\\").replace(/'/g, "\\'")];
    for (const form of forms) {
      out = out.split(form).join("[redacted]");
    }
  }
  return out;
}

/**
 * A DbUserError for a failed step. `withholdMessage` is for statements that carried a password:
 * then only the driver's code is shown, since a message such as "syntax error near '…'" could
 * quote any part of the statement.
 */
export function stepError(
  what: string,
  err: unknown,
  secrets: readonly string[],
  withholdMessage = false,
  hint = "",
): DbUserError {
  const code = driverCode(err);
  const raw = err instanceof Error ? err.message : String(err);
  const detail = withholdMessage
    ? `${code ?? "error"} (the server's message is withheld because the statement carried a password)`
    : `${code ? `${code}: ` : ""}${redact(raw, secrets)}`;
  return new DbUserError(`db-user: ${what} failed: ${detail}.${hint ? ` ${hint}` : ""}`);
}
