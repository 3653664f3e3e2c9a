// Which step of the procedure each resource the program creates implements: `plan` prints it
// beside every resource, and a test fails when the program registers a resource it misses.

import {
  CONSUMER_ACCESS_TYPE,
  OWNER_ACCOUNT_TYPE,
  ROLE_POLICY_CHILD,
  ROTATION_EVENTS_TYPE,
  ROTATION_TYPE,
  SECRET_KEY_TYPE,
  SERVICE_RESTART_TYPE,
  SHARED_SECRET_TYPE,
  START_ROLE_CHILD,
} from "../../infra/componentTypes";
import { StepId, STEPS } from "./steps";

/** A kind of resource the program creates, and the step it implements. */
export interface ResourceStep {
  /** The component the resource is created in (its nearest ancestor with entries here). */
  readonly component: string;
  /** The resource type token; `*` for any type in the component not listed before. */
  readonly type: string;
  /** Narrows to resources whose logical name ends so, where a component makes two of a type. */
  readonly nameSuffix?: string;
  readonly step: StepId;
  /** What this resource is, in the share. */
  readonly role: string;
}

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const QUEUE = "aws:sqs/queue:Queue";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";

/** In the order `plan` lists resources within a step. */
export const RESOURCE_STEPS: readonly ResourceStep[] = [
  {
    component: SECRET_KEY_TYPE,
    type: "aws:kms/key:Key",
    step: "①",
    role: "the customer-managed key the secret is encrypted with",
  },
  { component: SECRET_KEY_TYPE, type: "aws:kms/alias:Alias", step: "①", role: "the key's alias" },
  {
    component: SHARED_SECRET_TYPE,
    type: "aws:secretsmanager/secret:Secret",
    step: "②",
    role: "the secret, of type RDS database credentials",
  },
  {
    component: SHARED_SECRET_TYPE,
    type: "aws:secretsmanager/secretVersion:SecretVersion",
    step: "②",
    role: "its initial value, written once: rotation owns it afterwards",
  },
  {
    component: OWNER_ACCOUNT_TYPE,
    type: "random:index/randomPassword:RandomPassword",
    step: "②",
    role: "the initial password, generated because no dbPassword is configured",
  },
  {
    component: SHARED_SECRET_TYPE,
    type: "aws:secretsmanager/secretPolicy:SecretPolicy",
    step: "②",
    role: "the secret policy: GetSecretValue for each execution role",
  },
  {
    component: OWNER_ACCOUNT_TYPE,
    type: "aws:kms/keyPolicy:KeyPolicy",
    step: "④",
    role: "the key policy: key administrators (①) and decryption via Secrets Manager for each execution role",
  },
  {
    component: ROTATION_TYPE,
    type: "aws:serverlessrepository/cloudFormationStack:CloudFormationStack",
    step: "⑤",
    role: "AWS's rotation function for the engine and strategy, with its role",
  },
  {
    component: ROTATION_TYPE,
    type: "aws:secretsmanager/secretRotation:SecretRotation",
    step: "⑤",
    role: "the rotation schedule",
  },
  {
    component: ROTATION_TYPE,
    type: ROLE_POLICY,
    step: "⑥",
    role: "inline policy on the rotation function's role: the key, via Secrets Manager",
  },
  {
    component: CONSUMER_ACCESS_TYPE,
    type: "aws:cloudwatch/logGroup:LogGroup",
    step: "⑦",
    role: "the container's log group",
  },
  {
    component: CONSUMER_ACCESS_TYPE,
    type: "aws:ecs/taskDefinition:TaskDefinition",
    step: "⑦",
    role: "the task definition: password and username injected from the secret",
  },
  {
    component: CONSUMER_ACCESS_TYPE,
    type: ROLE_POLICY,
    step: "cross-account",
    role: "identity policy on the existing execution role: this secret, this key",
  },
  { component: ROTATION_EVENTS_TYPE, type: RULE, step: "restart", role: "matches RotationSucceeded of this secret" },
  {
    component: ROTATION_EVENTS_TYPE,
    type: ROLE,
    step: "restart",
    role: "the role EventBridge forwards the event with",
  },
  {
    component: ROTATION_EVENTS_TYPE,
    type: ROLE_POLICY,
    step: "restart",
    role: "its policy: PutEvents on the consumer's bus only",
  },
  {
    component: ROTATION_EVENTS_TYPE,
    type: TARGET,
    step: "restart",
    role: "forwards the event to the consumer's rotation bus",
  },
  { component: ROTATION_EVENTS_TYPE, type: QUEUE, step: "restart", role: "dead-letter queue of the forwarding target" },
  { component: ROTATION_EVENTS_TYPE, type: "*", step: "restart", role: "forwards rotations to the consumer" },
  {
    component: SERVICE_RESTART_TYPE,
    type: "aws:cloudwatch/eventBus:EventBus",
    step: "restart",
    role: "receives the rotations the owner forwards",
  },
  {
    component: SERVICE_RESTART_TYPE,
    type: "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
    step: "restart",
    role: "the bus accepts events from the owner's forwarding role only",
  },
  { component: SERVICE_RESTART_TYPE, type: RULE, step: "restart", role: "matches the forwarded rotation" },
  { component: SERVICE_RESTART_TYPE, type: TARGET, step: "restart", role: "starts the state machine" },
  {
    component: SERVICE_RESTART_TYPE,
    type: ROLE,
    nameSuffix: START_ROLE_CHILD,
    step: "restart",
    role: "the role the rule starts the state machine with",
  },
  {
    component: SERVICE_RESTART_TYPE,
    type: ROLE_POLICY,
    nameSuffix: `${START_ROLE_CHILD}${ROLE_POLICY_CHILD}`,
    step: "restart",
    role: "its policy: StartExecution of that state machine only",
  },
  {
    component: SERVICE_RESTART_TYPE,
    type: "aws:sfn/stateMachine:StateMachine",
    step: "restart",
    role: "forces a new deployment of each listed service",
  },
  { component: SERVICE_RESTART_TYPE, type: ROLE, step: "restart", role: "the state machine's role" },
  {
    component: SERVICE_RESTART_TYPE,
    type: ROLE_POLICY,
    step: "restart",
    role: "its policy: UpdateService on the listed services only, each only in its cluster (ecs:cluster)",
  },
  { component: SERVICE_RESTART_TYPE, type: QUEUE, step: "restart", role: "dead-letter queue of the restart target" },
  { component: SERVICE_RESTART_TYPE, type: "*", step: "restart", role: "restarts the consumer's services" },
];

/** The step table's entry for a resource of `type` named `name` created in `components` (nearest first). */
export function resourceStep(type: string, name: string, components: readonly string[]): ResourceStep | undefined {
  for (const component of components) {
    const entries = RESOURCE_STEPS.filter((e) => e.component === component);
    const found =
      entries.find((e) => e.type === type && e.nameSuffix !== undefined && name.endsWith(e.nameSuffix)) ??
      entries.find((e) => e.type === type && e.nameSuffix === undefined) ??
      entries.find((e) => e.type === "*");
    if (found) {
      return found;
    }
  }
  return undefined;
}

/** Position of a resource in listings: by step, then by the table's order. */
export function stepOrder(entry: ResourceStep | undefined): number {
  if (entry === undefined) {
    return Number.MAX_SAFE_INTEGER;
  }
  const step = STEPS.findIndex((s) => s.id === entry.step);
  return step * 1000 + RESOURCE_STEPS.indexOf(entry);
}
