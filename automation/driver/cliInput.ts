// A CLI run with a value on its standard input, which the Automation API cannot give: its
// commands take values on the command line only (see stackConfig.ts for why the password must not).

import { spawn } from "node:child_process";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { CliRunError } from "./errors";
import { StepHooks } from "./options";

export interface InputRun {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly input: string;
  readonly signal?: AbortSignal;
}

export interface RunResult {
  readonly code: number | string;
  readonly stdout: string;
  readonly stderr: string;
}

/** A PulumiCommand that runs the CLI other than as a process (the tests' in-process one) says how. */
interface RunsWithInput {
  runWithInput(args: string[], run: InputRun): Promise<RunResult>;
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

function spawnWithInput(command: string, args: string[], run: InputRun): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: run.cwd, env: run.env, stdio: ["pipe", "pipe", "pipe"] });
    const stdout: string[] = [];
    const stderr: string[] = [];
    child.stdout.on("data", (d: Buffer) => stdout.push(d.toString()));
    child.stderr.on("data", (d: Buffer) => stderr.push(d.toString()));
    const abort = (): void => void child.kill("SIGINT");
    run.signal?.addEventListener("abort", abort, { once: true });
    child.on("error", (err: NodeJS.ErrnoException) => {
      run.signal?.removeEventListener("abort", abort);
      resolve({ code: err.code ?? "error", stdout: "", stderr: err.message });
    });
    child.on("close", (code, signal) => {
      run.signal?.removeEventListener("abort", abort);
      resolve({ code: code ?? signal ?? "error", stdout: stdout.join(""), stderr: stderr.join("") });
    });
    // A CLI that exits before reading stdin (a bad flag, a missing stack) closes the pipe.
    child.stdin.on("error", () => undefined);
    child.stdin.end(run.input);
  });
}

/** `pulumi <args>` in the workspace with `input` on its standard input; a failure is a CliRunError. */
export async function runWithInput(
  ws: LocalWorkspace,
  args: string[],
  input: string,
  hooks: StepHooks = {},
): Promise<void> {
  const command = ws.pulumiCommand as typeof ws.pulumiCommand & Partial<RunsWithInput>;
  const run: InputRun = { cwd: ws.workDir, env: cliEnv(ws), input, signal: hooks.signal };
  const result = command.runWithInput
    ? await command.runWithInput(args, run)
    : await spawnWithInput(command.command, args, run);
  if (result.code !== 0) {
    throw new CliRunError(result.stdout, result.stderr, result.code);
  }
}
