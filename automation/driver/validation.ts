// The environment file, checked for both stacks before any stack is touched.

import { ConfigError } from "../../infra/config/problems";
import { Settings } from "../../infra/config/types";
import { validateConfig } from "../../infra/config/validate";
import {
  ConfigValues,
  Environment,
  OwnerReferences,
  PASSWORD_KEY,
  PROJECT_NAME,
  readEnvironment,
  refuseEncryptedValues,
  stackConfig,
  StackNames,
  stackNames,
} from "../environment";
import { DriverError } from "./errors";

export interface Prepared {
  readonly environment: Environment;
  readonly names: StackNames;
  /** The owner stack's settings as the program will validate them. */
  readonly owner: Settings;
}

/** Settings of `stack` from `config`; a ConfigError's message is kept as is, under a line naming the stack. */
export function validateFor(environment: Environment, stack: string, config: ConfigValues): Settings {
  try {
    // Values from the environment file are plain text (encrypted ones are refused before), so a
    // dbPassword there is reported as not being a secret.
    return validateConfig(config, { project: PROJECT_NAME, stack, isSecret: () => false });
  } catch (err) {
    if (err instanceof ConfigError) {
      throw new DriverError(`${environment.file}, for the stack ${stack}:\n${err.message}`, {
        stackName: stack,
        cause: err,
      });
    }
    throw err;
  }
}

/**
 * Reads Pulumi.<env>.yaml and validates it as the owner stack and as the consumer stack will
 * receive it; the consumer reads the owner through `ownerStack` until the owner's outputs exist.
 */
export function prepare(env: string, root: string): Prepared {
  const environment = readEnvironment(env, root);
  const names = stackNames(env);
  refuseEncryptedValues(environment, names);
  const password = environment.config[PASSWORD_KEY];
  const owner = validateFor(environment, names.owner, {
    ...stackConfig(environment, "owner"),
    ...(password === undefined ? {} : { [PASSWORD_KEY]: password }),
  });
  validateFor(environment, names.consumer, stackConfig(environment, "consumer"));
  return { environment, names, owner };
}

/** The consumer's config once the owner's outputs are known, validated (the ARNs must match the owner). */
export function consumerConfigWith(prepared: Prepared, refs: OwnerReferences): ConfigValues {
  const config = stackConfig(prepared.environment, "consumer", refs);
  validateFor(prepared.environment, prepared.names.consumer, config);
  return config;
}
