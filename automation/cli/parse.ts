// `rds-secret-share <command> <env> [flags]`, parsed with node:util's parseArgs against the
// command's flags in commands.ts. Every mistake is one UsageError (exit 2) that says what is
// allowed; nothing is loaded and nothing runs before the whole line is understood.

import { parseArgs, ParseArgsConfig } from "node:util";
import { COMMAND_NAMES, CommandName, commandSpec, CommandSpec, Flag, HELP_FLAG } from "./commands";
import { UsageError } from "./usage";
import { envNameProblem, isEnvName } from "../envName";

/** Flag name → its value: true for a switch given, the text for a flag with a value. */
export type Flags = Readonly<Record<string, string | boolean | undefined>>;

export type CommandLine =
  | { readonly kind: "help"; readonly command?: CommandName }
  | { readonly kind: "run"; readonly command: CommandName; readonly env: string; readonly flags: Flags };

const HELP_WORDS = ["help", "--help", "-h"];

export function parseCommandLine(argv: readonly string[]): CommandLine {
  const [first, ...rest] = argv;
  if (first === undefined) {
    throw new UsageError("no command given.");
  }
  if (HELP_WORDS.includes(first)) {
    const named = first === "help" ? rest[0] : undefined;
    return named === undefined ? { kind: "help" } : { kind: "help", command: knownCommand(named).name };
  }
  const spec = knownCommand(first);
  if (rest.some((a) => a === "--help" || a === "-h")) {
    return { kind: "help", command: spec.name };
  }
  const flags = [...spec.flags, HELP_FLAG];
  checkFlagNames(spec, flags, rest);
  const { values, positionals } = parseOrExplain(spec, flags, rest);
  if (positionals.length === 0) {
    throw new UsageError(
      `${spec.name} needs an environment name (the <env> of Pulumi.<env>.yaml) right after it.`,
      spec,
    );
  }
  if (positionals.length > 1) {
    throw new UsageError(`${spec.name}: unexpected argument ${JSON.stringify(positionals[1])}.`, spec);
  }
  if (!isEnvName(positionals[0])) {
    throw new UsageError(`${spec.name}: ${envNameProblem(positionals[0])}`, spec);
  }
  checkValues(spec, values);
  return { kind: "run", command: spec.name, env: positionals[0], flags: values };
}

function knownCommand(name: string): CommandSpec {
  const spec = commandSpec(name);
  if (spec === undefined) {
    throw new UsageError(`unknown command ${JSON.stringify(name)}; the commands are ${COMMAND_NAMES.join(", ")}.`);
  }
  return spec;
}

/** `--dryrun` → `--dry-run`: the flag meant when only hyphens or case differ. */
function meant(given: string, flags: readonly Flag[]): string {
  const bare = (s: string): string => s.replace(/-/g, "").toLowerCase();
  const found = flags.find((f) => bare(f.name) === bare(given));
  return found ? ` Did you mean --${found.name}?` : "";
}

/** Unknown flags are named here, before parseArgs, so the message can list the command's own. */
function checkFlagNames(spec: CommandSpec, flags: readonly Flag[], args: readonly string[]): void {
  const end = args.indexOf("--");
  for (const arg of end < 0 ? args : args.slice(0, end)) {
    const long = /^--([^=]+)/.exec(arg)?.[1];
    const short = /^-([^-])/.exec(arg)?.[1];
    const known = long !== undefined ? flags.some((f) => f.name === long) : flags.some((f) => f.short === short);
    if ((long !== undefined || short !== undefined) && !known) {
      const name = long !== undefined ? `--${long}` : `-${short}`;
      const takes = spec.flags.map((f) => `--${f.name}${f.value ? ` ${f.value}` : ""}`).join(", ");
      throw new UsageError(
        `${spec.name}: unknown flag ${name}.${meant(long ?? "", flags)} ${spec.name} takes ${takes}.`,
        spec,
      );
    }
  }
}

function parseOrExplain(
  spec: CommandSpec,
  flags: readonly Flag[],
  args: readonly string[],
): { values: Flags; positionals: string[] } {
  const options: ParseArgsConfig["options"] = Object.fromEntries(
    flags.map((f) => [f.name, { type: f.value ? "string" : "boolean", ...(f.short ? { short: f.short } : {}) }]),
  );
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    // No flag is declared `multiple`, so no value is a list.
    const single = Object.entries(values).map(([k, v]): [string, string | boolean | undefined] => [
      k,
      Array.isArray(v) ? v[v.length - 1] : v,
    ]);
    return { values: Object.fromEntries(single), positionals };
  } catch (err) {
    // The one parse error left once names are known: a missing value, or a value on a switch.
    const name = /'--([\w-]+)/.exec(err instanceof Error ? err.message : "")?.[1] ?? "";
    const flag = flags.find((f) => f.name === name);
    if (flag?.value) {
      throw new UsageError(`${spec.name}: --${name} needs a value ${flag.value}, e.g. ${example(flag)}.`, spec);
    }
    throw new UsageError(`${spec.name}: --${name} takes no value.`, spec);
  }
}

function example(flag: Flag): string {
  return `--${flag.name} ${flag.choices?.[0] ?? (flag.value === "<file>" ? "global-bundle.pem" : "value")}`;
}

function checkValues(spec: CommandSpec, values: Flags): void {
  for (const flag of spec.flags) {
    const value = values[flag.name];
    if (typeof value === "string" && flag.choices && !flag.choices.includes(value)) {
      throw new UsageError(
        `--${flag.name}: got ${JSON.stringify(value)}; expected one of ${flag.choices.join(", ")}.`,
        spec,
      );
    }
    const conflict = flag.conflictsWith;
    const name = typeof conflict === "string" ? conflict : conflict?.flag;
    const other = name === undefined ? undefined : values[name];
    if (value === undefined || other === undefined) {
      continue;
    }
    if (typeof conflict === "string") {
      throw new UsageError(`--${flag.name} and --${conflict} are mutually exclusive. Choose a single approach.`, spec);
    }
    if (conflict && (conflict.values === undefined || conflict.values.includes(String(other)))) {
      const given = typeof other === "string" ? `--${conflict.flag} ${other}` : `--${conflict.flag}`;
      throw new UsageError(`--${flag.name} and ${given} cannot be given together: ${conflict.reason}.`, spec);
    }
  }
}
