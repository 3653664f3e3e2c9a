// What each stack's config holds, and writing it. Plain values go straight into the stack's
// settings file (Pulumi.<stack>.yaml) through the workspace, which costs no CLI run; only the
// password, which the CLI must encrypt, takes one `pulumi config set --secret`, once.

import * as path from "node:path";
import { LocalWorkspace, StackSettings } from "@pulumi/pulumi/automation";
import { NAMESPACE } from "../../infra/config/problems";
import { ConfigValues } from "../environment";
import { DriverError } from "./errors";

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
