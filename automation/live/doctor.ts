// `doctor <env>`: after a deploy, ask AWS whether the share works and keeps working. Read-only.
// The SDK is loaded only when it runs (doctorRun.ts).

import { prepare } from "../driver/validation";
import { PROJECT_ROOT } from "../environment";
import { stackNames } from "../environmentStacks";
import { deployedShare } from "./deployed";
import { DoctorResult } from "./model";
import { DoctorOptions } from "./options";

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
