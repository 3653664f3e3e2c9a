// The shape of the deployer-permission table (deployerActions.ts) and the helpers its entries are
// written with: actions by purpose, the resources they are scoped to, the condition they need.

import { Conditions, SAR_STACK_PREFIX, Scope, Subject } from "./deployerScope";

export type Purpose = "create" | "read" | "update" | "delete" | "tag";
export const PURPOSES: readonly Purpose[] = ["create", "read", "update", "delete", "tag"];

export type Actions = Readonly<Partial<Record<Purpose, readonly string[]>>>;

/** Actions on some resources; grants with one `sid` and one condition share a statement. */
export interface Grant {
  readonly sid: string;
  readonly actions: Actions;
  /** The ARNs (or `*`) the actions can be scoped to, from what the program registered. */
  readonly resources: (subject: Subject, scope: Scope) => readonly string[];
  readonly condition?: (subject: Subject, scope: Scope) => Conditions | undefined;
}

/** A role an input names, handed to an AWS service (which needs iam:PassRole). */
export interface PassedRole {
  readonly input: string;
  readonly service: string;
}

export interface DeployerActions {
  /** A resource type token or a data source token. */
  readonly token: string;
  /** Where the calls were read: terraform-provider-aws unless another source is named. */
  readonly source: string;
  /** None for what makes no AWS call (a generated password, a stack reference). */
  readonly grants: readonly Grant[];
  readonly passRoles?: readonly PassedRole[];
}

/** `of("kms", { read: "DescribeKey GetKeyPolicy" })` → `{ read: ["kms:DescribeKey", "kms:GetKeyPolicy"] }`. */
export function of(service: string, actions: Readonly<Partial<Record<Purpose, string>>>): Actions {
  return Object.fromEntries(
    Object.entries(actions).map(([purpose, names]) => [purpose, names.split(" ").map((n) => `${service}:${n}`)]),
  );
}

export type Resources = Grant["resources"];
export const grant = (sid: string, actions: Actions, resources: Resources, condition?: Grant["condition"]): Grant => ({
  sid,
  actions,
  resources,
  ...(condition ? { condition } : {}),
});

/** Actions AWS lets no policy scope to a resource share one statement. */
export const unscoped = (actions: Actions): Grant => grant("Unscoped", actions, () => ["*"]);
export const named = (s: Subject): string => String(s.inputs.name);
export const taggedKeys: Resources = (_, scope) => [scope.taggedKeys()];
export const byTags = (prefix: string) => (_: Subject, scope: Scope) => ({ StringEquals: scope.tagConditions(prefix) });
export const secretIn =
  (input: string): Resources =>
  (s, scope) => [scope.secretArn(s.inputs[input])];
export const functionIn =
  (input: string): Resources =>
  (s, scope) => [scope.functionArn(s.inputs[input])];
export const rotationFunction: Resources = (s, scope) => [
  scope.functionArn((s.inputs.parameters as Record<string, unknown>).functionName),
];
/** The role AWS's rotation template creates: CloudFormation names it after the (prefixed) stack. */
export const templateRole: Resources = (_, scope) => [scope.iamArn(`role/${SAR_STACK_PREFIX}*`)];
/** What the provider reads of a role, for a role it creates (and the template's role). */
export const ROLE_READ = "GetRole ListRolePolicies GetRolePolicy ListAttachedRolePolicies";
export const tagging = (list = "ListTagsForResource"): string => `TagResource UntagResource ${list}`;

/** Secrets Manager encrypts and decrypts a secret's value with the caller's use of the key. */
export const keyViaSecretsManager = (secretInput: string): Grant =>
  grant(
    "KeyViaSecretsManager",
    of("kms", { create: "GenerateDataKey Decrypt", read: "Decrypt" }),
    taggedKeys,
    (s, scope) => ({
      StringEquals: {
        ...scope.tagConditions("aws:ResourceTag/"),
        "kms:ViaService": `secretsmanager.${scope.region}.amazonaws.com`,
      },
      StringLike: { "kms:EncryptionContext:SecretARN": scope.secretArn(s.inputs[secretInput]) },
    }),
  );
