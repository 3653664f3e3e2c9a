// The command line: a thin shell over the exported functions. `main` runs one command with the
// streams and environment it is given and returns the exit code; bin.ts gives it the process's.
//   npx rds-secret-share <command> <env> [flags]     (--help lists the commands)

import type { PulumiCommand } from "@pulumi/pulumi/automation";
import { DbUserError } from "../dbuser/errors";
import { commandSpec, commandUsage, usage } from "./commands";
import { CommandLine, parseCommandLine } from "./parse";
import { UsageError } from "./usage";
import { CancelledError, DriverError } from "../driver/errors";
import { CLI_MISSING, cliInstalled } from "../driver/findCli";
import { interruptOnSigint } from "./interrupt";
import { DriverOptions } from "../driver/options";
import { ask, PromptIo } from "./prompt";
import type { Rendered } from "../rendered";

// Each command loads only its own modules (imported where used below): usage errors and a missing
// Pulumi CLI load none of them, `plan` never loads the Automation API, and only db-user, preflight,
// doctor (and deploy and preview, for their preflight) load the database or AWS clients.

/** Where a run reads and writes, and what it runs against. */
export interface Io extends PromptIo {
  readonly stdout: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The project root: Pulumi.yaml and Pulumi.<env>.yaml. @default this checkout */
  readonly root?: string;
  /** The Pulumi CLI to run. @default `pulumi` on PATH, else ~/.pulumi/bin/pulumi */
  readonly pulumiCommand?: () => Promise<PulumiCommand>;
}

/** Exit code of a run cancelled by Ctrl-C, as shells report a SIGINT. */
const INTERRUPTED = 130;

function question(io: Io, cl: Run, signal: AbortSignal): ((q: string) => Promise<boolean>) | undefined {
  if (cl.flags.yes === true) {
    return undefined;
  }
  if (cl.command === "destroy") {
    return (q) => ask(io, `${q}\nType the environment name (${cl.env}) to confirm:`, (a) => a === cl.env, signal);
  }
  return cl.command === "deploy" ? (q) => ask(io, `${q} [y/N]`, (a) => /^y(es)?$/i.test(a), signal) : undefined;
}

/** The environment as the driver takes it: defined values only. */
function definedEnv(env: Io["env"]): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

async function runDriver(io: Io, cl: Run): Promise<Rendered> {
  // Before the Automation API loads: a missing CLI is reported at once. deploy and preview first
  // validate the settings file (which loads neither SDK), so that a user without the CLI still
  // learns about its mistakes; with the CLI, the driver validates it before anything else anyway.
  // outputs and destroy leave the file to the driver: destroy must work on a file that has gone
  // stale (or invalid) since the deploy, and outputs reads only what the stacks hold.
  if (!io.pulumiCommand && !cliInstalled(io.env)) {
    if (cl.command === "deploy" || cl.command === "preview") {
      const [{ prepare }, { PROJECT_ROOT }] = await Promise.all([
        import("../driver/validation"),
        import("../environment"),
      ]);
      prepare(cl.env, io.root ?? PROJECT_ROOT);
    }
    throw new DriverError(CLI_MISSING);
  }
  const { deploy, destroy, outputs, preview, renderDeploy, renderDestroy, renderOutputs, renderPreview } =
    await import("../driver");
  const interrupt = interruptOnSigint((t) => io.stderr.write(t));
  const options: DriverOptions = {
    root: io.root,
    env: definedEnv(io.env),
    pulumiCommand: io.pulumiCommand ? await io.pulumiCommand() : undefined,
    // With --json, stdout holds the result alone; the progress goes to stderr.
    progress: (t) => void (cl.flags.json === true ? io.stderr : io.stdout).write(t),
    signal: interrupt.signal,
    // In a terminal, Ctrl-C reaches the whole foreground process group, the Pulumi CLI included;
    // a run attached to a terminal by any of its streams is taken to be in one. Without one (CI,
    // `kill -INT`), only this process gets the signal and passes it on to the CLI.
    interruptReachesCli: [io.stdin, io.stdout, io.stderr].some((s) => (s as { isTTY?: boolean }).isTTY === true),
    confirm: question(io, cl, interrupt.signal),
    preflight: cl.flags["no-preflight"] !== true,
    strict: cl.flags.strict === true,
  };
  try {
    const rendered = await (async () => {
      switch (cl.command) {
        case "deploy":
          return renderDeploy(await deploy(cl.env, options));
        case "preview":
          return renderPreview(await preview(cl.env, options));
        case "destroy":
          return renderDestroy(await destroy(cl.env, options));
        default:
          return renderOutputs(await outputs(cl.env, options));
      }
    })();
    // The progress showed the warnings already.
    return { ...rendered, warnings: [] };
  } finally {
    interrupt.dispose();
  }
}

/** A command line that runs a command (not one that asks for help). */
type Run = Extract<CommandLine, { kind: "run" }>;

async function run(io: Io, argv: readonly string[]): Promise<number> {
  const cl = parseCommandLine(argv);
  if (cl.kind === "help") {
    const spec = cl.command && commandSpec(cl.command);
    await write(io.stdout, `${spec ? commandUsage(spec) : usage()}\n`);
    return 0;
  }
  const root = { root: io.root };
  const result: Rendered =
    cl.command === "plan"
      ? await (await import("../plan")).planCommand(cl.env, cl.flags, root)
      : cl.command === "db-user"
        ? await (await import("../dbuser")).dbUserCommand(cl.env, cl.flags, { ...root, environment: io.env })
        : cl.command === "preflight" || cl.command === "doctor"
          ? await (await import("../live/command")).liveCommand(cl.command, cl.env, cl.flags, root)
          : await runDriver(io, cl);
  // Warnings go to stderr, so that --json leaves one JSON document alone on stdout.
  for (const line of result.warnings ?? []) {
    await write(io.stderr, `${line}\n`);
  }
  await write(io.stdout, `${cl.flags.json === true ? JSON.stringify(result.json) : result.text}\n`);
  return result.code ?? 0;
}

/** Runs one command line; resolves to its exit code, having written the result or the failure. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await run(io, argv);
  } catch (err) {
    return report(io, err, wantsJson(argv));
  }
}

/** Whether the command line asks for JSON: `--json` among its flags (before any `--`). */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).includes("--json");
}

/** Resolves once `text` is handed to the OS: a pipe may be asynchronous, and exit would cut it. */
function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

async function isKnown(err: unknown): Promise<boolean> {
  if ([UsageError, DriverError, DbUserError].some((c) => err instanceof c)) {
    return true;
  }
  // These come from code that has loaded these modules already; a usage error never loads them.
  const [{ EnvironmentError }, { ConfigError }] = await Promise.all([
    import("../environment"),
    import("../../infra/config/problems"),
  ]);
  return err instanceof EnvironmentError || err instanceof ConfigError;
}

/**
 * Known failures print their message alone; anything else is a bug and keeps its stack trace.
 * With --json, stdout also gets one JSON document, `{"error":{"message","exitCode"}}`, so that a
 * script parsing stdout gets JSON either way; the stack trace stays on stderr.
 */
async function report(io: Io, err: unknown, json: boolean): Promise<number> {
  const known = await isKnown(err);
  const message = err instanceof Error ? err.message : String(err);
  const text = known || !(err instanceof Error) ? message : (err.stack ?? message);
  const exitCode =
    err instanceof CancelledError
      ? INTERRUPTED
      : err instanceof UsageError
        ? 2
        : err instanceof DbUserError
          ? err.exitCode
          : 1;
  await write(io.stderr, `${text}\n`);
  if (json) {
    await write(io.stdout, `${JSON.stringify({ error: { message, exitCode } })}\n`);
  }
  return exitCode;
}
