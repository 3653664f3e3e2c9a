// Whole policy documents, each assembled from the grants.

import { policyDocument, PolicyDocument } from "./documents";
import {
  grantMasterSecretKeyUse,
  grantRead,
  grantRotationKeyUse,
  keyAdministration,
  ownerAccountKeyAccess,
  SecretReader,
  SharedSecretRef,
} from "./grants";

export interface KeyPolicyArgs {
  readonly ownerAccountId: string;
  readonly keyAdminArns: readonly string[];
  readonly secret: SharedSecretRef;
  readonly readers: readonly SecretReader[];
}

/** Steps ① and ④: the owner account, the key administrators, then each reader. */
export function keyPolicy(args: KeyPolicyArgs): PolicyDocument {
  return policyDocument([
    ownerAccountKeyAccess(args.ownerAccountId),
    keyAdministration(args.keyAdminArns),
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
