// The fake CLI in the test's own process: a PulumiCommand whose `run` calls cli.js directly
// instead of starting `pulumi`, so the real Automation API above it builds the same command lines,
// reads the same output and gets the same errors, without a process per command. What it does
// in place of the process is what the Automation API's `exec` (@pulumi/pulumi/automation/cmd.js)
// and execa do: the same environment, output streamed as it comes, SIGINT on abort, a failure
// wrapped as an execa error in a CommandError. `runWithInput` is the driver's `config set` with the
// value on standard input (automation/driver/cliInput.ts), which PulumiCommand has no way to do.
"use strict";

const path = require("node:path");
const { PulumiCommand } = require("@pulumi/pulumi/automation");
const { CommandResult, parseAndValidatePulumiVersion } = require("@pulumi/pulumi/automation/cmd");
const { createCommandError } = require("@pulumi/pulumi/automation/errors");
const { minimumVersion } = require("@pulumi/pulumi/automation/minimumVersion");
const { run } = require("./cli");

/** The fake's executable: messages and the environment name it as they would name the real one. */
const COMMAND = path.join(__dirname, "bin", "pulumi");

/** Invocations still running, by their pid; from 10 000 000, above any real pid (at most 2^22). */
const running = new Map();
let lastPid = 10_000_000;

/** One invocation as a process would run it: its output collected and streamed, SIGINT deliverable. */
async function invoke(argv, { cwd, env, input = "", onOutput, onError, signal }) {
  const stdout = [];
  const stderr = [];
  const handlers = [];
  const pid = ++lastPid;
  const proc = {
    pid,
    cwd,
    env,
    stdin: () => input,
    out: (text) => void (stdout.push(text), onOutput?.(text)),
    err: (text) => void (stderr.push(text), onError?.(text)),
    onSigint: (handler) => handlers.push(handler),
    // No process start-up to wait for: a second SIGINT, if sent, arrives at once.
    cancelDelayMs: 100,
  };
  const kill = () => handlers.forEach((h) => h());
  running.set(pid, kill);
  signal?.addEventListener("abort", kill);
  let code;
  try {
    code = await run(argv, proc);
  } catch (err) {
    // What Node does with an uncaught error: the stack on stderr, exit code 1.
    proc.err(`${err.stack}\n`);
    code = 1;
  } finally {
    running.delete(pid);
    signal?.removeEventListener("abort", kill);
  }
  // execa drops one final newline.
  const strip = (chunks) => chunks.join("").replace(/\r?\n$/, "");
  return { code, stdout: strip(stdout), stderr: strip(stderr) };
}

/** Delivers SIGINT to a running invocation, as a terminal's Ctrl-C would reach the CLI. */
function interrupt(pid) {
  const kill = running.get(pid);
  if (!kill) {
    throw new Error(`no in-process CLI invocation ${pid} is running`);
  }
  kill();
}

class InProcessPulumi extends PulumiCommand {
  /** As PulumiCommand.get finds a CLI: by running `pulumi version`, in a process with `env`. */
  static async get(env = process.env) {
    const result = await invoke(["version"], { cwd: process.cwd(), env: { ...env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
    return new InProcessPulumi(parseAndValidatePulumiVersion(minimumVersion, result.stdout.trim(), false));
  }

  constructor(version) {
    super(COMMAND, version);
  }

  async run(args, cwd, additionalEnv, onOutput, onError, signal) {
    if (!args.includes("--non-interactive")) {
      args.push("--non-interactive");
    }
    const env = {
      ...process.env,
      ...additionalEnv,
      PATH: `${path.dirname(this.command)}${path.delimiter}${additionalEnv.PATH || process.env.PATH}`,
      PULUMI_AUTOMATION_API: "true",
    };
    const result = await invoke(args, { cwd, env, onOutput, onError, signal });
    if (result.code === 0) {
      return new CommandResult(result.stdout, result.stderr, 0);
    }
    const error = new Error(
      [`Command failed with exit code ${result.code}: ${this.command} ${args.join(" ")}`, result.stderr, result.stdout]
        .filter(Boolean)
        .join("\n"),
    );
    Object.assign(error, { exitCode: result.code, stdout: result.stdout, stderr: result.stderr, failed: true });
    throw createCommandError(new CommandResult("", error.message, -2, error));
  }

  /** `pulumi <args>` with `input` on standard input; resolves to { code, stdout, stderr }. */
  runWithInput(args, { cwd, env, input, signal }) {
    return invoke(args, { cwd, env, input, signal });
  }
}

/** `pulumi <args>` as a shell would run it; resolves to { code, stdout, stderr }. */
function runCli(args, { cwd, env }) {
  return invoke([...args], { cwd, env });
}

module.exports = { InProcessPulumi, interrupt, runCli };
