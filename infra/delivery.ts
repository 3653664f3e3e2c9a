// Pieces both sides of restart-on-rotation build the same way: an encrypted dead-letter queue for
// an EventBridge target, and a role a service assumes, with its one inline policy.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PolicyDocument, serialise } from "./access/documents";
import { deadLetterQueuePolicy, DEAD_LETTER_RETENTION_SECONDS, TrustDocument } from "./access/restart";

type Child = { readonly parent: pulumi.Resource; readonly provider: aws.Provider };

/**
 * Events a target could not take after every retry. SSE-SQS: EventBridge can write to it without
 * a key grant (it cannot use the AWS managed aws/sqs key).
 */
export function deadLetterQueue(
  name: string,
  queue: { readonly name: string; readonly arn: string; readonly ruleArn: string },
  child: Child,
): aws.sqs.Queue {
  return new aws.sqs.Queue(
    name,
    {
      name: queue.name,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
      policy: serialise(deadLetterQueuePolicy(queue.arn, queue.ruleArn)),
    },
    child,
  );
}

export interface ServiceRoleArgs {
  readonly roleName: string;
  readonly description: string;
  readonly trust: TrustDocument;
  /** The inline policy's name on the role. */
  readonly policyName: string;
  readonly policy: PolicyDocument;
}

/** A role with its trust policy and one inline policy, both exactly as decided in access/. */
export function serviceRole(
  name: string,
  args: ServiceRoleArgs,
  child: Child,
): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
  const role = new aws.iam.Role(
    name,
    { name: args.roleName, description: args.description, assumeRolePolicy: JSON.stringify(args.trust) },
    child,
  );
  const policy = new aws.iam.RolePolicy(
    `${name}-policy`,
    { role: role.name, name: args.policyName, policy: serialise(args.policy) },
    child,
  );
  return { role, policy };
}
