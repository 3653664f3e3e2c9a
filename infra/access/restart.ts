// Restart on rotation: which event starts a restart, who may carry it across the account
// boundary, and who may redeploy which services. Every name is derived from settings, so the
// owner part and the consumer part compute the same ARNs without reading each other's state.

import { createHash } from "node:crypto";
import { AccountSettings, ConsumerSettings, RestartServiceSettings, Settings } from "../config/types";
import { Conditions, policyDocument, PolicyDocument, PolicyStatement, Principal, sid } from "./documents";

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
 * additionalEventData.SecretId). The owner's forwarding rule and the consumer's rule share it,
 * since a forwarded event keeps its source, detail-type and detail.
 */
export function rotationSucceededPattern(secretArn: string): EventPattern {
  return {
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

/** The way one consumer's services get restarted: every name and ARN on both sides. */
export interface RestartRoute {
  readonly consumer: string;
  readonly owner: { readonly accountId: string; readonly region: string };
  readonly target: { readonly accountId: string; readonly region: string };
  readonly services: readonly RestartServiceSettings[];
  /** Owner account: the rule on the default bus, the role it sends with, its dead-letter queue. */
  readonly forwardRuleName: string;
  readonly forwardRuleArn: string;
  readonly forwarderRoleName: string;
  readonly forwarderRoleArn: string;
  readonly forwardQueueName: string;
  readonly forwardQueueArn: string;
  /** Consumer account: the bus that receives the event, and what it starts. */
  readonly busName: string;
  readonly busArn: string;
  readonly restartRuleName: string;
  readonly restartRuleArn: string;
  readonly restartQueueName: string;
  readonly restartQueueArn: string;
  readonly stateMachineName: string;
  readonly stateMachineArn: string;
  readonly stateMachineRoleName: string;
  readonly startRoleName: string;
  readonly serviceArns: readonly string[];
}

/** Limits AWS puts on the names used here (IAM roles and rules 64, queues and state machines 80). */
const ROLE_MAX = 64;
const RULE_MAX = 64;
const QUEUE_MAX = 80;
const STATE_MACHINE_MAX = 80;
const BUS_MAX = 256;

/** `base` + `suffix` within `max` characters; a cut base keeps a hash so names stay unique. */
export function fitName(base: string, suffix: string, max: number): string {
  const clean = base.replace(/[^A-Za-z0-9_-]+/g, "-");
  if (clean.length + suffix.length <= max) {
    return clean + suffix;
  }
  const hash = createHash("sha256").update(clean).digest("hex").slice(0, 8);
  return `${clean.slice(0, max - suffix.length - hash.length - 1)}-${hash}${suffix}`;
}

export function ecsServiceArn(account: { accountId: string; region: string }, s: RestartServiceSettings): string {
  return `arn:aws:ecs:${account.region}:${account.accountId}:service/${s.cluster}/${s.service}`;
}

/** The route for one consumer, or undefined when it lists no services. */
export function restartRoute(
  secretName: string,
  owner: Pick<AccountSettings, "accountId" | "region">,
  consumer: ConsumerSettings,
): RestartRoute | undefined {
  if (consumer.restartServices.length === 0) {
    return undefined;
  }
  const o = { accountId: owner.accountId, region: owner.region };
  const t = { accountId: consumer.accountId, region: consumer.region };
  const base = `${secretName}-${consumer.name}`;
  const forwardRuleName = fitName(base, "-forward", RULE_MAX);
  const forwarderRoleName = fitName(base, "-forward", ROLE_MAX);
  const forwardQueueName = fitName(base, "-forward-dlq", QUEUE_MAX);
  const busName = fitName(base, "-rotation", BUS_MAX);
  const restartRuleName = fitName(base, "-restart", RULE_MAX);
  const restartQueueName = fitName(base, "-restart-dlq", QUEUE_MAX);
  const stateMachineName = fitName(base, "-restart", STATE_MACHINE_MAX);
  return {
    consumer: consumer.name,
    owner: o,
    target: t,
    services: consumer.restartServices,
    forwardRuleName,
    forwardRuleArn: `arn:aws:events:${o.region}:${o.accountId}:rule/${forwardRuleName}`,
    forwarderRoleName,
    forwarderRoleArn: `arn:aws:iam::${o.accountId}:role/${forwarderRoleName}`,
    forwardQueueName,
    forwardQueueArn: `arn:aws:sqs:${o.region}:${o.accountId}:${forwardQueueName}`,
    busName,
    busArn: `arn:aws:events:${t.region}:${t.accountId}:event-bus/${busName}`,
    restartRuleName,
    // A rule on a custom bus has the bus in its ARN.
    restartRuleArn: `arn:aws:events:${t.region}:${t.accountId}:rule/${busName}/${restartRuleName}`,
    restartQueueName,
    restartQueueArn: `arn:aws:sqs:${t.region}:${t.accountId}:${restartQueueName}`,
    stateMachineName,
    stateMachineArn: `arn:aws:states:${t.region}:${t.accountId}:stateMachine:${stateMachineName}`,
    stateMachineRoleName: fitName(base, "-redeploy", ROLE_MAX),
    startRoleName: fitName(base, "-start-restart", ROLE_MAX),
    serviceArns: consumer.restartServices.map((s) => ecsServiceArn(t, s)),
  };
}

/** Routes of every consumer that lists services; none without rotation, which is what emits the event. */
export function restartRoutes(s: Pick<Settings, "secret" | "owner" | "consumers" | "rotation">): RestartRoute[] {
  if (s.rotation === undefined) {
    return [];
  }
  return s.consumers.flatMap((c) => restartRoute(s.secret.name, s.owner, c) ?? []);
}

/** A role's trust policy statement: who may assume it. Trust policies name no Resource. */
export interface TrustStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Principal: Principal;
  readonly Action: "sts:AssumeRole";
  readonly Condition: Conditions;
}

export interface TrustDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly TrustStatement[];
}

/** A service may assume the role only for this account's resource `sourceArn` (no confused deputy). */
function serviceTrust(service: string, account: string, sourceArn: string): TrustDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: sid("assumed by", service.split(".")[0], "for this resource"),
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": account }, ArnEquals: { "aws:SourceArn": sourceArn } },
      },
    ],
  };
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
 * Consumer account: the rotation bus accepts events from the owner's forwarder role only, and
 * only Secrets Manager's CloudTrail service events. events:source and events:detail-type hold one
 * value per entry of a PutEvents call, hence ForAllValues. `forwarderRoleArn` is the route's,
 * resolved: a resource policy may name only an existing role.
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
      },
    },
  ]);
}

/** A dead-letter queue takes messages only from EventBridge, for the one rule it serves. */
export function deadLetterQueuePolicy(queueArn: string, ruleArn: string): PolicyDocument {
  const statement: PolicyStatement = {
    Sid: "DeadLettersFromTheRule",
    Effect: "Allow",
    Principal: { Service: "events.amazonaws.com" },
    Action: "sqs:SendMessage",
    Resource: queueArn,
    Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
  };
  return policyDocument([statement]);
}

/** Consumer account: only this state machine may use its role. */
export function stateMachineTrustPolicy(route: RestartRoute): TrustDocument {
  return serviceTrust("states.amazonaws.com", route.target.accountId, route.stateMachineArn);
}

/** Consumer account: force new deployments of exactly the listed services. */
export function stateMachinePolicy(route: RestartRoute): PolicyDocument {
  return policyDocument([
    { Sid: "RedeployListedServices", Effect: "Allow", Action: "ecs:UpdateService", Resource: route.serviceArns },
  ]);
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
