// The one secret the driver stores: `pulumi config set --secret <key>` with the value on the CLI's
// standard input. The Automation API's setConfig puts the value on the command line, where any
// local user sees it in `ps` and process accounting keeps it; the CLI reads the value from stdin
// when it is given no value and stdin is not a terminal (dropping one trailing newline).

import { spawn } from "node:child_process";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import type { StepHooks } from "./step";

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

/** The environment the Automation API gives the CLI, so this run reaches the same backend. */
function cliEnv(ws: LocalWorkspace): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(ws.pulumiHome ? { PULUMI_HOME: ws.pulumiHome } : {}),
    ...ws.envVars,
    PULUMI_AUTOMATION_API: "true",
  };
  const command = ws.pulumiCommand.command;
  if (path.isAbsolute(command)) {
    // As the Automation API does: the CLI's own folder first, for its bundled plugins.
    env.PATH = `${path.dirname(command)}${path.delimiter}${ws.envVars.PATH ?? process.env.PATH ?? ""}`;
  }
  return env;
}

export function setSecretConfig(
  ws: LocalWorkspace,
  stack: string,
  key: string,
  value: string,
  hooks: StepHooks = {},
): Promise<void> {
  const args = ["config", "set", key, "--secret", "--stack", stack, "--non-interactive"];
  return new Promise((resolve, reject) => {
    const child = spawn(ws.pulumiCommand.command, args, {
      cwd: ws.workDir,
      env: cliEnv(ws),
      stdio: ["pipe", "pipe", "pipe"],
    });
    const stdout: string[] = [];
    const stderr: string[] = [];
    child.stdout.on("data", (d: Buffer) => stdout.push(d.toString()));
    child.stderr.on("data", (d: Buffer) => stderr.push(d.toString()));
    const abort = (): void => void child.kill("SIGINT");
    hooks.signal?.addEventListener("abort", abort, { once: true });
    child.on("error", (err: NodeJS.ErrnoException) => {
      hooks.signal?.removeEventListener("abort", abort);
      reject(new CliRunError("", err.message, err.code ?? "error"));
    });
    child.on("close", (code, signal) => {
      hooks.signal?.removeEventListener("abort", abort);
      if (code === 0) {
        resolve();
      } else {
        reject(new CliRunError(stdout.join(""), stderr.join(""), code ?? signal ?? "error"));
      }
    });
    // A CLI that exits before reading stdin (a bad flag, a missing stack) closes the pipe.
    child.stdin.on("error", () => undefined);
    child.stdin.end(value);
  });
}
