// An environment's two stacks, <env>-owner and <env>-consumer: their names, and the config and
// validation each is given. The driver deploys exactly this; plan and db-user read the owner
// stack through the same recipe, so all three agree on what is valid.

import { KMS_KEY_ARN_KEY, PART_KEY, PASSWORD_KEY, SECRET_ARN_KEY } from "../infra/config/keys";
import { Settings } from "../infra/config/types";
import { validateConfig } from "../infra/config/validate";
import { Environment, EnvironmentError, isSecure, PROJECT_NAME } from "./environment";

/** The two stacks of an environment, deployed in this order and destroyed in reverse. */
export interface StackNames {
  readonly owner: string;
  readonly consumer: string;
}

/** `<env>-owner` and `<env>-consumer`: the driver's stacks, as plan and db-user name them too. */
export function stackNames(env: string): StackNames {
  return { owner: `${env}-owner`, consumer: `${env}-consumer` };
}

export type ConfigValues = Record<string, unknown>;

/** The owner's outputs the consumer stack is configured with. */
export interface OwnerArns {
  readonly secretArn: string;
  readonly kmsKeyArn: string;
}

/** The environment's settings for one stack: everything but the password, with `part` set. */
export function stackConfig(environment: Environment, part: "owner" | "consumer", arns?: OwnerArns): ConfigValues {
  const config: ConfigValues = {};
  for (const [key, value] of Object.entries(environment.config)) {
    if (key !== PASSWORD_KEY) {
      config[key] = value;
    }
  }
  config[PART_KEY] = part;
  if (arns) {
    config[SECRET_ARN_KEY] = arns.secretArn;
    config[KMS_KEY_ARN_KEY] = arns.kmsKeyArn;
  }
  return config;
}

/**
 * Settings of `stack` from `config`, validated as the program validates them; throws its
 * ConfigError. `otherConfig`, the file's keys outside the namespace, is checked but never deployed.
 */
export function validateStack(
  stack: string,
  config: ConfigValues,
  secretKeys: readonly string[] = [],
  otherConfig: Readonly<ConfigValues> = {},
): Settings {
  return validateConfig(
    { ...otherConfig, ...config },
    { project: PROJECT_NAME, stack, isSecret: (k) => secretKeys.includes(k) },
  );
}

/** The owner stack as the driver configures it, and its settings. */
export interface OwnerStack {
  readonly stack: string;
  readonly config: ConfigValues;
  /** Keys of `config` whose values are secrets. */
  readonly secretKeys: readonly string[];
  readonly settings: Settings;
}

/**
 * The recipe for <env>-owner: the environment's settings with `part: owner` and the password, then
 * validated. The password is the file's when it has one (refused when in plain text: not a
 * secret); or `passwordStandIn`, a secret value standing in for the one the driver keeps in the
 * stack (plan). Callers that copy the file into stacks refuse its encrypted values first.
 */
export function ownerStack(environment: Environment, passwordStandIn?: string): OwnerStack {
  const names = stackNames(environment.name);
  const password = passwordStandIn ?? environment.config[PASSWORD_KEY];
  const config = {
    ...stackConfig(environment, "owner"),
    ...(password === undefined ? {} : { [PASSWORD_KEY]: password }),
  };
  const secretKeys = passwordStandIn === undefined ? [] : [PASSWORD_KEY];
  const settings = validateStack(names.owner, config, secretKeys, environment.otherConfig);
  return { stack: names.owner, config, secretKeys, settings };
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
