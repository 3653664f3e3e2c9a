// Principals the policies name must exist before a deploy: KMS and Secrets Manager reject a policy
// naming a missing one halfway through ("MalformedPolicyDocumentException … invalid principals").

import { DescribeSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { GetRoleCommand, GetUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { Settings } from "../../infra/config/types";
import { AccountRun, call, check, failedWith, keyOf, Outcome } from "./session";

/** The kind and name of an IAM role or user ARN: `role/path/name` → ["role", "name"]. */
function parse(arn: string): { kind: "role" | "user"; name: string } | undefined {
  const m = /^arn:aws[\w-]*:iam::\d{12}:(role|user)\/(?:.*\/)?([\w+=,.@-]+)$/.exec(arn);
  return m ? { kind: m[1] as "role" | "user", name: m[2] } : undefined;
}

/** The principal exists in the account, at exactly the configured ARN (paths included). */
async function principal(run: AccountRun, arn: string, what: string, key: string): Promise<void> {
  const p = parse(arn);
  if (!p) {
    return;
  }
  const iam = run.client(IAMClient);
  await check(
    run,
    "principal-exists",
    `${what} ${arn}`,
    async (): Promise<Outcome> => {
      let actual: string | undefined;
      try {
        actual =
          p.kind === "role"
            ? (await call(run, "iam:GetRole", () => iam.send(new GetRoleCommand({ RoleName: p.name })))).Role?.Arn
            : (await call(run, "iam:GetUser", () => iam.send(new GetUserCommand({ UserName: p.name })))).User?.Arn;
      } catch (err) {
        if (failedWith(err, "NoSuchEntity", "NoSuchEntityException")) {
          return {
            status: "fail",
            title: `${what} ${arn} does not exist in account ${run.account.accountId}`,
            detail: `Create the ${p.kind} first, or correct ${key}: KMS and Secrets Manager reject policies that name a missing principal.`,
            configKey: key,
          };
        }
        throw err;
      }
      return actual === arn
        ? { status: "ok", title: `${what} ${arn} exists` }
        : {
            status: "fail",
            title: `${what} ${arn} is not the ${p.kind} ${p.name} of account ${run.account.accountId}, which is ${actual ?? "unknown"}`,
            detail: `The path must match: set ${key} to ${actual ?? "its ARN"}.`,
            configKey: key,
          };
    },
    key,
  );
}

/** Consumer account: each consumer's execution role. */
export async function executionRoles(run: AccountRun): Promise<void> {
  for (const { consumer, index } of run.consumers) {
    const key = keyOf(`consumers[${index}].executionRoleArn`);
    await principal(run, consumer.executionRoleArn, `execution role of consumer ${consumer.name}`, key);
  }
}

/** Owner account: each key administrator and, for alternating users, the administrator's secret. */
export async function ownerPrincipals(run: AccountRun, settings: Settings): Promise<void> {
  for (const [i, arn] of settings.owner.keyAdminArns.entries()) {
    await principal(run, arn, "key administrator", keyOf(`owner.keyAdminArns[${i}]`));
  }
  const master = settings.database.masterSecretArn;
  if (settings.rotation?.strategy !== "alternating-users" || !master) {
    return;
  }
  const key = keyOf("database.masterSecretArn");
  await check(
    run,
    "master-secret",
    `the administrator's secret ${master}`,
    async (): Promise<Outcome> => {
      try {
        const s = await call(run, "secretsmanager:DescribeSecret", () =>
          run.client(SecretsManagerClient).send(new DescribeSecretCommand({ SecretId: master })),
        );
        return s.DeletedDate
          ? {
              status: "fail",
              title: `the administrator's secret ${master} is scheduled for deletion`,
              configKey: key,
            }
          : { status: "ok", title: `the administrator's secret ${master} exists` };
      } catch (err) {
        if (failedWith(err, "ResourceNotFoundException")) {
          return {
            status: "fail",
            title: `the administrator's secret ${master} does not exist in region ${run.account.region} of account ${run.account.accountId}`,
            detail: `alternating-users rotation logs in with it; correct ${key}.`,
            configKey: key,
          };
        }
        throw err;
      }
    },
    key,
  );
}
