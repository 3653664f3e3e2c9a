// Shared by the rotation tests: the dev example's identifiers and registration lookups.

import { OfflineRun, Registration } from "../../automation/offline/runtime";
import { ROTATION_EVENTS_TYPE, SERVICE_RESTART_TYPE } from "../../infra/componentTypes";

export const OWNER = "111111111111";
export const CONSUMER = "222222222222";
export const REGION = "ap-northeast-1";
export const SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${OWNER}:secret:rds/dev/app_user-YAJGAS`;
export const MASTER_SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${OWNER}:secret:rds!db-0123abcd-AbCdEf`;
export const MASTER_KEY_ARN = `arn:aws:kms:${REGION}:${OWNER}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const OWNER_PROVIDER = "share-owner";
export const CONSUMER_PROVIDER = `share-consumer-${CONSUMER}-${REGION}`;

/** The resource types restart-on-rotation adds, and its two components. */
export const RESTART_TYPES = [
  ROTATION_EVENTS_TYPE,
  SERVICE_RESTART_TYPE,
  "aws:cloudwatch/eventRule:EventRule",
  "aws:cloudwatch/eventTarget:EventTarget",
  "aws:cloudwatch/eventBus:EventBus",
  "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
  "aws:sqs/queue:Queue",
  "aws:sfn/stateMachine:StateMachine",
  "aws:iam/role:Role",
];

/** What a successful rotation of the dev secret, in the owner account, looks like to EventBridge. */
export const DEV_PATTERN = {
  account: ["111111111111"],
  source: ["aws.secretsmanager"],
  "detail-type": ["AWS Service Event via CloudTrail"],
  detail: {
    eventSource: ["secretsmanager.amazonaws.com"],
    eventName: ["RotationSucceeded"],
    additionalEventData: { SecretId: [SECRET_ARN] },
  },
};

/** The one registration named `name` (any type), or a failed lookup naming what exists. */
export function named(run: OfflineRun, name: string, type?: string): Registration {
  const found = run.registrations.filter((r) => r.name === name && (type === undefined || r.type === type));
  if (found.length !== 1) {
    throw new Error(`expected one registration named ${name}, found ${found.length}`);
  }
  return found[0];
}

/** Every registration below `root` in the resource tree. */
export function descendantsOf(run: OfflineRun, root: Registration): Registration[] {
  const children = run.registrations.filter((r) => r.parentUrn === root.urn);
  return children.flatMap((c) => [c, ...descendantsOf(run, c)]);
}

/** A JSON-text input, parsed. */
export function jsonInput(r: Registration, key: string): unknown {
  return JSON.parse(r.inputs[key] as string);
}

/** Types and names of the registrations of restart-on-rotation, for "nothing created" checks. */
export function restartRegistrations(run: OfflineRun): string[] {
  return run.registrations.filter((r) => RESTART_TYPES.includes(r.type)).map((r) => `${r.type} ${r.name}`);
}
