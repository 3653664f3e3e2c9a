import * as pulumi from "@pulumi/pulumi";
import { NAMESPACE } from "./keys";
import { Settings } from "./types";
import { validateConfig } from "./validate";

/** The SDK knows which config keys are secrets but does not declare the function. */
const runtimeWithSecrets = pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean };

/** Validated settings of the running stack; throws a ConfigError before anything is registered. */
export function loadSettings(): Settings {
  return validateConfig(pulumi.runtime.allConfig(), {
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
    isSecret: runtimeWithSecrets.isConfigSecret,
  });
}

/** The configured initial password, as a secret; undefined lets the program generate one. */
export function configuredPassword(): pulumi.Output<string> | undefined {
  return new pulumi.Config(NAMESPACE).getSecret("dbPassword");
}
