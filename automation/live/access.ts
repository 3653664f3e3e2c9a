// doctor, consumer account: the execution role's identity policy as the program wrote it, and its
// access asked of the IAM policy simulator. The simulator evaluates the consumer account's side
// only (the role's identity policies, boundaries, SCPs); the owner's secret and key policies are
// resource policies in another account, beyond its reach, so they are read in the owner account.

import {
  ContextKeyTypeEnum,
  GetRolePolicyCommand,
  IAMClient,
  SimulatePrincipalPolicyCommand,
} from "@aws-sdk/client-iam";
import { grantRead } from "../../infra/access/grants";
import { readerIdentityPolicy } from "../../infra/access/policies";
import { identityPolicyName } from "../../infra/names";
import { ConsumerSettings, Settings } from "../../infra/config/types";
import { DeployedShare } from "./deployed";
import { describeDrift, drift, holds, parsePolicy } from "./drift";
import { OwnerState } from "./secretHealth";
import { AccountRun, call, check, failedWith, Outcome } from "./session";

function ref(settings: Settings, d: DeployedShare) {
  return { secretArn: d.secretArn, kmsKeyArn: d.kmsKeyArn, region: settings.owner.region };
}

export async function identityPolicy(
  run: AccountRun,
  settings: Settings,
  d: DeployedShare,
  c: ConsumerSettings,
): Promise<void> {
  const name = identityPolicyName(settings.secret.name, c.name);
  const expected = readerIdentityPolicy(ref(settings, d), { name: c.name, roleArn: c.executionRoleArn });
  await check(
    run,
    "policy-drift",
    `the identity policy ${name} of ${c.executionRoleName}`,
    async (): Promise<Outcome> => {
      let text: string | undefined;
      try {
        const r = await call(run, "iam:GetRolePolicy", () =>
          run.client(IAMClient).send(new GetRolePolicyCommand({ RoleName: c.executionRoleName, PolicyName: name })),
        );
        // IAM returns the document URL-encoded.
        text = r.PolicyDocument ? decodeURIComponent(r.PolicyDocument) : undefined;
      } catch (err) {
        if (failedWith(err, "NoSuchEntity", "NoSuchEntityException")) {
          return {
            status: "fail",
            title: `${c.executionRoleName} has no inline policy ${name}: tasks of ${c.name} cannot read the secret; deploy again`,
          };
        }
        throw err;
      }
      const changed = describeDrift(drift(parsePolicy(text), expected));
      return changed === undefined
        ? {
            status: "ok",
            title: `the identity policy ${name} of ${c.executionRoleName} holds exactly the program's statements`,
          }
        : { status: "fail", title: `the identity policy ${name} of ${c.executionRoleName} has drifted: ${changed}` };
    },
  );
}

interface Request {
  readonly action: string;
  readonly what: string;
  readonly resource: string;
  readonly context?: readonly [string, string][];
}

export async function simulate(
  run: AccountRun,
  settings: Settings,
  d: DeployedShare,
  c: ConsumerSettings,
): Promise<void> {
  const requests: Request[] = [
    { action: "secretsmanager:GetSecretValue", what: "the secret", resource: d.secretArn },
    {
      action: "kms:Decrypt",
      what: "the key, via Secrets Manager for this secret",
      resource: d.kmsKeyArn,
      context: [
        ["kms:ViaService", `secretsmanager.${settings.owner.region}.amazonaws.com`],
        ["kms:EncryptionContext:SecretARN", d.secretArn],
      ],
    },
  ];
  for (const r of requests) {
    await check(
      run,
      "simulated-access",
      `${r.action} for ${c.executionRoleName} with the IAM policy simulator`,
      async (): Promise<Outcome> => {
        const out = await call(run, "iam:SimulatePrincipalPolicy", () =>
          run.client(IAMClient).send(
            new SimulatePrincipalPolicyCommand({
              PolicySourceArn: c.executionRoleArn,
              ActionNames: [r.action],
              ResourceArns: [r.resource],
              ContextEntries: (r.context ?? []).map(([k, v]) => ({
                ContextKeyName: k,
                ContextKeyValues: [v],
                ContextKeyType: ContextKeyTypeEnum.STRING,
              })),
            }),
          ),
        );
        const result = out.EvaluationResults?.[0];
        const decision = result?.EvalDecision ?? "no decision";
        const side = `the consumer account's side (identity policies, permission boundary, SCPs), simulated in ${run.account.accountId}`;
        if (decision === "allowed") {
          return { status: "ok", title: `${c.name}'s execution role may ${r.action} on ${r.what}: allowed on ${side}` };
        }
        const scp =
          result?.OrganizationsDecisionDetail?.AllowedByOrganizations === false
            ? " An SCP of the organization denies it."
            : "";
        const boundary =
          result?.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === false
            ? " The role's permissions boundary does not allow it."
            : "";
        return {
          status: "fail",
          title: `${c.name}'s execution role may not ${r.action} on ${r.what}: ${decision} on ${side}`,
          detail: `Tasks of ${c.name} cannot start: ECS reads the secret with this role.${scp}${boundary}`,
        };
      },
    );
  }
}

/** The owner's side, which the simulator cannot see: read in the owner account, judged here per role. */
export function resourceSide(
  settings: Settings,
  d: DeployedShare,
  c: ConsumerSettings,
  owner: OwnerState | undefined,
  ownerAccount: string,
): Outcome {
  const grant = grantRead(ref(settings, d), { name: c.name, roleArn: c.executionRoleArn });
  const beyond = `not simulated: the owner's policies are resource policies in account ${ownerAccount}, beyond the IAM policy simulator; read there`;
  if (owner?.secretPolicy === undefined || owner.keyPolicy === undefined) {
    return {
      status: "error",
      title: `could not check the owner's side for ${c.name}: the secret and key policies of account ${ownerAccount} were not read (see above)`,
    };
  }
  const missing = [
    ...(holds(owner.secretPolicy, grant.secretPolicy) ? [] : [`the secret policy lacks ${grant.secretPolicy.Sid}`]),
    ...(holds(owner.keyPolicy, grant.keyPolicy) ? [] : [`the key policy lacks ${grant.keyPolicy.Sid}`]),
  ];
  return missing.length === 0
    ? {
        status: "ok",
        title: `the owner's secret and key policies grant ${c.name}'s execution role its read (${beyond})`,
      }
    : {
        status: "fail",
        title: `the owner's side refuses ${c.name}'s execution role: ${missing.join("; ")} (${beyond})`,
      };
}
