import * as pulumi from "@pulumi/pulumi";
import { configuredPassword, loadSettings } from "./config/load";
import { SecretShare } from "./share";

/**
 * The whole program: config → validated settings → the share → stack outputs. `index.ts` runs
 * it under the Pulumi engine; `plan` and the tests run it under the SDK's mock runtime.
 */
export function program(): Record<string, pulumi.Output<unknown>> {
  // Throws a ConfigError, before any resource is registered, when the config is wrong.
  const settings = loadSettings();
  const share = new SecretShare("share", { settings, password: configuredPassword() });
  return share.stackOutputs();
}
