// What the offline runtime answers for values only AWS knows after a deployment (ARNs, ids,
// generated passwords). Two styles: `exampleValues` gives realistic ARNs in the configured
// accounts (for tests and policy simulation); `placeholderValues` gives readable placeholders
// such as `<arn of secret rds/dev/app_user>` that cannot be mistaken for real ARNs (for `plan`).

import { createHash } from "node:crypto";
import { resourceName } from "../../infra/arn";
import { Settings } from "../../infra/config/types";

/** Where a registration or invoke happens, from its provider. */
export interface Place {
  readonly account?: string;
  readonly region?: string;
}

/** How a value unknown before deployment is shown. */
export interface ValueStyle {
  readonly name: "example" | "placeholder";
  /** `kind` and `label` describe the value; `example` is a realistic value for it. */
  readonly value: (kind: string, label: string, example: string) => string;
}

export const exampleValues: ValueStyle = { name: "example", value: (_k, _l, example) => example };

export const placeholderValues: ValueStyle = {
  name: "placeholder",
  value: (kind, label) => `<${kind} ${label}>`,
};

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A stable UUID-shaped id from a name. */
function uuidOf(name: string): string {
  const h = hash(name);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Secrets Manager's six-character ARN suffix, stable per name. */
function suffixOf(name: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  return [...hash(name).slice(0, 6)].map((c) => alphabet[parseInt(c, 16) * 3]).join("");
}

/** The password the offline runtime "generates": distinctive, so tests can look for leaks. */
export function offlinePassword(name: string): string {
  return `Offline-${hash(name).slice(0, 24)}-Pw9!`;
}

type Inputs = Record<string, unknown>;

function textOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Attributes a resource of `type` has once created; inputs are echoed back besides these. */
export function resourceState(type: string, name: string, inputs: Inputs, at: Place, style: ValueStyle): Inputs {
  const a = at.account ?? "000000000000";
  const r = at.region ?? "us-east-1";
  const v = style.value;
  const label = textOf(inputs.name) ?? textOf(inputs.family) ?? name;
  switch (type) {
    case "aws:kms/key:Key": {
      const keyId = v("id of KMS key", name, uuidOf(name));
      return { keyId, arn: v("arn of KMS key", name, `arn:aws:kms:${r}:${a}:key/${keyId}`) };
    }
    case "aws:secretsmanager/secret:Secret":
      return { arn: v("arn of secret", label, `arn:aws:secretsmanager:${r}:${a}:secret:${label}-${suffixOf(label)}`) };
    case "aws:secretsmanager/secretVersion:SecretVersion":
      return { versionId: v("id of version", name, uuidOf(name)) };
    case "aws:serverlessrepository/cloudFormationStack:CloudFormationStack": {
      const fn = textOf((inputs.parameters as Inputs | undefined)?.functionName) ?? name;
      return {
        outputs: { RotationLambdaARN: v("arn of rotation function", fn, `arn:aws:lambda:${r}:${a}:function:${fn}`) },
      };
    }
    case "aws:ecs/taskDefinition:TaskDefinition":
      return {
        revision: 1,
        arn: v("arn of task definition", label, `arn:aws:ecs:${r}:${a}:task-definition/${label}:1`),
      };
    case "aws:iam/role:Role":
      return { arn: v("arn of role", label, `arn:aws:iam::${a}:role/${label}`) };
    case "aws:sqs/queue:Queue":
      return {
        arn: v("arn of queue", label, `arn:aws:sqs:${r}:${a}:${label}`),
        url: v("url of queue", label, `https://sqs.${r}.amazonaws.com/${a}/${label}`),
      };
    case "aws:cloudwatch/eventBus:EventBus":
      return { arn: v("arn of event bus", label, `arn:aws:events:${r}:${a}:event-bus/${label}`) };
    case "aws:cloudwatch/eventRule:EventRule": {
      // A rule on a custom bus has the bus in its ARN.
      const bus = textOf(inputs.eventBusName);
      const path = bus && bus !== "default" ? `${bus}/${label}` : label;
      return { arn: v("arn of event rule", label, `arn:aws:events:${r}:${a}:rule/${path}`) };
    }
    case "aws:sfn/stateMachine:StateMachine":
      return { arn: v("arn of state machine", label, `arn:aws:states:${r}:${a}:stateMachine:${label}`) };
    case "random:index/randomPassword:RandomPassword":
      return { result: offlinePassword(name) };
    default: {
      const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
      const kind = type.split(":")[2] ?? type;
      return { arn: v(`arn of ${kind}`, label, `arn:aws:${service}:${r}:${a}:${kind.toLowerCase()}/${label}`) };
    }
  }
}

/** The function's name in its ARN, or in a placeholder `<arn of rotation function NAME>`. */
function functionNameOf(ref: string): string {
  const placeholder = /^<arn of [^>]*function (.+)>$/.exec(ref);
  return placeholder ? placeholder[1] : (resourceName(ref) ?? "");
}

/** Answers to the data sources the program reads. Unknown ones fail loudly. */
export function invokeResult(token: string, inputs: Inputs, at: Place, style: ValueStyle, settings: Settings): Inputs {
  const a = at.account ?? "000000000000";
  switch (token) {
    case "aws:iam/getRole:getRole": {
      const name = textOf(inputs.name) ?? "";
      const configured = settings.consumers.find((c) => c.executionRoleName === name && c.accountId === a);
      return { name, id: name, arn: configured?.executionRoleArn ?? `arn:aws:iam::${a}:role/${name}` };
    }
    case "aws:lambda/getFunction:getFunction": {
      const fn = functionNameOf(textOf(inputs.functionName) ?? "");
      return {
        functionName: fn,
        arn: inputs.functionName,
        role: style.value("role of rotation function", fn, `arn:aws:iam::${a}:role/${fn}-SecretsManagerRotationRole`),
      };
    }
    default:
      throw new Error(
        `offline runtime: no answer for the data source ${token}; add one in automation/offline/values.ts`,
      );
  }
}

/** What a StackReference to the owner stack returns. */
export function ownerStackOutputs(stackName: string, style: ValueStyle, settings: Settings): Inputs {
  const { accountId: a, region: r } = settings.owner;
  const name = settings.secret.name;
  const keyId = uuidOf(`${stackName}-key`);
  return {
    secretArn: style.value(
      "arn of secret",
      `${name} (from stack ${stackName})`,
      `arn:aws:secretsmanager:${r}:${a}:secret:${name}-${suffixOf(name)}`,
    ),
    kmsKeyArn: style.value(
      "arn of KMS key",
      `${settings.secret.kmsAliasName} (from stack ${stackName})`,
      `arn:aws:kms:${r}:${a}:key/${keyId}`,
    ),
  };
}
