// Restart on rotation, the names: every name and ARN on both sides of one consumer's route, derived
// from settings, so the owner part and the consumer part compute the same ARNs without reading
// each other's state. What each may do is decided in restartPolicies.ts.

import { AccountSettings, ConsumerSettings, RestartServiceSettings, Settings } from "../config/types";
import { fitName } from "../names";

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
  /** The listed services grouped by cluster, clusters in the order they first appear in config. */
  readonly clusters: readonly ClusterServices[];
}

/** One cluster of a route and the services listed in it. */
export interface ClusterServices {
  readonly cluster: string;
  /** `arn:aws:ecs:<region>:<account>:cluster/<cluster>`, the value of the `ecs:cluster` condition key. */
  readonly clusterArn: string;
  /** Each service listed in this cluster in its long and its short ARN form, each once. */
  readonly serviceArns: readonly string[];
}

/** Limits AWS puts on the names used here (IAM roles and rules 64, queues and state machines 80). */
const ROLE_MAX = 64;
const RULE_MAX = 64;
const QUEUE_MAX = 80;
const STATE_MACHINE_MAX = 80;
const BUS_MAX = 256;

/**
 * Both ARNs a listed service may have: IAM evaluates UpdateService against the service's actual
 * ARN, which for services created before 2021 that were never migrated is the short form without
 * the cluster (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-arn-migration.html).
 * The short form names no cluster, so on its own it would also match a same-named short-ARN service
 * in another cluster; the policy pairs both forms with the `ecs:cluster` condition key of the
 * service's cluster (restartPolicies.ts), which UpdateService supports.
 */
export function ecsServiceArns(
  account: { accountId: string; region: string },
  s: RestartServiceSettings,
): readonly [long: string, short: string] {
  const prefix = `arn:aws:ecs:${account.region}:${account.accountId}:service`;
  return [`${prefix}/${s.cluster}/${s.service}`, `${prefix}/${s.service}`];
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
    clusters: clustersOf(t, consumer.restartServices),
  };
}

/** The listed services by cluster, each cluster once, in the order it first appears. */
function clustersOf(
  account: { accountId: string; region: string },
  services: readonly RestartServiceSettings[],
): ClusterServices[] {
  const clusters = [...new Set(services.map((s) => s.cluster))];
  return clusters.map((cluster) => ({
    cluster,
    clusterArn: `arn:aws:ecs:${account.region}:${account.accountId}:cluster/${cluster}`,
    serviceArns: [...new Set(services.filter((s) => s.cluster === cluster).flatMap((s) => ecsServiceArns(account, s)))],
  }));
}

/** Routes of every consumer that lists services; none without rotation, which is what emits the event. */
export function restartRoutes(s: Pick<Settings, "secret" | "owner" | "consumers" | "rotation">): RestartRoute[] {
  if (s.rotation === undefined) {
    return [];
  }
  return s.consumers.flatMap((c) => restartRoute(s.secret.name, s.owner, c) ?? []);
}
