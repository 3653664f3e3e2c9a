// The command line: a thin shell over the exported functions.
// node -r ts-node/register/transpile-only automation/cli.ts <command> <env> [--yes] [--json] [--flags]

import { ConfigError } from "../../infra/config/problems";
import { DbUserError } from "../dbuser/errors";
import { CommandLine, parseCommandLine, UsageError } from "./commandLine";
import { CancelledError, DriverError } from "../driver/errors";
import { interruptOnSigint } from "./interrupt";
import { DriverOptions } from "../driver/options";
import { ask } from "./prompt";
import type { Rendered } from "../rendered";
import { EnvironmentError } from "../environment";
import { PlanUsageError } from "../plan/errors";

// Each command loads only its own modules (imported where used below): `npm start` (plan) never
// loads the Automation API, and only db-user loads the database and AWS clients.

/** Exit code of a run cancelled by Ctrl-C, as shells report a SIGINT. */
const INTERRUPTED = 130;

function question(cl: CommandLine, signal: AbortSignal): ((q: string) => Promise<boolean>) | undefined {
  if (cl.flags.yes === true) {
    return undefined;
  }
  if (cl.command === "destroy") {
    return (q) => ask(`${q}\nType the environment name (${cl.env}) to confirm:`, (a) => a === cl.env, signal);
  }
  return cl.command === "deploy" ? (q) => ask(`${q} [y/N]`, (a) => /^y(es)?$/i.test(a), signal) : undefined;
}

async function runDriver(cl: CommandLine): Promise<Rendered> {
  const { deploy, destroy, outputs, preview, renderDeploy, renderDestroy, renderOutputs, renderPreview } =
    await import("../driver");
  const interrupt = interruptOnSigint((t) => process.stderr.write(t));
  const options: DriverOptions = {
    progress: cl.flags.json === true ? undefined : (t) => void process.stdout.write(t),
    signal: interrupt.signal,
    // In a terminal, Ctrl-C reaches the whole foreground process group, the Pulumi CLI included;
    // a run attached to a terminal by any of its streams is taken to be in one. Without one (CI,
    // `kill -INT`), only this process gets the signal and passes it on to the CLI.
    interruptReachesCli: [process.stdin, process.stdout, process.stderr].some((s) => s.isTTY === true),
    confirm: question(cl, interrupt.signal),
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
    // Without --json the progress showed the warnings already.
    return cl.flags.json === true ? rendered : { ...rendered, warnings: [] };
  } finally {
    interrupt.dispose();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const cl = parseCommandLine(argv);
  const result: Rendered =
    cl.command === "plan"
      ? await (await import("../plan")).planCommand(cl.env, cl.flags)
      : cl.command === "db-user"
        ? await (await import("../dbuser")).dbUserCommand(cl.env, cl.flags)
        : cl.command === "preflight" || cl.command === "doctor"
          ? await (await import("../live/command")).liveCommand(cl.command, cl.env, cl.flags)
          : await runDriver(cl);
  // Warnings go to stderr, so that --json leaves one JSON document alone on stdout.
  for (const line of result.warnings ?? []) {
    await write(process.stderr, `${line}\n`);
  }
  await write(process.stdout, `${cl.flags.json === true ? JSON.stringify(result.json) : result.text}\n`);
  return result.code ?? 0;
}

/** Resolves once `text` is handed to the OS: a pipe may be asynchronous, and exit would cut it. */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

/** Known failures print their message alone; anything else is a bug and keeps its stack trace. */
async function report(err: unknown): Promise<number> {
  const known = [UsageError, PlanUsageError, DriverError, ConfigError, EnvironmentError, DbUserError].some(
    (c) => err instanceof c,
  );
  const text = known ? (err as Error).message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  await write(process.stderr, `${text}\n`);
  const usage = err instanceof UsageError || err instanceof PlanUsageError;
  return err instanceof CancelledError ? INTERRUPTED : usage ? 2 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  async (err: unknown) => process.exit(await report(err)),
);
