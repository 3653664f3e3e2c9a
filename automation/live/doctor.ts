// `doctor <env>`: after a deploy, ask AWS whether the share works and keeps working. Read-only.
// The SDK is loaded only when it runs (doctorRun.ts).

import { DriverOptions } from "../driver/options";
import { prepare } from "../driver/validation";
import { PROJECT_ROOT, stackNames } from "../environment";
import { deployedShare, ShareOutputs } from "./deployed";
import { DoctorResult } from "./model";

export interface DoctorOptions {
  /** The project root holding Pulumi.<env>.yaml. @default this checkout */
  readonly root?: string;
  /** The stacks' outputs, when the caller has them. @default read with the driver's `outputs` */
  readonly outputs?: ShareOutputs;
  /** How the driver reads the outputs (the Pulumi CLI, its environment). @default {} */
  readonly driver?: DriverOptions;
  /** Count tasks on a replaced password in every service running a consumer's family. @default restartServices only */
  readonly allServices?: boolean;
  /** The time rotation dates are judged against. @default now */
  readonly now?: Date;
  /** How long an account's credentials may take to resolve, ms. @default 2500 */
  readonly credentialsBoundMs?: number;
  /** Bound on the default chain's instance-metadata probe, ms. @default 1000 */
  readonly metadataTimeoutMs?: number;
}

/**
 * Checks the deployed environment `env` against AWS: the secret and key and their policies, rotation,
 * each consumer's access (IAM policy simulator), task definitions and tasks on a replaced password.
 */
export async function doctor(env: string, options: DoctorOptions = {}): Promise<DoctorResult> {
  const root = options.root ?? PROJECT_ROOT;
  const prepared = prepare(env, root);
  let outputs = options.outputs;
  if (outputs === undefined) {
    const { outputs: read } = await import("../driver/outputs");
    const r = await read(env, { root, ...options.driver });
    outputs = { owner: r.owner.outputs, consumer: r.consumer.outputs };
  }
  const deployed = deployedShare(outputs, stackNames(env));
  const { runDoctor } = await import("./doctorRun");
  return runDoctor(prepared, deployed, options);
}
