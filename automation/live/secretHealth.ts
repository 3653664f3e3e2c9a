// doctor, owner account: the secret exists and is encrypted with the stack's key, the key is
// enabled and rotates, and the live secret and key policies still hold exactly the program's
// statements and grant no public access.

import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient } from "@aws-sdk/client-kms";
import {
  DescribeSecretCommand,
  DescribeSecretResponse,
  GetResourcePolicyCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { PolicyDocument } from "../../infra/access/documents";
import { keyPolicy, secretPolicy } from "../../infra/access/policies";
import { Settings } from "../../infra/config/types";
import { readersOf } from "../../infra/share";
import { PolicyDocumentJson } from "../plan/registrationInputs";
import { checkNotPublic } from "./analyzer";
import { DeployedShare } from "./deployed";
import { PublicResourceType } from "./documents";
import { describeDrift, drift, parsePolicy } from "./drift";
import { AccountRun, call, check, failedWith, Outcome } from "./session";

/** What the owner account showed, for the checks that depend on it. */
export interface OwnerState {
  readonly secret?: DescribeSecretResponse;
  readonly secretPolicy?: PolicyDocumentJson;
  readonly keyPolicy?: PolicyDocumentJson;
}

/** The program's policies for the deployed ARNs: exactly what a deploy writes. */
export function expectedPolicies(
  settings: Settings,
  d: DeployedShare,
): { secret: PolicyDocument; key: PolicyDocument } {
  const ref = { secretArn: d.secretArn, kmsKeyArn: d.kmsKeyArn, region: settings.owner.region };
  const readers = readersOf(settings.consumers);
  return {
    secret: secretPolicy(ref, readers),
    key: keyPolicy({
      ownerAccountId: settings.owner.accountId,
      keyAdminArns: settings.owner.keyAdminArns,
      secret: ref,
      readers,
    }),
  };
}

async function describeSecret(run: AccountRun, d: DeployedShare): Promise<DescribeSecretResponse | undefined> {
  let secret: DescribeSecretResponse | undefined;
  await check(run, "secret", `the secret ${d.secretArn}`, async (): Promise<Outcome> => {
    try {
      secret = await call(run, "secretsmanager:DescribeSecret", () =>
        run.client(SecretsManagerClient).send(new DescribeSecretCommand({ SecretId: d.secretArn })),
      );
    } catch (err) {
      if (failedWith(err, "ResourceNotFoundException")) {
        return { status: "fail", title: `the secret ${d.secretArn} does not exist` };
      }
      throw err;
    }
    if (secret.DeletedDate) {
      return {
        status: "fail",
        title: `the secret ${d.secretName} is scheduled for deletion (since ${secret.DeletedDate.toISOString()})`,
      };
    }
    const keyId = d.kmsKeyArn.split("/").pop();
    return secret.KmsKeyId === d.kmsKeyArn || secret.KmsKeyId === keyId
      ? { status: "ok", title: `the secret ${d.secretName} exists, encrypted with the stack's key` }
      : {
          status: "fail",
          title: `the secret ${d.secretName} is encrypted with ${secret.KmsKeyId ?? "the AWS managed key"}, not the stack's key ${d.kmsKeyArn}: consumers cannot decrypt it`,
        };
  });
  return secret;
}

async function keyState(run: AccountRun, d: DeployedShare): Promise<void> {
  const kms = run.client(KMSClient);
  await check(run, "key", `the key ${d.kmsKeyArn}`, async (): Promise<Outcome[]> => {
    const key = await call(run, "kms:DescribeKey", () => kms.send(new DescribeKeyCommand({ KeyId: d.kmsKeyArn })));
    const state = key.KeyMetadata?.KeyState ?? "unknown";
    const rotation = await call(run, "kms:GetKeyRotationStatus", () =>
      kms.send(new GetKeyRotationStatusCommand({ KeyId: d.kmsKeyArn })),
    );
    return [
      state === "Enabled"
        ? { status: "ok", title: `the key ${d.kmsKeyArn} is enabled` }
        : { status: "fail", title: `the key ${d.kmsKeyArn} is ${state}: nobody can read the secret` },
      rotation.KeyRotationEnabled === true
        ? { status: "ok", title: "the key rotates its key material" }
        : {
            status: "fail",
            title: `automatic key rotation is off for ${d.kmsKeyArn}`,
            detail: `aws kms enable-key-rotation --key-id ${d.kmsKeyArn}`,
          },
    ];
  });
}

/** The live policy against the program's, and public access on the live one. */
async function livePolicy(
  run: AccountRun,
  label: string,
  publicAs: PublicResourceType,
  read: () => Promise<string | undefined>,
  expected: PolicyDocument,
): Promise<PolicyDocumentJson | undefined> {
  let live: PolicyDocumentJson | undefined;
  let text: string | undefined;
  await check(run, "policy-drift", `the live ${label}`, async (): Promise<Outcome> => {
    text = await read();
    live = parsePolicy(text);
    const changed = describeDrift(drift(live, expected));
    return changed === undefined
      ? { status: "ok", title: `the ${label} holds exactly the program's ${expected.Statement.length} statement(s)` }
      : {
          status: "fail",
          title: `the ${label} has drifted from the program's: ${changed}`,
          detail: "A deploy writes it back; find out first who changed it and why.",
        };
  });
  if (text !== undefined) {
    await checkNotPublic(run, { label: `the live ${label}`, publicAs }, text);
  }
  return live;
}

export async function secretHealth(run: AccountRun, settings: Settings, d: DeployedShare): Promise<OwnerState> {
  const secret = await describeSecret(run, d);
  await keyState(run, d);
  const expected = expectedPolicies(settings, d);
  const sm = run.client(SecretsManagerClient);
  const secretPolicyLive = await livePolicy(
    run,
    "secret policy",
    "AWS::SecretsManager::Secret",
    async () =>
      (
        await call(run, "secretsmanager:GetResourcePolicy", () =>
          sm.send(new GetResourcePolicyCommand({ SecretId: d.secretArn })),
        )
      ).ResourcePolicy,
    expected.secret,
  );
  const kms = run.client(KMSClient);
  const keyPolicyLive = await livePolicy(
    run,
    "key policy",
    "AWS::KMS::Key",
    async () =>
      (
        await call(run, "kms:GetKeyPolicy", () =>
          kms.send(new GetKeyPolicyCommand({ KeyId: d.kmsKeyArn, PolicyName: "default" })),
        )
      ).Policy,
    expected.key,
  );
  return { secret, secretPolicy: secretPolicyLive, keyPolicy: keyPolicyLive };
}
