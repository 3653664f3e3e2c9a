// `plan`: what a deployment of an environment would create, per account, offline. Runs the
// project's own program under the SDK's mock runtime (automation/offline) with the environment's
// config, and arranges what it registers by account and procedure step.

import { NAMESPACE } from "../../infra/config/problems";
import { Part } from "../../infra/config/types";
import { isSecure, PROJECT_NAME, readEnvironment, toRuntimeConfig } from "../environment";
import { runOffline } from "../offline/runtime";
import { offlinePassword, placeholderValues } from "../offline/values";
import { arrange } from "./arrange";
import { Plan } from "./model";

export interface PlanOptions {
  /** The project root holding Pulumi.<env>.yaml. @default the project root */
  readonly root?: string;
  /** Plan one part as the driver deploys it: `owner` → stack <env>-owner. @default the config's part */
  readonly part?: string;
  /** Plan as this stack name. @default <env>, or <env>-<part> with `part` */
  readonly stack?: string;
}

/** Plans environment `env` from Pulumi.<env>.yaml. A config error throws as a deploy reports it. */
export async function plan(env: string, options: PlanOptions = {}): Promise<Plan> {
  const environment = readEnvironment(env, options.root);
  return planConfig(environment.config, env, options);
}

/** Plans YAML-shaped config (as in Pulumi.<env>.yaml) for environment `env`. */
export async function planConfig(
  config: Readonly<Record<string, unknown>>,
  env: string,
  options: Omit<PlanOptions, "root"> = {},
): Promise<Plan> {
  const part = options.part ?? partOfStack(options.stack);
  const stack = options.stack ?? (part === undefined || part === "all" ? env : `${env}-${part}`);
  const runtimeConfig = toRuntimeConfig(config);
  if (part !== undefined) {
    // Exactly what the driver sets on a part's stack; a bad value fails validation as it would there.
    runtimeConfig[`${NAMESPACE}:part`] = part;
  }
  // Encrypted values cannot be read offline; a stand-in keeps the program on the same path.
  const secretKeys = Object.keys(config).filter((k) => isSecure(config[k]));
  for (const key of secretKeys) {
    runtimeConfig[key] = offlinePassword(key);
  }
  const run = await runOffline({
    project: PROJECT_NAME,
    stack,
    config: runtimeConfig,
    secretKeys,
    values: placeholderValues,
  });
  return arrange(run, env, stack);
}

function partOfStack(stack: string | undefined): Part | undefined {
  const m = /-(owner|consumer)$/.exec(stack ?? "");
  return m ? (m[1] as Part) : undefined;
}
