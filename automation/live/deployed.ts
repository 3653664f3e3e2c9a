// What doctor checks against: the deployed stacks' outputs, read through the driver or handed in.

import { DriverError } from "../driver/errors";
import type { Outputs } from "../driver/options";
import { StackNames } from "../environmentStacks";

export interface DeployedConsumer {
  readonly taskDefinitionArn: string;
  readonly family: string;
  readonly executionRoleArn: string;
}

/** The share as deployed: the owner's ARNs and each consumer's task definition. */
export interface DeployedShare {
  readonly secretArn: string;
  readonly secretName: string;
  readonly kmsKeyArn: string;
  readonly rotationLambdaArn?: string;
  /** Consumer name → what its stack deployed. */
  readonly consumers: Readonly<Record<string, DeployedConsumer>>;
}

/** The two stacks' outputs, as `outputs(env)` returns them or a deploy script already has them. */
export interface ShareOutputs {
  readonly owner: Outputs;
  readonly consumer: Outputs;
}

function text(outputs: Outputs, name: string, stack: string): string {
  const value = outputs[name]?.value;
  if (typeof value !== "string" || value === "") {
    throw new DriverError(
      `${stack}: no ${name} output; deploy the environment first (npx rds-secret-share deploy <env>).`,
      {
        stackName: stack,
      },
    );
  }
  return value;
}

export function deployedShare(outputs: ShareOutputs, names: StackNames): DeployedShare {
  const consumers = outputs.consumer.consumers?.value;
  if (typeof consumers !== "object" || consumers === null) {
    throw new DriverError(`${names.consumer}: no consumers output; deploy the environment first.`, {
      stackName: names.consumer,
    });
  }
  const lambda = outputs.owner.rotationLambdaArn?.value;
  return {
    secretArn: text(outputs.owner, "secretArn", names.owner),
    secretName: text(outputs.owner, "secretName", names.owner),
    kmsKeyArn: text(outputs.owner, "kmsKeyArn", names.owner),
    ...(typeof lambda === "string" ? { rotationLambdaArn: lambda } : {}),
    consumers: consumers as Record<string, DeployedConsumer>,
  };
}
