// What each stack's config holds, and writing it. Plain values go straight into the stack's
// settings file (Pulumi.<stack>.yaml) through the workspace, which costs no CLI run; only the
// password, which the CLI must encrypt, takes one `pulumi config set --secret`, once, with the
// value on the CLI's standard input: the Automation API's setConfig puts it on the command line,
// where any local user sees it in `ps` and process accounting keeps it; the CLI reads the value
// from stdin when it is given no value and stdin is not a terminal (dropping one trailing newline).

import * as path from "node:path";
import { LocalWorkspace, StackSettings } from "@pulumi/pulumi/automation";
import { NAMESPACE } from "../../infra/config/keys";
import { ConfigValues } from "../environmentStacks";
import { runWithInput } from "./cliInput";
import { DriverError } from "./errors";
import { StepHooks } from "./options";

/** The stack's settings file, or undefined before the stack has one. */
export async function readStackSettings(ws: LocalWorkspace, stack: string): Promise<StackSettings | undefined> {
  try {
    return await ws.stackSettings(stack);
  } catch (err) {
    if (err instanceof Error && err.message.startsWith("failed to find stack settings file")) {
      return undefined;
    }
    const file = path.join(ws.workDir, `Pulumi.${stack}.yaml`);
    throw new DriverError(
      `${file}: could not be read: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}\n` +
        `The driver writes its rds-secret-share:* keys, but the file also holds the stack's encryption salt ` +
        `and encrypted password: repair it (from a backup or version control) rather than delete it.`,
      { stackName: stack },
    );
  }
}

/**
 * Makes the stack's `rds-secret-share:*` keys exactly `wanted` (a key dropped from the
 * environment file is dropped here too), keeping the keys in `keep` and other namespaces'.
 * Returns the resulting config.
 */
export async function writeStackConfig(
  ws: LocalWorkspace,
  stack: string,
  wanted: ConfigValues,
  keep: readonly string[],
): Promise<ConfigValues> {
  const current = (await readStackSettings(ws, stack)) ?? {};
  const config: ConfigValues = {};
  for (const [key, value] of Object.entries(current.config ?? {})) {
    if (key in wanted) {
      config[key] = wanted[key];
    } else if (!key.startsWith(`${NAMESPACE}:`) || keep.includes(key)) {
      config[key] = value;
    }
  }
  Object.assign(config, wanted);
  const next: StackSettings = { ...current, config };
  if (JSON.stringify(next) !== JSON.stringify(current)) {
    await ws.saveStackSettings(stack, next);
  }
  return config;
}

/** `pulumi config set --secret`, the value on the CLI's standard input (see the top of this file). */
export function setSecretConfig(
  ws: LocalWorkspace,
  stack: string,
  key: string,
  value: string,
  hooks: StepHooks = {},
): Promise<void> {
  return runWithInput(ws, ["config", "set", key, "--secret", "--stack", stack, "--non-interactive"], value, hooks);
}
