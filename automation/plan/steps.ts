// Which step of the procedure (secret-sharing-procedure.ja.md, ①–⑦) each resource implements.
// The one table: `plan` prints it beside every resource, and a test checks the README's step
// table against it.

/** ①–⑦ of the procedure, and the two things the procedure leaves to the reader. */
export type StepId = "①" | "②" | "③" | "④" | "⑤" | "⑥" | "⑦" | "cross-account" | "restart";

export interface Step {
  readonly id: StepId;
  /** The procedure's heading, in its words. */
  readonly title: string;
  /** What the step achieves. */
  readonly summary: string;
}

export const STEPS: readonly Step[] = [
  { id: "①", title: "KMSキーを作成する", summary: "a customer-managed KMS key, administered by the SSO role" },
  {
    id: "②",
    title: "シークレットマネージャにシークレットを作成する",
    summary: "the RDS credentials secret, encrypted with that key, readable by each execution role",
  },
  {
    id: "③",
    title: "RDSにユーザーを作成する",
    summary: "the database user with the same password: the driver's db-user command, not a resource",
  },
  {
    id: "④",
    title: "①で作成したキーポリシーを変更する",
    summary: "each execution role may decrypt with the key, only through Secrets Manager and for this secret",
  },
  {
    id: "⑤",
    title: "②で作成したシークレットのローテーションを有効にする",
    summary: "AWS's rotation function and the schedule, never rotating on save",
  },
  {
    id: "⑥",
    title: "⑤で自動作成されたIAMロールにインラインポリシーを追加する",
    summary: "the rotation function's role may use the key, under the same two conditions",
  },
  {
    id: "⑦",
    title: "共有されるAWSアカウントのタスク定義を設定する",
    summary: "the consumer's task definition takes the password (and username) from the secret",
  },
  {
    id: "cross-account",
    title: "(left out by the procedure)",
    summary: "the consumer account's own allow: an identity policy on the execution role",
  },
  {
    id: "restart",
    title: "シークレットをローテーションする上での注意事項",
    summary: "tasks hold the password they started with: redeploy the listed services after each rotation",
  },
];

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

const KEY = "rds-secret-share:owner:SecretKey";
const OWNER = "rds-secret-share:owner:OwnerAccount";
const SECRET = "rds-secret-share:owner:SharedSecret";
const ROTATION = "rds-secret-share:owner:Rotation";
const EVENTS = "rds-secret-share:owner:RotationEvents";
const CONSUMER = "rds-secret-share:consumer:ConsumerAccess";
const RESTART = "rds-secret-share:consumer:ServiceRestart";

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const QUEUE = "aws:sqs/queue:Queue";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";

/** In the order `plan` lists resources within a step. */
export const RESOURCE_STEPS: readonly ResourceStep[] = [
  { component: KEY, type: "aws:kms/key:Key", step: "①", role: "the customer-managed key the secret is encrypted with" },
  { component: KEY, type: "aws:kms/alias:Alias", step: "①", role: "the key's alias" },
  {
    component: SECRET,
    type: "aws:secretsmanager/secret:Secret",
    step: "②",
    role: "the secret, of type RDS database credentials",
  },
  {
    component: SECRET,
    type: "aws:secretsmanager/secretVersion:SecretVersion",
    step: "②",
    role: "its initial value, written once: rotation owns it afterwards",
  },
  {
    component: OWNER,
    type: "random:index/randomPassword:RandomPassword",
    step: "②",
    role: "the initial password, generated because no dbPassword is configured",
  },
  {
    component: SECRET,
    type: "aws:secretsmanager/secretPolicy:SecretPolicy",
    step: "②",
    role: "the secret policy: GetSecretValue for each execution role",
  },
  {
    component: OWNER,
    type: "aws:kms/keyPolicy:KeyPolicy",
    step: "④",
    role: "the key policy: key administrators (①) and decryption via Secrets Manager for each execution role",
  },
  {
    component: ROTATION,
    type: "aws:serverlessrepository/cloudFormationStack:CloudFormationStack",
    step: "⑤",
    role: "AWS's rotation function for the engine and strategy, with its role",
  },
  {
    component: ROTATION,
    type: "aws:secretsmanager/secretRotation:SecretRotation",
    step: "⑤",
    role: "the rotation schedule",
  },
  {
    component: ROTATION,
    type: ROLE_POLICY,
    step: "⑥",
    role: "inline policy on the rotation function's role: the key, via Secrets Manager",
  },
  {
    component: CONSUMER,
    type: "aws:cloudwatch/logGroup:LogGroup",
    step: "⑦",
    role: "the container's log group",
  },
  {
    component: CONSUMER,
    type: "aws:ecs/taskDefinition:TaskDefinition",
    step: "⑦",
    role: "the task definition: password and username injected from the secret",
  },
  {
    component: CONSUMER,
    type: ROLE_POLICY,
    step: "cross-account",
    role: "identity policy on the existing execution role: this secret, this key",
  },
  { component: EVENTS, type: RULE, step: "restart", role: "matches RotationSucceeded of this secret" },
  {
    component: EVENTS,
    type: ROLE,
    step: "restart",
    role: "the role EventBridge forwards the event with",
  },
  { component: EVENTS, type: ROLE_POLICY, step: "restart", role: "its policy: PutEvents on the consumer's bus only" },
  { component: EVENTS, type: TARGET, step: "restart", role: "forwards the event to the consumer's rotation bus" },
  { component: EVENTS, type: QUEUE, step: "restart", role: "dead-letter queue of the forwarding target" },
  { component: EVENTS, type: "*", step: "restart", role: "forwards rotations to the consumer" },
  {
    component: RESTART,
    type: "aws:cloudwatch/eventBus:EventBus",
    step: "restart",
    role: "receives the rotations the owner forwards",
  },
  {
    component: RESTART,
    type: "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
    step: "restart",
    role: "the bus accepts events from the owner's forwarding role only",
  },
  { component: RESTART, type: RULE, step: "restart", role: "matches the forwarded rotation" },
  { component: RESTART, type: TARGET, step: "restart", role: "starts the state machine" },
  {
    component: RESTART,
    type: ROLE,
    nameSuffix: "-start",
    step: "restart",
    role: "the role the rule starts the state machine with",
  },
  {
    component: RESTART,
    type: ROLE_POLICY,
    nameSuffix: "-start-policy",
    step: "restart",
    role: "its policy: StartExecution of that state machine only",
  },
  {
    component: RESTART,
    type: "aws:sfn/stateMachine:StateMachine",
    step: "restart",
    role: "forces a new deployment of each listed service",
  },
  { component: RESTART, type: ROLE, step: "restart", role: "the state machine's role" },
  {
    component: RESTART,
    type: ROLE_POLICY,
    step: "restart",
    role: "its policy: UpdateService on the listed services only",
  },
  { component: RESTART, type: QUEUE, step: "restart", role: "dead-letter queue of the restart target" },
  { component: RESTART, type: "*", step: "restart", role: "restarts the consumer's services" },
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
