// `plan <env> --deployer-policy`: the IAM policy the deploying role needs in each account, for
// exactly what this environment creates and reads there. Computed from the offline run of the
// program (the same registrations `plan` shows) through the table in deployerActions.ts, so every
// name in it is one the program uses; nothing here lists names of its own.

import { policyDocument, PolicyDocument, PolicyStatement } from "../../infra/access/documents";
import { sid } from "../../infra/names";
import { OfflineRun, Registration } from "../offline/runtime";
import { DEPLOYER_ACTIONS, deployerActions } from "./deployerActions";
import { DeployerActions, PURPOSES } from "./deployerGrants";
import { Conditions, Scope, Subject, subjectsOf } from "./deployerScope";
import { Plan, PlanAccount } from "./model";

export interface DeployerAccount {
  readonly role: PlanAccount["role"];
  readonly accountId: string;
  readonly region: string;
  /** The role the account's provider assumes, when it assumes one. */
  readonly assumeRoleArn?: string;
  readonly policy: PolicyDocument;
}

export interface DeployerPolicies {
  readonly env: string;
  /** The stack the policies are for: their tag conditions name it (`dev`, or the driver's `dev-owner`). */
  readonly stack: string;
  readonly accounts: readonly DeployerAccount[];
}

/** IAM's limit on a customer managed policy, in characters other than white space. */
export const MANAGED_POLICY_LIMIT = 6144;

/** Characters IAM counts against its policy size limits: all but white space. */
export function policySize(policy: PolicyDocument): number {
  return JSON.stringify(policy).replace(/\s/g, "").length;
}

/** Resource types and data sources the run uses that the table has no entry for, each once. */
export function uncoveredTokens(run: OfflineRun): string[] {
  const tokens = [...run.registrations.filter((r) => r.custom).map((r) => r.type), ...run.invokes.map((i) => i.token)];
  return [...new Set(tokens)].filter((t) => deployerActions(t) === undefined);
}

/** One grant as it applies to one subject: its actions on its resources, under its condition. */
interface Applied {
  readonly sid: string;
  readonly condition?: Conditions;
  readonly resources: readonly string[];
  readonly actions: readonly string[];
  /** Position in the table, so statements come out in the table's order. */
  readonly order: number;
}

function applied(subject: Subject, entry: DeployerActions, scope: Scope): Applied[] {
  const order = DEPLOYER_ACTIONS.indexOf(entry) * 100;
  const grants = entry.grants.map((g, i) => ({
    sid: g.sid,
    condition: g.condition?.(subject, scope),
    resources: g.resources(subject, scope),
    actions: PURPOSES.flatMap((p) => g.actions[p] ?? []),
    order: order + i,
  }));
  const passed = (entry.passRoles ?? []).flatMap((p, i) => {
    const role = subject.inputs[p.input];
    return role === undefined || role === ""
      ? []
      : [
          {
            sid: sid("pass role to", p.service.replace(/\.amazonaws\.com$/, "")),
            condition: { StringEquals: { "iam:PassedToService": p.service } },
            resources: [scope.roleArn(role)],
            actions: ["iam:PassRole"],
            order: order + 50 + i,
          },
        ];
  });
  return [...grants, ...passed];
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();
const one = (values: readonly string[]): string | readonly string[] => (values.length === 1 ? values[0] : values);

/**
 * Statements from applied grants: one per statement id and condition, with the actions of every
 * grant on the same resources; grants with the same actions on other resources join them, and any
 * other combination gets a statement of its own, so no action reaches a resource it was not granted on.
 */
function statements(all: readonly Applied[]): PolicyStatement[] {
  const groups = new Map<string, Applied[]>();
  for (const a of [...all].sort((x, y) => x.order - y.order)) {
    const key = JSON.stringify([a.sid, a.condition ?? null]);
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  return [...groups.values()].flatMap((group) => {
    const byResources = new Map<string, Set<string>>();
    for (const a of group) {
      const key = JSON.stringify(sorted(a.resources));
      byResources.set(key, new Set([...(byResources.get(key) ?? []), ...a.actions]));
    }
    const byActions = new Map<string, string[]>();
    for (const [resources, actions] of byResources) {
      const key = JSON.stringify(sorted(actions));
      byActions.set(key, sorted([...(byActions.get(key) ?? []), ...(JSON.parse(resources) as string[])]));
    }
    const { sid: id, condition } = group[0];
    return [...byActions].map(([actions, resources], i) => ({
      Sid: i === 0 ? id : `${id}${i + 1}`,
      Effect: "Allow" as const,
      Action: one(JSON.parse(actions) as string[]),
      Resource: one(resources.includes("*") ? ["*"] : resources),
      ...(condition ? { Condition: condition } : {}),
    }));
  });
}

function defaultTags(provider: Registration): Record<string, string> {
  const raw = provider.inputs.defaultTags;
  const parsed = (typeof raw === "string" ? JSON.parse(raw) : raw) as { tags?: Record<string, string> } | undefined;
  return parsed?.tags ?? {};
}

/** The policy the deploying role needs in one account of the plan. */
function accountPolicy(account: PlanAccount, run: OfflineRun): DeployerAccount {
  const provider = run.registrations.find((r) => r.type === "pulumi:providers:aws" && r.name === account.provider);
  if (provider === undefined) {
    throw new Error(`deployer policy: no provider ${account.provider} in the run`);
  }
  const registrations = run.registrations.filter((r) => r.provider === account.provider);
  const invokes = run.invokes.filter((i) => i.provider === account.provider);
  const scope = new Scope(account.accountId, account.region, defaultTags(provider), registrations, invokes);
  const subjects = subjectsOf([provider, ...registrations], invokes);
  const all = subjects.flatMap((s) => {
    const entry = deployerActions(s.token);
    if (entry === undefined) {
      throw new Error(`deployer policy: no entry for ${s.token} in automation/plan/deployerActions.ts`);
    }
    return applied(s, entry, scope);
  });
  return {
    role: account.role,
    accountId: account.accountId,
    region: account.region,
    ...(account.assumeRoleArn ? { assumeRoleArn: account.assumeRoleArn } : {}),
    policy: policyDocument(statements(all)),
  };
}

/** The deploying role's policy for each account of a plan, from the run the plan was arranged from. */
export function deployerPolicies(plan: Plan, run: OfflineRun): DeployerPolicies {
  const missing = uncoveredTokens(run);
  if (missing.length > 0) {
    throw new Error(`deployer policy: no entry in automation/plan/deployerActions.ts for ${missing.join(", ")}`);
  }
  return { env: plan.env, stack: plan.stack, accounts: plan.accounts.map((a) => accountPolicy(a, run)) };
}

/** What `--deployer-policy --json` prints. */
export function deployerPoliciesJson(p: DeployerPolicies): unknown {
  return {
    env: p.env,
    stack: p.stack,
    accounts: p.accounts.map((a) => ({ role: a.role, accountId: a.accountId, region: a.region, policy: a.policy })),
  };
}

/** A role's inline policies together may have this many characters (IAM quotas). */
export const INLINE_POLICIES_LIMIT = 10240;

/** Whether a policy fits IAM's limits, and what to do when it does not. */
export function sizeNote(policy: PolicyDocument): string {
  const size = policySize(policy);
  const count = `${policy.Statement.length} statements, ${size} characters`;
  return size <= MANAGED_POLICY_LIMIT
    ? `${count}: fits one managed policy (IAM allows ${MANAGED_POLICY_LIMIT}, not counting white space)`
    : `${count}: more than the ${MANAGED_POLICY_LIMIT} IAM allows one managed policy; attach it as an inline ` +
        `policy (a role's inline policies may total ${INLINE_POLICIES_LIMIT}) or split its statements over two managed policies`;
}

/** Per account a heading, the policy's size against IAM's limits, and the policy pretty-printed. */
export function renderDeployerPolicies(p: DeployerPolicies): string {
  const blocks = p.accounts.map((a) => {
    const heading = `== ${a.role === "owner" ? "Owner" : "Consumer"} account ${a.accountId} · ${a.region} ==`;
    const who = a.assumeRoleArn
      ? `For the role the provider assumes: ${a.assumeRoleArn}`
      : "For the credentials the provider uses (no role to assume is configured)";
    return [heading, who, sizeNote(a.policy), JSON.stringify(a.policy, null, 2)].join("\n");
  });
  return [heading(p), ...blocks].join("\n\n");
}

/** Which stack the policies are for: a policy for `pulumi up -s dev` fails a driver deploy, and back. */
function heading(p: DeployerPolicies): string {
  const title = `Deploying role's permissions for stack ${p.stack}: one IAM policy per account`;
  if (p.stack !== p.env) {
    return title;
  }
  return (
    `${title}, for \`pulumi up -s ${p.env}\`.\n` +
    `\`npx rds-secret-share deploy ${p.env}\` deploys the stacks ${p.env}-owner and ${p.env}-consumer instead, ` +
    `whose key statements name those stacks: add --part owner (owner account) and --part consumer (consumer accounts).`
  );
}
