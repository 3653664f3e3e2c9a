import * as aws from "@pulumi/aws";
import { serialise } from "../access/documents";
import { deadLetterQueuePolicy, DEAD_LETTER_RETENTION_SECONDS } from "../access/restartPolicies";
import { Child } from "./account";

/**
 * Events an EventBridge target could not take after every retry, on either side of restart on
 * rotation. SSE-SQS: EventBridge can write to it without a key grant (it cannot use the AWS
 * managed aws/sqs key).
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
