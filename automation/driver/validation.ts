// The environment file, checked for both stacks before any stack is touched.

import { ConfigError, ConfigWarning, formatWarning, settingsSource, uniqueWarnings } from "../../infra/config/problems";
import { Settings } from "../../infra/config/types";
import { Environment, readEnvironment } from "../environment";
import {
  ConfigValues,
  OwnerArns,
  ownerStack,
  refuseEncryptedValues,
  stackConfig,
  StackNames,
  stackNames,
  validateStack,
} from "../environmentStacks";
import { DriverError } from "./errors";

export interface Prepared {
  readonly environment: Environment;
  readonly names: StackNames;
  /** The owner stack's settings as the program will validate them. */
  readonly owner: Settings;
  /** The file's warnings, for both stacks, each once. */
  readonly warnings: readonly ConfigWarning[];
}

/** A ConfigError's message kept as is, under a line naming the file and the stack. */
function asDriverError<T>(environment: Environment, stack: string, validate: () => T): T {
  try {
    return validate();
  } catch (err) {
    if (err instanceof ConfigError) {
      throw new DriverError(`${settingsSource(environment.file, stack)}\n${err.message}`, {
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
  const owner = asDriverError(environment, names.owner, () => ownerStack(environment).settings);
  const consumer = asDriverError(environment, names.consumer, () =>
    validateStack(names.consumer, stackConfig(environment, "consumer"), [], environment.otherConfig),
  );
  // Both stacks validate the same file, so most warnings come twice.
  return { environment, names, owner, warnings: uniqueWarnings([...owner.warnings, ...consumer.warnings]) };
}

/** The consumer's config once the owner's outputs are known, validated (the ARNs must match the owner). */
export function consumerConfigWith(prepared: Prepared, arns: OwnerArns): ConfigValues {
  const { environment, names } = prepared;
  const config = stackConfig(environment, "consumer", arns);
  asDriverError(environment, names.consumer, () => validateStack(names.consumer, config, [], environment.otherConfig));
  return config;
}

/** The file's warnings, before anything is asked or touched: through `progress`, one line each. */
export function showWarnings(prepared: Prepared, progress: ((text: string) => void) | undefined): void {
  if (prepared.warnings.length > 0) {
    progress?.(`${prepared.warnings.map(formatWarning).join("\n")}\n`);
  }
}
