// Whole policy documents, each assembled from the grants.

import { policyDocument, PolicyDocument } from "./documents";
import { grantMasterSecretKeyUse, grantRead, grantRotationKeyUse, SecretReader, SharedSecretRef } from "./grants";

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

export interface KeyPolicyArgs {
  readonly ownerAccountId: string;
  readonly keyAdminArns: readonly string[];
  readonly secret: SharedSecretRef;
  readonly readers: readonly SecretReader[];
}

/**
 * Steps ① and ④. The root statement delegates to the owner account's IAM (so the rotation role's
 * inline policy works) and keeps the key from ever locking itself out.
 */
export function keyPolicy(args: KeyPolicyArgs): PolicyDocument {
  return policyDocument([
    {
      Sid: "EnableOwnerAccountIamPolicies",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${args.ownerAccountId}:root` },
      Action: "kms:*",
      Resource: "*",
    },
    {
      Sid: "KeyAdministrators",
      Effect: "Allow",
      Principal: { AWS: args.keyAdminArns },
      Action: KEY_ADMIN_ACTIONS,
      Resource: "*",
    },
    ...args.readers.map((r) => grantRead(args.secret, r).keyPolicy),
  ]);
}

/** Step ②'s resource policy: GetSecretValue for each reader, nothing else. */
export function secretPolicy(secret: SharedSecretRef, readers: readonly SecretReader[]): PolicyDocument {
  return policyDocument(readers.map((r) => grantRead(secret, r).secretPolicy));
}

/** The consumer's half of the cross-account grant, attached to its execution role. */
export function readerIdentityPolicy(secret: SharedSecretRef, reader: SecretReader): PolicyDocument {
  return policyDocument(grantRead(secret, reader).identityPolicy);
}

export interface MasterSecretRef {
  readonly secretArn: string;
  readonly kmsKeyArn?: string;
}

/** Step ⑥: the rotation function's inline policy. */
export function rotationRolePolicy(secret: SharedSecretRef, master?: MasterSecretRef): PolicyDocument {
  return policyDocument([
    grantRotationKeyUse(secret),
    ...(master?.kmsKeyArn ? [grantMasterSecretKeyUse(secret.region, master.secretArn, master.kmsKeyArn)] : []),
  ]);
}
