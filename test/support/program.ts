// Runs the project's program offline (the SDK's mock runtime) for tests, with example ARNs in
// the configured accounts. Config is given as YAML-shaped values and converted as the driver does.

import { readEnvironment, toRuntimeConfig, PROJECT_NAME } from "../../automation/environment";
import { OfflineRun, Registration, runOffline } from "../../automation/offline/runtime";
import { exampleValues } from "../../automation/offline/values";

let devConfigOnce: Readonly<Record<string, unknown>> | undefined;

/** The dev example's config (Pulumi.dev.yaml), parsed once per test process; a copy of its own each call. */
export function devConfig(): Record<string, unknown> {
  devConfigOnce ??= readEnvironment("dev").config;
  return structuredClone(devConfigOnce);
}

/** A deep copy of the dev config with `edit` applied, for variations. */
export function configWith(edit: (config: Record<string, any>) => void): Record<string, unknown> {
  const copy = devConfig() as Record<string, any>;
  edit(copy);
  return copy;
}

/** A second consumer in its own account and region. */
export const BILLING_CONSUMER = {
  name: "billing",
  accountId: "333333333333",
  region: "us-west-2",
  executionRoleArn: "arn:aws:iam::333333333333:role/billing-task-execution",
  taskDefinition: {
    family: "billing",
    image: "333333333333.dkr.ecr.us-west-2.amazonaws.com/billing:2.3.4",
    cpu: 256,
    memory: 512,
  },
};

export interface RunOptions {
  readonly stack?: string;
  readonly secretKeys?: readonly string[];
}

/** Runs the program on YAML-shaped config; secrets given as plain strings with their keys in secretKeys. */
export function runProgram(config: Record<string, unknown>, options: RunOptions = {}): Promise<OfflineRun> {
  return runOffline({
    project: PROJECT_NAME,
    stack: options.stack ?? "dev",
    config: toRuntimeConfig(config),
    secretKeys: options.secretKeys,
    values: exampleValues,
  });
}

let devRunOnce: Promise<OfflineRun> | undefined;

/**
 * The dev example's run, made once per test process: the program is deterministic and the record
 * is read-only, so tests that only look at it share one run.
 */
export function devRun(): Promise<OfflineRun> {
  devRunOnce ??= runProgram(devConfig());
  return devRunOnce;
}

/** The one registration of `type` (named `name` when several), or a failed assertion. */
export function only(run: OfflineRun, type: string, name?: string): Registration {
  const found = run.registrations.filter((r) => r.type === type && (name === undefined || r.name === name));
  if (found.length !== 1) {
    throw new Error(
      `expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`,
    );
  }
  return found[0];
}

/** A registration's policy input, parsed. */
export function policyOf(r: Registration): { Version: string; Statement: Record<string, unknown>[] } {
  return JSON.parse(r.inputs.policy as string) as { Version: string; Statement: Record<string, unknown>[] };
}
