// The command line's one table: every command, its flags, each with one line of description, and
// an example. The parser (parse.ts) and the help text are both generated from it. Loads nothing.

export const COMMAND_NAMES = [
  "plan",
  "preflight",
  "preview",
  "deploy",
  "db-user",
  "doctor",
  "outputs",
  "destroy",
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export interface Flag {
  /** The long name, without `--`. */
  readonly name: string;
  readonly short?: string;
  /** What the value is called in help, e.g. `<file>`; a flag without one is a switch. */
  readonly value?: string;
  /** The values allowed, checked by the parser. */
  readonly choices?: readonly string[];
  /** A flag this one cannot be given with: any value of it, or only `values`, for `reason`. */
  readonly conflictsWith?: string | Conflict;
  readonly description: string;
}

export interface Conflict {
  readonly flag: string;
  /** The values of `flag` refused; every value when absent. */
  readonly values?: readonly string[];
  /** Why, for the message. */
  readonly reason: string;
}

export interface CommandSpec {
  readonly name: CommandName;
  /** One line, for the list of commands. */
  readonly summary: string;
  /** What it needs: nothing, AWS credentials, the Pulumi CLI… */
  readonly needs: string;
  readonly flags: readonly Flag[];
  readonly examples: readonly string[];
}

export const JSON_FLAG: Flag = { name: "json", description: "print one JSON document on stdout and nothing else" };
export const HELP_FLAG: Flag = { name: "help", short: "h", description: "show this help" };
const YES: Flag = { name: "yes", description: "do not ask for confirmation (scripts, CI)" };
const NO_PREFLIGHT: Flag = { name: "no-preflight", description: "skip preflight (the read-only checks asked of AWS)" };
const STRICT: Flag = { name: "strict", description: "preflight's rotation warnings block too" };

export const COMMAND_SPECS: readonly CommandSpec[] = [
  {
    name: "plan",
    summary: "every resource and policy each account gets, offline",
    needs: "nothing: no AWS, no Pulumi CLI",
    flags: [
      {
        name: "format",
        value: "<format>",
        choices: ["text", "json", "mermaid"],
        description: "text (default), json, or mermaid for a diagram",
      },
      {
        ...JSON_FLAG,
        conflictsWith: { flag: "format", values: ["text", "mermaid"], reason: "--json is --format json" },
        description: "the same as --format json",
      },
      {
        name: "part",
        value: "<part>",
        choices: ["all", "owner", "consumer"],
        description: "plan one part as the driver deploys it: owner (<env>-owner) or consumer (<env>-consumer)",
      },
      {
        name: "deployer-policy",
        conflictsWith: {
          flag: "format",
          values: ["mermaid"],
          reason: "a diagram cannot show a policy; it prints as text, or as JSON with --json",
        },
        description: "print the IAM policy each account's deploying role needs instead (text, or with --json)",
      },
    ],
    examples: ["npx rds-secret-share plan dev", "npx rds-secret-share plan dev --part owner --json > plan.json"],
  },
  {
    name: "preflight",
    summary: "ask AWS, read-only, whether a deploy can work",
    needs: "AWS credentials for each account",
    flags: [STRICT, JSON_FLAG],
    examples: ["npx rds-secret-share preflight dev", "npx rds-secret-share preflight prod --strict"],
  },
  {
    name: "preview",
    summary: "preflight, then preview <env>-owner and <env>-consumer",
    needs: "the Pulumi CLI and AWS credentials",
    flags: [NO_PREFLIGHT, STRICT, JSON_FLAG],
    examples: ["npx rds-secret-share preview dev"],
  },
  {
    name: "deploy",
    summary: "preflight, then deploy <env>-owner and <env>-consumer",
    needs: "the Pulumi CLI and AWS credentials",
    flags: [YES, NO_PREFLIGHT, STRICT, JSON_FLAG],
    examples: ["npx rds-secret-share deploy dev", "npx rds-secret-share deploy prod --yes --json > result.json"],
  },
  {
    name: "db-user",
    summary: "step ③: create or update the database user from the secret",
    needs: "AWS credentials for the owner account and a route to the database",
    flags: [
      { name: "dry-run", description: "say what would change; change nothing" },
      { name: "ca-bundle", value: "<file>", description: "trust exactly the CAs in this PEM file" },
      { name: "no-tls", conflictsWith: "ca-bundle", description: "connect without TLS (a local server only)" },
      { ...YES, description: "accepted and ignored: db-user asks no questions" },
      JSON_FLAG,
    ],
    examples: [
      "npx rds-secret-share db-user dev --dry-run",
      "npx rds-secret-share db-user dev --ca-bundle global-bundle.pem",
    ],
  },
  {
    name: "doctor",
    summary: "ask AWS, read-only, whether the deployed share is healthy",
    needs: "the Pulumi CLI (for the outputs) and AWS credentials",
    flags: [
      { name: "all-services", description: "count stale tasks in every service running a consumer's family" },
      JSON_FLAG,
    ],
    examples: ["npx rds-secret-share doctor dev", "npx rds-secret-share doctor prod --all-services --json"],
  },
  {
    name: "outputs",
    summary: "both stacks' outputs, secrets masked",
    needs: "the Pulumi CLI",
    flags: [JSON_FLAG],
    examples: ["npx rds-secret-share outputs dev"],
  },
  {
    name: "destroy",
    summary: "destroy <env>-consumer, then <env>-owner",
    needs: "the Pulumi CLI and AWS credentials",
    flags: [{ ...YES, description: "do not ask you to type the environment's name" }, JSON_FLAG],
    examples: ["npx rds-secret-share destroy dev"],
  },
];

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMAND_SPECS.find((c) => c.name === name);
}

/** `--ca-bundle <file>`, `-h, --help`. */
function flagLabel(f: Flag): string {
  return `${f.short ? `-${f.short}, ` : ""}--${f.name}${f.value ? ` ${f.value}` : ""}`;
}

function columns(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

/** `rds-secret-share --help`: every command. */
export function usage(): string {
  return [
    "rds-secret-share: share an RDS credentials secret in Secrets Manager with ECS tasks in other AWS accounts",
    "",
    "Usage: npx rds-secret-share <command> <env> [flags]",
    "",
    "Commands:",
    ...columns(COMMAND_SPECS.map((c) => [`${c.name} <env>`, c.summary])),
    "",
    "Flags of every command:",
    ...columns([JSON_FLAG, HELP_FLAG].map((f) => [flagLabel(f), f.description])),
    "",
    "<env> names the settings file Pulumi.<env>.yaml in the project root.",
    "Exit codes: 0 success, 1 failure or findings, 2 usage or missing credentials, 130 interrupted.",
    "",
    "Examples:",
    "  npx rds-secret-share plan dev",
    "  npx rds-secret-share deploy dev --help",
    "",
    "More: README.md and docs/ in the project.",
  ].join("\n");
}

/** `rds-secret-share <command> --help`: its flags and examples. */
export function commandUsage(spec: CommandSpec): string {
  const choices = (f: Flag): string => (f.choices ? ` (${f.choices.join(", ")})` : "");
  return [
    `Usage: npx rds-secret-share ${spec.name} <env> [flags]`,
    "",
    `${spec.summary[0].toUpperCase()}${spec.summary.slice(1)}. Needs ${spec.needs}.`,
    "",
    "Flags:",
    ...columns([...spec.flags, HELP_FLAG].map((f) => [flagLabel(f), `${f.description}${choices(f)}`])),
    "",
    "Examples:",
    ...spec.examples.map((e) => `  ${e}`),
  ].join("\n");
}
