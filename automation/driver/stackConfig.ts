// What each stack's config holds, and writing it. Plain values go straight into the stack's
// settings file (Pulumi.<stack>.yaml) through the workspace, which costs no CLI run; only the
// password, which the CLI must encrypt, takes one `pulumi config set --secret`, once.

import { LocalWorkspace, StackSettings } from "@pulumi/pulumi/automation";
import { NAMESPACE } from "../../infra/config/problems";
import { Environment, EnvironmentError, isSecure, StackNames } from "../environment";

export const PART_KEY = `${NAMESPACE}:part`;
export const PASSWORD_KEY = `${NAMESPACE}:dbPassword`;
export const SECRET_ARN_KEY = `${NAMESPACE}:secretArn`;
export const KMS_KEY_ARN_KEY = `${NAMESPACE}:kmsKeyArn`;

export type ConfigValues = Record<string, unknown>;

/** The owner's outputs the consumer stack is configured with. */
export interface OwnerReferences {
  readonly secretArn: string;
  readonly kmsKeyArn: string;
}

/** The environment's settings for one stack: everything but the password, with `part` set. */
export function stackConfig(
  environment: Environment,
  part: "owner" | "consumer",
  refs?: OwnerReferences,
): ConfigValues {
  const config: ConfigValues = {};
  for (const [key, value] of Object.entries(environment.config)) {
    if (key !== PASSWORD_KEY) {
      config[key] = value;
    }
  }
  config[PART_KEY] = part;
  if (refs) {
    config[SECRET_ARN_KEY] = refs.secretArn;
    config[KMS_KEY_ARN_KEY] = refs.kmsKeyArn;
  }
  return config;
}

function containsSecure(value: unknown): boolean {
  if (isSecure(value)) {
    return true;
  }
  return typeof value === "object" && value !== null && Object.values(value).some(containsSecure);
}

/** `{secure: …}` values are encrypted for the stack <env> and cannot be copied into other stacks. */
export function refuseEncryptedValues(environment: Environment, names: StackNames): void {
  const keys = Object.keys(environment.config).filter((k) => containsSecure(environment.config[k]));
  if (keys.length === 0) {
    return;
  }
  const problems = keys.map((key) =>
    key === PASSWORD_KEY
      ? `${key}: encrypted for the stack ${environment.name}, so it cannot be copied to ${names.owner}. ` +
        `The driver generates the password on the first deploy and keeps it in ${names.owner}: remove the key from the file, ` +
        `or, to choose the password yourself, set it on the owner stack: pulumi config set --secret ${key} --stack ${names.owner}`
      : `${key}: holds a value encrypted for the stack ${environment.name} (secure:), which cannot be copied to ` +
        `${names.owner} and ${names.consumer}; write it in plain text (only the password is secret).`,
  );
  throw new EnvironmentError([`${environment.file}:`, ...problems.map((p) => `  - ${p}`)].join("\n"));
}

/** The stack's settings file, or undefined before the stack has one. */
export async function readStackSettings(ws: LocalWorkspace, stack: string): Promise<StackSettings | undefined> {
  try {
    return await ws.stackSettings(stack);
  } catch (err) {
    if (err instanceof Error && err.message.startsWith("failed to find stack settings file")) {
      return undefined;
    }
    throw err;
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
