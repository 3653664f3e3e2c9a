// Restart on rotation, the permissions: which event starts a restart, who may carry it across the
// account boundary, and who may redeploy which services. The names come from restartRoute.ts.

import { sid } from "../names";
import { policyDocument, PolicyDocument, TrustDocument } from "./documents";
import { RestartRoute } from "./restartRoute";

/** Secrets Manager's RotationSucceeded, as CloudTrail delivers it to the owner's default event bus. */
export const ROTATION_SUCCEEDED = {
  source: "aws.secretsmanager",
  detailType: "AWS Service Event via CloudTrail",
  eventSource: "secretsmanager.amazonaws.com",
  eventName: "RotationSucceeded",
} as const;

export type EventPattern = Readonly<Record<string, unknown>>;

/**
 * Matches a successful rotation of this secret only (CloudTrail puts its full ARN in
 * additionalEventData.SecretId), made in the owner account. The owner's forwarding rule and the
 * consumer's rule share it, since a forwarded event keeps its account, source, detail-type and detail.
 */
export function rotationSucceededPattern(secretArn: string, ownerAccountId: string): EventPattern {
  return {
    account: [ownerAccountId],
    source: [ROTATION_SUCCEEDED.source],
    "detail-type": [ROTATION_SUCCEEDED.detailType],
    detail: {
      eventSource: [ROTATION_SUCCEEDED.eventSource],
      eventName: [ROTATION_SUCCEEDED.eventName],
      additionalEventData: { SecretId: [secretArn] },
    },
  };
}

/**
 * EventBridge's maximum, for the state machine target: a rotation is rare and a missed restart
 * leaves stale passwords running. (Event bus targets take no retry policy.)
 */
export const TARGET_RETRY_POLICY = { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 } as const;

/** Dead-letter queues keep undelivered events for SQS's maximum of 14 days. */
export const DEAD_LETTER_RETENTION_SECONDS = 1209600;

/** A service may assume the role only for this account's resource `sourceArn` (no confused deputy). */
function serviceTrust(service: string, account: string, sourceArn: string): TrustDocument {
  return policyDocument([
    {
      Sid: sid("assumed by", service.split(".")[0], "for this resource"),
      Effect: "Allow",
      Principal: { Service: service },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": account }, ArnEquals: { "aws:SourceArn": sourceArn } },
    },
  ]);
}

/** Owner account: only the forwarding rule may use the forwarder role. */
export function forwarderTrustPolicy(route: RestartRoute): TrustDocument {
  return serviceTrust("events.amazonaws.com", route.owner.accountId, route.forwardRuleArn);
}

/** Owner account: the forwarder may put events on the consumer's rotation bus and nowhere else. */
export function forwarderPolicy(route: RestartRoute): PolicyDocument {
  return policyDocument([
    { Sid: "PutEventsOnConsumerRotationBus", Effect: "Allow", Action: "events:PutEvents", Resource: route.busArn },
  ]);
}

/**
 * Consumer account: the rotation bus accepts events from the owner's forwarder role only, sent by
 * the owner's forwarding rule, and only Secrets Manager's CloudTrail service events.
 * - events:source and events:detail-type are multivalued (one value per entry of a PutEvents call),
 *   so a plain StringEquals is the wrong operator for them; ForAllValues alone holds when a key is
 *   absent, hence Null false beside it (the pattern of
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-conditions.html).
 * - aws:SourceArn is the ARN of the rule that sends the event (same page; used on a bus policy in
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-example-policy-restrict-rule.html).
 * `forwarderRoleArn` is the route's, resolved: a resource policy may name only an existing role.
 */
export function rotationBusPolicy(route: RestartRoute, forwarderRoleArn: string): PolicyDocument {
  return policyDocument([
    {
      Sid: sid("put events from", route.owner.accountId, "rotation forwarder"),
      Effect: "Allow",
      Principal: { AWS: forwarderRoleArn },
      Action: "events:PutEvents",
      Resource: route.busArn,
      Condition: {
        "ForAllValues:StringEquals": {
          "events:source": [ROTATION_SUCCEEDED.source],
          "events:detail-type": [ROTATION_SUCCEEDED.detailType],
        },
        Null: { "events:source": "false", "events:detail-type": "false" },
        ArnEquals: { "aws:SourceArn": route.forwardRuleArn },
      },
    },
  ]);
}

/** A dead-letter queue takes messages only from EventBridge, for the one rule it serves. */
export function deadLetterQueuePolicy(queueArn: string, ruleArn: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "DeadLettersFromTheRule",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "sqs:SendMessage",
      Resource: queueArn,
      Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
    },
  ]);
}

/** Consumer account: only this state machine may use its role. */
export function stateMachineTrustPolicy(route: RestartRoute): TrustDocument {
  return serviceTrust("states.amazonaws.com", route.target.accountId, route.stateMachineArn);
}

/**
 * Consumer account: force new deployments of exactly the listed services, one statement per
 * cluster. Each names its services by both ARN forms (restartRoute.ts ecsServiceArns) and requires
 * `ecs:cluster` to be that cluster, so the short form, which names no cluster, cannot reach a
 * same-named service of another cluster. Sids are numbered in the order the clusters first appear
 * in config: cluster names may hold - and _, which a Sid may not, so names could collide.
 */
export function stateMachinePolicy(route: RestartRoute): PolicyDocument {
  return policyDocument(
    route.clusters.map((c, i) => ({
      Sid: `RedeployListedServicesOfCluster${i + 1}`,
      Effect: "Allow",
      Action: "ecs:UpdateService",
      Resource: c.serviceArns,
      Condition: { ArnEquals: { "ecs:cluster": c.clusterArn } },
    })),
  );
}

/** Consumer account: only the restart rule may use the role that starts the state machine. */
export function startRoleTrustPolicy(route: RestartRoute): TrustDocument {
  return serviceTrust("events.amazonaws.com", route.target.accountId, route.restartRuleArn);
}

/** Consumer account: start executions of this state machine and nothing else. */
export function startRolePolicy(route: RestartRoute): PolicyDocument {
  return policyDocument([
    {
      Sid: "StartRestartStateMachine",
      Effect: "Allow",
      Action: "states:StartExecution",
      Resource: route.stateMachineArn,
    },
  ]);
}
