// Policy simulation for the tests, with @cloud-copilot/iam-simulate (AGPL: used by tests only,
// never imported from infra/ or automation/). The policies come from the program's own
// registrations, run offline; nothing here restates a policy.
//
// How AWS decides, and how the library models it (its service authorizers, read in
// node_modules/@cloud-copilot/iam-simulate/dist/cjs/services/):
// - Cross-account (caller's account ≠ resource's account): allowed only when the identity policy
//   in the caller's account AND the resource policy (secret policy, key policy) both allow.
// - Same account, Secrets Manager: either the identity policy or the secret policy suffices.
// - Same account, KMS key: the key policy decides; an identity policy counts only because the key
//   policy's root statement (Principal <owner>:root) delegates to the owner account's IAM.
// The library implements all three (DefaultServiceAuthorizer, KmsServiceAuthorizer); we rely on
// it rather than combining results ourselves, and only choose the entry point (see `evaluate`).

import {
  EvaluationResult,
  runSimulation,
  runUnsafeSimulation,
  Simulation,
  SimulationIdentityPolicy,
} from "@cloud-copilot/iam-simulate";
import { OfflineRun, Registration } from "../../automation/offline/runtime";
import { exampleValues, invokeResult } from "../../automation/offline/values";
import { only, policyOf } from "./program";

export type PolicyJson = { Version: string; Statement: Record<string, unknown>[] };

/** The resource types whose policies the simulation reads. */
export const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
export const SECRET_POLICY = "aws:secretsmanager/secretPolicy:SecretPolicy";
export const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const ROLE = "aws:iam/role:Role";

/** A principal making requests: an assumed-role session (or a user) and its identity policies. */
export interface Caller {
  /** How the matrix names it. */
  readonly label: string;
  readonly account: string;
  /** The request's principal: `arn:aws:sts::<account>:assumed-role/<role name>/<session>`, or a user ARN. */
  readonly principal: string;
  readonly identityPolicies: readonly SimulationIdentityPolicy[];
}

/** What the program registered for one share, resolved to plain strings and parsed documents. */
export interface SharePolicies {
  readonly ownerAccount: string;
  readonly ownerRegion: string;
  readonly secretArn: string;
  readonly kmsKeyArn: string;
  readonly keyPolicy: PolicyJson;
  readonly secretPolicy: PolicyJson;
  /** Each consumer's execution role with every identity policy the program attached to it. */
  readonly executionRoles: readonly (Caller & { readonly consumer: string; readonly roleArn: string })[];
  /** The rotation function's role with its inline policies; undefined without rotation. */
  readonly rotationRole?: Caller;
  readonly keyAdmins: readonly Caller[];
  /** Every IAM role the program itself creates (e.g. for restarts after rotation), with its inline policies. */
  readonly createdRoles: readonly Caller[];
  /** Every account the share names: the owner's and the consumers'. */
  readonly accounts: readonly string[];
}

/** The session ARN ECS (or Lambda) uses when it acts as the role; the path is not part of it. */
export function sessionOf(roleArn: string, session: string): string {
  const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  if (m === null) {
    throw new Error(`not a role ARN: ${roleArn}`);
  }
  return `arn:aws:sts::${m[1]}:assumed-role/${m[2]}/${session}`;
}

/** Every RolePolicy the program attached to `roleName` in `account`: the role's identity policies. */
export function identityPoliciesOf(
  runs: readonly OfflineRun[],
  account: string,
  roleName: string,
): SimulationIdentityPolicy[] {
  return runs
    .flatMap((run) => run.registrations)
    .filter((r) => r.type === ROLE_POLICY && r.place.account === account && r.inputs.role === roleName)
    .map((r) => ({ name: r.name, policy: policyOf(r) }));
}

function outputText(run: OfflineRun, name: string): string {
  const value = run.outputs[name];
  if (typeof value !== "string") {
    throw new Error(`the run has no stack output ${name}`);
  }
  return value;
}

/** The rotation function's role, as the program learnt it from the function (aws.lambda.getFunction). */
function rotationRoleArn(run: OfflineRun): string | undefined {
  const lookup = run.invokes.find((i) => i.token === "aws:lambda/getFunction:getFunction");
  if (lookup === undefined) {
    return undefined;
  }
  const { owner } = run.settings;
  const place = { account: owner.accountId, region: owner.region };
  const answer = invokeResult(lookup.token, lookup.inputs, place, exampleValues, run.settings);
  return String(answer.role);
}

/**
 * Collects the share's policies from the registrations of an offline run (part `all`), or of an
 * owner run and a consumer run (the driver's two stacks).
 */
export function sharePolicies(ownerRun: OfflineRun, consumerRun: OfflineRun = ownerRun): SharePolicies {
  const runs = ownerRun === consumerRun ? [ownerRun] : [ownerRun, consumerRun];
  const { owner } = ownerRun.settings;
  const secretArn = outputText(ownerRun, "secretArn");
  const kmsKeyArn = outputText(ownerRun, "kmsKeyArn");
  const secretPolicyRegistration: Registration = only(ownerRun, SECRET_POLICY);
  if (secretPolicyRegistration.inputs.secretArn !== secretArn) {
    throw new Error(`the secret policy is attached to ${String(secretPolicyRegistration.inputs.secretArn)}`);
  }
  const executionRoles = consumerRun.settings.consumers.map((c) => ({
    label: `${c.name}: execution role`,
    consumer: c.name,
    account: c.accountId,
    roleArn: c.executionRoleArn,
    principal: sessionOf(c.executionRoleArn, "ecs-task"),
    identityPolicies: identityPoliciesOf(runs, c.accountId, c.executionRoleName),
  }));
  const rotationArn = rotationRoleArn(ownerRun);
  const rotationRole =
    rotationArn === undefined
      ? undefined
      : {
          label: "rotation function role",
          account: owner.accountId,
          principal: sessionOf(rotationArn, "rotation-lambda"),
          identityPolicies: identityPoliciesOf(runs, owner.accountId, rotationArn.split("/").pop() ?? ""),
        };
  const keyAdmins = owner.keyAdminArns.map((arn, i) => ({
    label: `key administrator ${i + 1}`,
    account: owner.accountId,
    // SSO and other roles act through sessions; IAM users sign requests as themselves.
    principal: arn.includes(":role/") ? sessionOf(arn, "admin@example.com") : arn,
    // Their own permissions are not the program's: the key policy alone must let them manage the key.
    identityPolicies: [],
  }));
  const createdRoles = runs
    .flatMap((run) => run.registrations)
    .filter((r) => r.type === ROLE && r.place.account !== undefined)
    .map((r) => {
      const account = r.place.account ?? "";
      const name = typeof r.inputs.name === "string" ? r.inputs.name : r.name;
      return {
        label: `created role ${name}`,
        account,
        principal: sessionOf(`arn:aws:iam::${account}:role/${name}`, "session"),
        identityPolicies: identityPoliciesOf(runs, account, name),
      };
    });
  return {
    ownerAccount: owner.accountId,
    ownerRegion: owner.region,
    secretArn,
    kmsKeyArn,
    keyPolicy: policyOf(only(ownerRun, KEY_POLICY)),
    secretPolicy: policyOf(secretPolicyRegistration),
    executionRoles,
    rotationRole,
    keyAdmins,
    createdRoles,
    accounts: [...new Set([owner.accountId, ...consumerRun.settings.consumers.map((c) => c.accountId)])],
  };
}

/** One request to evaluate. */
export interface AccessRequest {
  readonly caller: Caller;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  /** The secret policy or key policy of the resource; undefined when it has none. */
  readonly resourcePolicy?: PolicyJson;
  readonly context: Readonly<Record<string, string>>;
  /**
   * For a resource ARN in a format the simulator's service reference no longer lists (an ECS
   * service's short ARN, `service/<name>`): an ARN of the listed format that pass 1 validates the
   * request with; pass 2 then evaluates `resource` itself.
   */
  readonly validateAs?: string;
}

export interface Evaluation {
  readonly decision: EvaluationResult;
  /** Context keys the validating entry point dropped (and the decision therefore still used). */
  readonly droppedByValidation: readonly string[];
}

const ENCRYPTION_CONTEXT_KEY = /^kms:EncryptionContext:/i;

function simulationOf(request: AccessRequest, resourcePolicy: unknown, resource = request.resource): Simulation {
  return {
    request: {
      principal: request.caller.principal,
      action: request.action,
      resource: { resource, accountId: request.resourceAccount },
      contextVariables: { ...request.context },
    },
    identityPolicies: [...request.caller.identityPolicies],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy,
  };
}

/**
 * Evaluates one request in two passes.
 * 1. `runSimulation` validates everything: the policies' grammar, the action, the resource type
 *    and the context keys. It silently drops `kms:EncryptionContext:SecretARN` (it cannot match
 *    the action's `kms:EncryptionContext:${EncryptionContextKey}` template), which would make
 *    every KMS cell with that condition come out denied.
 * 2. `runUnsafeSimulation` evaluates the same, already validated request with every context key.
 *    Its resource policy must come wrapped as iam-policy's ValidatedPolicy (plain data, documented
 *    there), or it fails on the policy's missing name; pass 1 has validated that very document.
 * When pass 1 dropped nothing and validated the resource itself, both passes must agree; a dropped key other than an encryption
 * context key fails the evaluation instead of being ignored.
 */
export async function evaluate(request: AccessRequest): Promise<Evaluation> {
  const checked = await runSimulation(simulationOf(request, request.resourcePolicy, request.validateAs), {});
  if (checked.resultType === "error") {
    throw new Error(`invalid simulation of ${request.action}: ${JSON.stringify(checked.errors)}`);
  }
  if (checked.resultType !== "single") {
    throw new Error(`${request.action} on ${request.resource}: expected a single resource, got ${checked.resultType}`);
  }
  const dropped = checked.result.ignoredContextKeys ?? [];
  const unexpected = dropped.filter((k) => !ENCRYPTION_CONTEXT_KEY.test(k));
  if (unexpected.length > 0) {
    throw new Error(`${request.action}: the simulator does not know the context keys ${unexpected.join(", ")}`);
  }
  const wrapped =
    request.resourcePolicy === undefined
      ? undefined
      : {
          __validated: true,
          policyDocument: request.resourcePolicy,
          metadata: { name: "resource policy" },
          errors: [],
        };
  const decision = runUnsafeSimulation(simulationOf(request, wrapped), {});
  if (dropped.length === 0 && request.validateAs === undefined && decision !== checked.overallResult) {
    throw new Error(`${request.action}: the entry points disagree (${checked.overallResult} vs ${decision})`);
  }
  return { decision, droppedByValidation: dropped };
}

/** An identity policy allowing everything, as an administrator's would. */
export const ALLOW_EVERYTHING: SimulationIdentityPolicy = {
  name: "AdministratorAccess",
  policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};
