// What the deployer-permission table scopes its actions to: ARNs in one account and region, built
// from what the program registered there. Values AWS assigns at deployment (ARNs, ids) are
// placeholders in the offline run, so a reference is followed back to the registration or data
// source that produced it, and the ARN is rebuilt from that one's name.

import { parseArn, resourceName } from "../../infra/arn";
import { InvokeRecord, Registration } from "../offline/runtime";

/** A registration or a data-source read the table has an entry for. */
export interface Subject {
  readonly token: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  /** What a data source answered; empty for a resource. */
  readonly result: Readonly<Record<string, unknown>>;
}

export type Conditions = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

/** The prefix AWS's Serverless Application Repository gives the CloudFormation stacks it deploys. */
export const SAR_STACK_PREFIX = "serverlessrepo-";

const ROLE = "aws:iam/role:Role";
const SECRET = "aws:secretsmanager/secret:Secret";
const SAR_STACK = "aws:serverlessrepository/cloudFormationStack:CloudFormationStack";
const GET_ROLE = "aws:iam/getRole:getRole";
const GET_FUNCTION = "aws:lambda/getFunction:getFunction";

/** Every string anywhere in a value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") {
    return [value];
  }
  if (typeof value === "object" && value !== null) {
    return Object.values(value).flatMap(strings);
  }
  return [];
}

function text(value: unknown, what: string): string {
  if (typeof value !== "string" || value === "") {
    throw new Error(`deployer policy: expected ${what} to be a name; got ${JSON.stringify(value)}`);
  }
  return value;
}

/** One account and region: its registrations, reads and default tags. */
export class Scope {
  constructor(
    readonly account: string,
    readonly region: string,
    /** The provider's default tags, which every taggable resource of the stack carries. */
    readonly tags: Readonly<Record<string, string>>,
    private readonly registrations: readonly Registration[],
    private readonly invokes: readonly InvokeRecord[],
  ) {}

  /** `arn:aws:<service>:<region>:<account>:<resource>`. */
  arn(service: string, resource: string): string {
    return `arn:aws:${service}:${this.region}:${this.account}:${resource}`;
  }

  /** Secrets Manager appends `-` and six random characters to a secret's name in its ARN. */
  secretArn(value: unknown): string {
    return this.arn("secretsmanager", `secret:${this.nameBehind(value, SECRET)}-??????`);
  }

  /** KMS keys get their id at creation: the stack's keys are recognised by its tags afterwards. */
  taggedKeys(): string {
    return this.arn("kms", "key/*");
  }

  eventBusArn(name: unknown): string {
    return this.arn("events", `event-bus/${name === undefined ? "default" : text(name, "a bus name")}`);
  }

  /** A rule on the default bus is `rule/<name>`; on a custom bus `rule/<bus>/<name>`. */
  ruleArn(bus: unknown, name: unknown): string {
    const path = bus === undefined || bus === "default" ? "" : `${text(bus, "a bus name")}/`;
    return this.arn("events", `rule/${path}${text(name, "a rule name")}`);
  }

  /** IAM's ARNs name no region. */
  iamArn(resource: string): string {
    return `arn:aws:iam::${this.account}:${resource}`;
  }

  /** Conditions matching this stack's default tags under `prefix`, e.g. `aws:ResourceTag/`. */
  tagConditions(prefix: string): Record<string, string> {
    if (Object.keys(this.tags).length === 0) {
      // Without the stack's tags a key could not be told apart from any other key of the account.
      throw new Error(`deployer policy: the provider of account ${this.account} sets no default tags`);
    }
    return Object.fromEntries(Object.entries(this.tags).map(([k, v]) => [`${prefix}${k}`, v]));
  }

  /** The registration here whose answered attributes hold `value` (a placeholder ARN or id). */
  producer(value: unknown, type?: string): Registration | undefined {
    return this.registrations.find(
      (r) => (type === undefined || r.type === type) && typeof value === "string" && strings(r.state).includes(value),
    );
  }

  /** The name the registration that produced `value` was given, or `value` when it is itself a name. */
  nameBehind(value: unknown, type: string, input = "name"): string {
    const producer = this.producer(value, type);
    return text(producer ? producer.inputs[input] : value, `the ${input} behind ${JSON.stringify(value)}`);
  }

  /** The SAR stack registration that deploys function `name`, if the program deploys it here. */
  functionStack(name: string): Registration | undefined {
    return this.registrations.find(
      (r) =>
        r.type === SAR_STACK && (r.inputs.parameters as Record<string, unknown> | undefined)?.functionName === name,
    );
  }

  /** The Lambda function ARN for a function name, or for a placeholder the SAR stack answered. */
  functionArn(value: unknown): string {
    const stack = this.producer(value, SAR_STACK);
    const name = stack ? (stack.inputs.parameters as Record<string, unknown>).functionName : value;
    return parseArn(String(name)) ? String(name) : this.arn("lambda", `function:${text(name, "a function name")}`);
  }

  /**
   * The ARN of the role `value` names: an ARN as given, a role this stack creates, an existing
   * role read with getRole (its path included), or the role AWS's rotation template creates.
   */
  roleArn(value: unknown): string {
    const given = typeof value === "string" ? parseArn(value) : undefined;
    if (given?.service === "iam") {
      return String(value);
    }
    const created =
      this.producer(value, ROLE) ?? this.registrations.find((r) => r.type === ROLE && r.inputs.name === value);
    if (created) {
      return this.iamArn(`role/${text(created.inputs.name, "a role name")}`);
    }
    const read = this.invokes.find((i) => i.token === GET_ROLE && i.result.name === value);
    if (read) {
      return text(read.result.arn, "the ARN getRole answered");
    }
    const fn = this.invokes.find(
      (i) =>
        i.token === GET_FUNCTION &&
        (i.result.role === value || resourceName(String(i.result.role)) === value) &&
        this.functionStack(String(i.result.functionName)) !== undefined,
    );
    if (fn) {
      // CloudFormation names a role it creates after its stack (which SAR prefixes), cut to fit.
      return this.iamArn(`role/${SAR_STACK_PREFIX}*`);
    }
    throw new Error(`deployer policy: cannot tell which role ${JSON.stringify(value)} is`);
  }
}

/** A scope's subjects: every registration and data-source read made through its provider. */
export function subjectsOf(registrations: readonly Registration[], invokes: readonly InvokeRecord[]): Subject[] {
  return [
    ...registrations.map((r) => ({ token: r.type, name: r.name, inputs: r.inputs, result: {} })),
    ...invokes.map((i) => ({ token: i.token, name: i.token, inputs: i.inputs, result: i.result })),
  ];
}
