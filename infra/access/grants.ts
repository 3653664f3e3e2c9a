// The one place that decides who may do what with the shared secret and its key. Every policy
// the program writes about them (key policy, secret policy, the consumer's identity policy, the
// rotation role's inline policy) is assembled from the statements made here.

import { sid } from "../names";
import { PolicyStatement } from "./documents";

/** The shared secret as the policies see it: plain strings, resolved. */
export interface SharedSecretRef {
  readonly secretArn: string;
  readonly kmsKeyArn: string;
  /** The owner region, where Secrets Manager calls KMS from. */
  readonly region: string;
}

/** A principal allowed to read the secret. */
export interface SecretReader {
  /** Names the statements, e.g. the consumer name. */
  readonly name: string;
  readonly roleArn: string;
}

/** Every statement one reader needs, on both sides of the account boundary. */
export interface ReadGrant {
  /** Owner account: the secret's resource policy. */
  readonly secretPolicy: PolicyStatement;
  /** Owner account: the key policy. */
  readonly keyPolicy: PolicyStatement;
  /** Reader's account: the identity policy on the reader's role. */
  readonly identityPolicy: readonly PolicyStatement[];
}

export const READ_SECRET_ACTION = "secretsmanager:GetSecretValue";
export const DECRYPT_ACTION = "kms:Decrypt";
export const ROTATION_KEY_ACTIONS = ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"];

/**
 * What key administrators may do: manage the key, never use it. No kms:Create* either, since
 * that would include CreateGrant, a way to hand out decryption.
 */
export const KEY_ADMIN_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:RevokeGrant",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
];

/**
 * Step ①, key policy: the owner account's IAM may grant use of the key (so the rotation role's
 * inline policy works), and the key can never lock itself out.
 */
export function ownerAccountKeyAccess(ownerAccountId: string): PolicyStatement {
  return {
    Sid: "EnableOwnerAccountIamPolicies",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${ownerAccountId}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

/** Step ①, key policy: the administrators manage the key and never use it. */
export function keyAdministration(keyAdminArns: readonly string[]): PolicyStatement {
  return {
    Sid: "KeyAdministrators",
    Effect: "Allow",
    Principal: { AWS: keyAdminArns },
    Action: KEY_ADMIN_ACTIONS,
    Resource: "*",
  };
}

/**
 * KMS use only through Secrets Manager in the owner region, and only for this secret: the
 * encryption context Secrets Manager sends names the secret's ARN.
 */
export function viaSecretsManager(region: string, secretArn: string): PolicyStatement["Condition"] {
  return {
    StringEquals: {
      "kms:ViaService": `secretsmanager.${region}.amazonaws.com`,
      "kms:EncryptionContext:SecretARN": secretArn,
    },
  };
}

/** Like CDK's `secret.grantRead(role)`: read access, across accounts, and nothing more. */
export function grantRead(secret: SharedSecretRef, reader: SecretReader): ReadGrant {
  const condition = viaSecretsManager(secret.region, secret.secretArn);
  return {
    secretPolicy: {
      Sid: sid("read", reader.name),
      Effect: "Allow",
      Principal: { AWS: reader.roleArn },
      Action: READ_SECRET_ACTION,
      // In a resource policy "*" is the secret the policy is attached to.
      Resource: "*",
    },
    keyPolicy: {
      Sid: sid("decrypt", reader.name, "via secrets manager"),
      Effect: "Allow",
      Principal: { AWS: reader.roleArn },
      Action: DECRYPT_ACTION,
      Resource: "*",
      Condition: condition,
    },
    identityPolicy: [
      {
        Sid: "ReadSharedSecret",
        Effect: "Allow",
        Action: READ_SECRET_ACTION,
        Resource: secret.secretArn,
      },
      {
        Sid: "DecryptSharedSecretViaSecretsManager",
        Effect: "Allow",
        Action: DECRYPT_ACTION,
        Resource: secret.kmsKeyArn,
        Condition: condition,
      },
    ],
  };
}

/**
 * Step ⑥: the rotation function's role may use the key for this secret, through Secrets
 * Manager. It lives in the owner account, where the key policy's root statement lets IAM grant it.
 */
export function grantRotationKeyUse(secret: SharedSecretRef): PolicyStatement {
  return {
    Sid: "UseSecretKeyViaSecretsManager",
    Effect: "Allow",
    Action: ROTATION_KEY_ACTIONS,
    Resource: secret.kmsKeyArn,
    Condition: viaSecretsManager(secret.region, secret.secretArn),
  };
}

/**
 * Alternating-users rotation reads the administrator's secret. The rotation application grants
 * GetSecretValue on it; when that secret has a customer-managed key, decrypting it is granted
 * here, limited the same way.
 */
export function grantMasterSecretKeyUse(
  region: string,
  masterSecretArn: string,
  masterKeyArn: string,
): PolicyStatement {
  return {
    Sid: "DecryptMasterSecretViaSecretsManager",
    Effect: "Allow",
    Action: DECRYPT_ACTION,
    Resource: masterKeyArn,
    Condition: viaSecretsManager(region, masterSecretArn),
  };
}
