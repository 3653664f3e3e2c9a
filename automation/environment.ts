// An environment's settings file, Pulumi.<env>.yaml at the project root.

import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { NAMESPACE } from "../infra/config/problems";

/** The project root: where Pulumi.yaml is. */
export const PROJECT_ROOT = path.resolve(__dirname, "..");
export const PROJECT_NAME = "rds-secret-share";

/** The two stacks of an environment, deployed in this order and destroyed in reverse. */
export interface StackNames {
  readonly owner: string;
  readonly consumer: string;
}

/** `<env>-owner` and `<env>-consumer`: the driver's stacks, as plan and db-user name them too. */
export function stackNames(env: string): StackNames {
  return { owner: `${env}-owner`, consumer: `${env}-consumer` };
}

export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvironmentError";
  }
}

export interface Environment {
  readonly name: string;
  readonly file: string;
  /** Every `rds-secret-share:*` key as YAML gives it: parsed values, `{secure}` for secrets. */
  readonly config: Readonly<Record<string, unknown>>;
}

export function environmentFile(env: string, root = PROJECT_ROOT): string {
  return path.join(root, `Pulumi.${env}.yaml`);
}

/** Reads Pulumi.<env>.yaml; a missing or malformed file is an EnvironmentError naming it. */
export function readEnvironment(env: string, root = PROJECT_ROOT): Environment {
  if (!/^[A-Za-z0-9_.-]+$/.test(env)) {
    throw new EnvironmentError(
      `environment name: got ${JSON.stringify(env)}; expected letters, digits, . _ - (the <env> of Pulumi.<env>.yaml).`,
    );
  }
  const file = environmentFile(env, root);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new EnvironmentError(
      `${file}: no such file. Create it (see Pulumi.dev.yaml for a complete example) or name an existing environment.`,
    );
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new EnvironmentError(`${file}: not valid YAML: ${(err as Error).message}`);
  }
  const config = (doc as { config?: unknown } | null)?.config;
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new EnvironmentError(`${file}: expected a top-level "config:" map with ${NAMESPACE}:* keys.`);
  }
  const own = Object.entries(config).filter(([k]) => k.startsWith(`${NAMESPACE}:`));
  return { name: env, file, config: Object.fromEntries(own) };
}

/** Values as the Pulumi runtime holds them: strings, with objects and lists as JSON text. */
export function toRuntimeConfig(config: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || value === null || isSecure(value)) {
      continue;
    }
    out[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return out;
}

/** A value still encrypted by a stack's secrets provider. */
export function isSecure(value: unknown): value is { secure: string } {
  return typeof value === "object" && value !== null && "secure" in value;
}

// What the driver gives each of an environment's two stacks; plan shows the same.

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
