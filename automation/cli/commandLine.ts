// `cli.ts <command> <env> [--yes] [--json] [other --flags]`, parsed.

export const DRIVER_COMMANDS = ["deploy", "preview", "destroy", "outputs"] as const;
export const COMMANDS = [...DRIVER_COMMANDS, "plan", "db-user", "preflight", "doctor"] as const;
export type Command = (typeof COMMANDS)[number];

/** Flags that never take a value, so `--json dev` cannot read `dev` as its value. */
const BOOLEAN_FLAGS = ["yes", "json", "no-preflight", "strict", "all-services"];
/** What each command accepts; plan and db-user check their own. */
const FLAGS: Partial<Record<Command, readonly string[]>> = {
  deploy: ["yes", "json", "no-preflight", "strict"],
  preview: ["yes", "json", "no-preflight", "strict"],
  destroy: ["yes", "json"],
  outputs: ["yes", "json"],
  preflight: ["json", "strict"],
  doctor: ["json", "all-services"],
};

export const USAGE = [
  "usage: cli.ts <command> <env> [--yes] [--json] [--flags]",
  "  deploy   <env>  up <env>-owner, wire its outputs into <env>-consumer, up <env>-consumer",
  "  preview  <env>  preview both stacks",
  "  destroy  <env>  destroy <env>-consumer, then <env>-owner (asks first unless --yes)",
  "  outputs  <env>  both stacks' outputs, secrets masked",
  "  plan     <env>  offline: every resource and policy, per account (no Pulumi CLI, no AWS)",
  "  db-user  <env>  create or update the database user from the shared secret",
  "  preflight <env> ask AWS, read-only, whether a deploy can work (deploy and preview run it first)",
  "  doctor   <env>  ask AWS, read-only, whether the deployed share works",
  "  --yes skips the question; --json prints one JSON document on stdout and nothing else",
  "  --no-preflight skips preflight; --strict makes its rotation findings block; doctor --all-services",
  "  counts stale tasks in every service running a consumer's family",
].join("\n");

export class UsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n${USAGE}`);
    this.name = "UsageError";
  }
}

export interface CommandLine {
  readonly command: Command;
  readonly env: string;
  /** `--name value` → {name: "value"}, `--name` or `--name` before another flag → {name: true}. */
  readonly flags: Readonly<Record<string, string | boolean>>;
}

export function parseCommandLine(argv: readonly string[]): CommandLine {
  const [command, env, ...rest] = argv;
  if (!(COMMANDS as readonly string[]).includes(command ?? "")) {
    throw new UsageError(`unknown command ${JSON.stringify(command ?? "")}; the commands are ${COMMANDS.join(", ")}.`);
  }
  if (env === undefined || env.startsWith("--")) {
    throw new UsageError(`${command} needs an environment name (the <env> of Pulumi.<env>.yaml) right after it.`);
  }
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith("--") || arg === "--") {
      throw new UsageError(`unexpected argument ${JSON.stringify(arg)}.`);
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const next = rest[i + 1];
    if (inline !== undefined) {
      flags[name] = inline;
    } else if (!BOOLEAN_FLAGS.includes(name) && next !== undefined && !next.startsWith("--")) {
      flags[name] = next;
      i++;
    } else {
      flags[name] = true;
    }
  }
  const allowed = FLAGS[command as Command];
  if (allowed !== undefined) {
    const unknown = Object.keys(flags).filter((f) => !allowed.includes(f));
    if (unknown.length > 0) {
      const names = allowed.map((f) => `--${f}`);
      const list = `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
      throw new UsageError(`${command} takes ${list}; got --${unknown.join(", --")}.`);
    }
  }
  return { command: command as Command, env, flags };
}
