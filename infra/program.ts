import * as pulumi from "@pulumi/pulumi";
import { configuredPassword, loadSettings } from "./config/load";
import { SecretShare } from "./share";

export interface ProgramOptions {
  /** Receives each config warning as `<key>: <message>`. @default pulumi.log.warn, so `pulumi up` shows it */
  readonly warn?: (message: string) => void;
}

/**
 * The whole program: config → validated settings → the share → stack outputs. `index.ts` runs
 * it under the Pulumi engine; `plan` and the tests run it under the SDK's mock runtime.
 */
export function program(options: ProgramOptions = {}): Record<string, pulumi.Output<unknown>> {
  // Throws a ConfigError, before any resource is registered, when the config is wrong.
  const settings = loadSettings();
  const warn = options.warn ?? ((message: string) => void pulumi.log.warn(message));
  for (const w of settings.warnings) {
    // The engine prefixes its own "warning:".
    warn(`${w.key}: ${w.message}`);
  }
  const share = new SecretShare("share", { settings, password: configuredPassword() });
  return share.stackOutputs();
}
