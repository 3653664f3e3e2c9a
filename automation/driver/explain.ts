// How a failed CLI run, as the Automation API reports it, becomes one DriverError naming the stack
// and the cause, with Pulumi's own error text and, where known, the fix.

import { CommandError, ConcurrentUpdateError, StackNotFoundError } from "@pulumi/pulumi/automation";
import { CliRunError, DriverError } from "./errors";

/** Where a failed CLI run happened, for the message. */
export interface Failure {
  readonly stack: string;
  /** What the driver was doing, e.g. `pulumi up`. */
  readonly action: string;
  /** What the failure means for the other stack, e.g. `dev-consumer was not touched.` */
  readonly consequence?: string;
  /** How a shell reaches the same backend, e.g. `PULUMI_BACKEND_URL=… `, or empty. */
  readonly backendPrefix: string;
  readonly backendUrl: string;
}

/** The process's own output, from the execa error the Automation API wraps (never its message). */
interface ProcessOutput {
  readonly stdout?: unknown;
  readonly stderr?: unknown;
  readonly code?: unknown;
}

/** `commandResult` is private in the typings but public at run time. */
function processOutput(err: unknown): ProcessOutput | undefined {
  if (err instanceof CliRunError) {
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
  if (!(err instanceof CommandError)) {
    return undefined;
  }
  const result = (err as unknown as { commandResult?: { stdout: string; stderr: string; err?: ProcessOutput } })
    .commandResult;
  return result?.err ?? { stdout: result?.stdout, stderr: result?.stderr };
}

export function isCliMissing(err: unknown): boolean {
  return processOutput(err)?.code === "ENOENT";
}

const text = (value: unknown): string => (typeof value === "string" ? stripAnsi(value) : "");

/** Pulumi's own error lines: the Diagnostics section of its stdout, then its stderr. */
export function pulumiErrorText(err: unknown): string {
  const output = processOutput(err);
  if (!output) {
    return `  ${err instanceof Error ? err.message : String(err)}`;
  }
  const lines: string[] = [];
  let inDiagnostics = false;
  for (const line of text(output.stdout).split("\n")) {
    if (/^\S/.test(line)) {
      inDiagnostics = line.startsWith("Diagnostics:");
    } else if (inDiagnostics && line.trim() !== "") {
      lines.push(line.replace(/^ {2}/, ""));
    }
  }
  lines.push(
    ...text(output.stderr)
      .split("\n")
      .filter((l) => l.trim() !== ""),
  );
  if (lines.length === 0) {
    lines.push(...text(output.stdout).trim().split("\n").slice(-10));
  }
  return lines.map((l) => `  ${l}`).join("\n");
}

function stripAnsi(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/\u001b\[[0-9;]*m/g, "");
}

/** A failed CLI run as one message naming the stack, the cause and, where known, the fix. */
export function explain(err: unknown, f: Failure): DriverError {
  const tail = f.consequence ? `\n${f.consequence}` : "";
  const stackName = f.stack;
  if (err instanceof ConcurrentUpdateError) {
    const lines = [
      `${f.stack}: another update of this stack is in progress (the stack is locked).`,
      `If no other deployment of ${f.stack} is running (for example one was killed), clear the lock, then run the command again:`,
      `  ${f.backendPrefix}pulumi cancel --yes --stack ${f.stack}`,
    ];
    return new DriverError(lines.join("\n") + tail, { stackName, reason: "locked" });
  }
  if (err instanceof StackNotFoundError) {
    return new DriverError(
      `${f.stack}: no such stack in ${f.backendUrl}. Deploy the environment first, or set PULUMI_BACKEND_URL to the backend that holds it.${tail}`,
      { stackName, reason: "stack-not-found" },
    );
  }
  const pulumiSays = pulumiErrorText(err);
  if (pulumiSays.includes("incorrect passphrase")) {
    return new DriverError(
      `${f.stack}: the passphrase does not decrypt this stack's secrets (incorrect passphrase). Set PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE to the one used when the stack was created.${tail}`,
      { stackName, reason: "passphrase" },
    );
  }
  return new DriverError(`${f.stack}: ${f.action} failed:\n${pulumiSays}${tail}`, { stackName });
}
