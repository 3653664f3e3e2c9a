// `preflight <env>`: before a deploy, ask AWS whether it can work. Read-only. The SDK is loaded
// only when it runs (preflightRun.ts), so the command line's other commands never load it.

import { PROJECT_ROOT } from "../environment";
import { prepare, Prepared } from "../driver/validation";
import { PreflightResult } from "./model";
import { PreflightOptions } from "./options";

/**
 * Checks environment `env` (Pulumi.<env>.yaml) against AWS, from the documents a deploy would
 * write: who is deploying, IAM Access Analyzer on every policy, the principals they name, and
 * whether rotation can work. A config error throws as a deploy reports it.
 */
export async function preflight(env: string, options: PreflightOptions = {}): Promise<PreflightResult> {
  return preflightPrepared(prepare(env, options.root ?? PROJECT_ROOT), options);
}

/** The same, on an environment already read and validated (the driver's deploy and preview). */
export async function preflightPrepared(prepared: Prepared, options: PreflightOptions = {}): Promise<PreflightResult> {
  const { runPreflight } = await import("./preflightRun");
  return runPreflight(prepared, options);
}
