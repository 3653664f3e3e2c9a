// `plan`: what a deployment of an environment would create, per account, offline. Runs the
// project's own program under the SDK's mock runtime (automation/offline) with the environment's
// config, and arranges what it registers by account and procedure step.
//
// Without a part, the plan is of `pulumi up -s <env>` with Pulumi.<env>.yaml as it stands. With
// `owner` or `consumer`, it is of the driver's stack <env>-<part>, configured as the driver
// configures it: the same settings, the same refusals, and what the driver adds (the owner's
// password, the owner's ARNs for the consumer) shown as such.

import { KMS_KEY_ARN_KEY, PART_KEY, PASSWORD_KEY, SECRET_ARN_KEY } from "../../infra/config/keys";
import { ConfigError, ConfigWarning, settingsSource, uniqueWarnings } from "../../infra/config/problems";
import { Part, PARTS } from "../../infra/config/types";
import {
  Environment,
  environmentFile,
  environmentOf,
  isSecure,
  PROJECT_NAME,
  readEnvironment,
  toRuntimeConfig,
} from "../environment";
import { ConfigValues, ownerStack, refuseEncryptedValues, stackConfig, stackNames } from "../environmentStacks";
import { OfflineRun, runOffline } from "../offline/runtime";
import { offlinePassword, placeholderValues } from "../offline/values";
import { arrange } from "./arrange";
import { MASKED_PASSWORD } from "./registrationInputs";
import { PlanUsageError } from "./errors";
import { DriverSetting, Plan } from "./model";

export interface PlanOptions {
  /** The project root holding Pulumi.<env>.yaml. @default the project root */
  readonly root?: string;
  /**
   * `owner` or `consumer`: plan the driver's stack <env>-<part> as the driver configures it.
   * `all`: the whole share in stack <env>. @default the part Pulumi.<env>.yaml sets, in stack <env>
   */
  readonly part?: Part;
}

/** Plans environment `env` from Pulumi.<env>.yaml. A config error throws as a deploy reports it. */
export async function plan(env: string, options: PlanOptions = {}): Promise<Plan> {
  return (await planWithRun(env, options)).plan;
}

/** Plans YAML-shaped config (as in Pulumi.<env>.yaml) for environment `env`. */
export async function planConfig(
  config: Readonly<Record<string, unknown>>,
  env: string,
  options: Omit<PlanOptions, "root"> = {},
): Promise<Plan> {
  return (await planConfigWithRun(config, env, options)).plan;
}

/** `plan`, with the offline run it was arranged from (for what is computed from the run, such as deployer policies). */
export async function planWithRun(env: string, options: PlanOptions = {}): Promise<{ plan: Plan; run: OfflineRun }> {
  const part = checkPart(options.part);
  return planRun(readEnvironment(env, options.root), part);
}

/** `planConfig`, with the offline run it was arranged from. */
export async function planConfigWithRun(
  config: Readonly<Record<string, unknown>>,
  env: string,
  options: Omit<PlanOptions, "root"> = {},
): Promise<{ plan: Plan; run: OfflineRun }> {
  const part = checkPart(options.part);
  return planRun(environmentOf(env, environmentFile(env), config), part);
}

/** The part asked for, checked before anything is read: a usage error names the allowed parts. */
function checkPart(part: unknown): Part | undefined {
  if (part !== undefined && !(PARTS as readonly unknown[]).includes(part)) {
    throw new PlanUsageError(`--part: got ${JSON.stringify(part)}; expected one of ${PARTS.join(", ")}.`);
  }
  return part as Part | undefined;
}

/** What the plan's stack is given, and what is said about values the driver adds. */
interface Inputs {
  readonly stack: string;
  readonly config: ConfigValues;
  /** Keys whose values are secret (encrypted config, or the driver's password). */
  readonly secretKeys: readonly string[];
  readonly driverConfig: readonly DriverSetting[];
  /** Warnings of validations made before the run (the driver's, of the whole file). */
  readonly warnings: readonly ConfigWarning[];
}

/** A ConfigError under the line naming the file and stack, as the driver reports it. */
async function namingFile<T>(environment: Environment, stack: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw err instanceof ConfigError ? new ConfigError(err.problems, settingsSource(environment.file, stack)) : err;
  }
}

/** The plan and the offline run it was arranged from (which holds unmasked stand-ins). */
export async function planRun(environment: Environment, part?: Part): Promise<{ plan: Plan; run: OfflineRun }> {
  const inputs =
    part === "owner" || part === "consumer"
      ? await namingFile(environment, stackNames(environment.name).owner, () => driverInputs(environment, part))
      : ownInputs(environment, part);
  const run = await namingFile(environment, inputs.stack, () =>
    runOffline({
      project: PROJECT_NAME,
      stack: inputs.stack,
      config: runtimeConfig(inputs),
      secretKeys: inputs.secretKeys,
      values: placeholderValues,
    }),
  );
  const arranged = {
    ...arrange(run, environment.name, inputs.stack),
    // The driver validates the whole file; the run sees what its stack is given.
    warnings: uniqueWarnings([...inputs.warnings, ...run.settings.warnings]),
  };
  if (part !== "consumer") {
    return { plan: { ...arranged, driverConfig: inputs.driverConfig }, run };
  }
  // The driver configures the consumer with the owner's outputs, so the program reads no stack:
  // the reference the program made to the owner stack stands for those config values.
  const owner = stackNames(environment.name).owner;
  const driverConfig = arranged.stackReferences.flatMap((ref) =>
    (["secretArn", "kmsKeyArn"] as const).map((output) => ({
      key: output === "secretArn" ? SECRET_ARN_KEY : KMS_KEY_ARN_KEY,
      value: String(ref.outputs[output]),
      from: `the output ${output} of ${owner}, filled in by the driver after ${owner} deploys`,
    })),
  );
  return { plan: { ...arranged, stackReferences: [], driverConfig }, run };
}

/**
 * The config as the runtime holds it. Secret values (encrypted in the file, or the driver's
 * password) cannot be read offline; a stand-in keeps the program on the same path, and the plan
 * masks it like any secret.
 */
function runtimeConfig(inputs: Pick<Inputs, "config" | "secretKeys">): Record<string, string> {
  const config = toRuntimeConfig(inputs.config);
  for (const key of inputs.secretKeys) {
    config[key] = offlinePassword(key);
  }
  return config;
}

/**
 * `pulumi up -s <env>` with the file as it stands (`part` overridden by --part all). The program
 * is given the other namespaces' keys too, as Pulumi gives them, and keys without a namespace as
 * written, so validation names them.
 */
function ownInputs(environment: Environment, part: "all" | undefined): Inputs {
  const config: ConfigValues = { ...environment.otherConfig, ...environment.config };
  if (part !== undefined) {
    config[PART_KEY] = part;
  }
  const secretKeys = Object.keys(config).filter((k) => isSecure(config[k]));
  return { stack: environment.name, config, secretKeys, driverConfig: [], warnings: [] };
}

/**
 * The driver's stack <env>-<part>, configured by the driver's own recipe: it refuses encrypted
 * values, validates the owner's settings first, and keeps a generated password in the owner
 * stack's config (a secret stand-in here).
 */
function driverInputs(environment: Environment, part: "owner" | "consumer"): Inputs {
  refuseEncryptedValues(environment, stackNames(environment.name));
  const owner = ownerStack(environment, offlinePassword(PASSWORD_KEY));
  if (part === "owner") {
    return {
      stack: owner.stack,
      config: { ...owner.config, [PASSWORD_KEY]: MASKED_PASSWORD },
      secretKeys: owner.secretKeys,
      warnings: owner.settings.warnings,
      driverConfig: [
        {
          key: PASSWORD_KEY,
          value: MASKED_PASSWORD,
          from: `the password the driver keeps in ${owner.stack}'s config, generated before its first deploy`,
        },
      ],
    };
  }
  const stack = stackNames(environment.name).consumer;
  const config = stackConfig(environment, "consumer");
  return { stack, config, secretKeys: [], driverConfig: [], warnings: owner.settings.warnings };
}
