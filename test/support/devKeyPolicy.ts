// The dev example's key policy, statement by statement, written out: the program's run under mocks
// and the offline plan must both give exactly this (the production constants would pin nothing).

export const EXECUTION_ROLE = "arn:aws:iam::222222222222:role/app-task-execution";
export const SSO_ADMIN =
  "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_perm-app_0123456789abcdef";

/** The condition that limits a decrypt to Secrets Manager reading `secretArn`. */
export function viaSecretsManager(secretArn: string): object {
  return {
    StringEquals: {
      "kms:ViaService": "secretsmanager.ap-northeast-1.amazonaws.com",
      "kms:EncryptionContext:SecretARN": secretArn,
    },
  };
}

/** Root, the key administrators, and decrypt via Secrets Manager for the execution role. */
export function devKeyPolicyStatements(secretArn: string): object[] {
  return [
    {
      Sid: "EnableOwnerAccountIamPolicies",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111111111111:root" },
      Action: "kms:*",
      Resource: "*",
    },
    {
      Sid: "KeyAdministrators",
      Effect: "Allow",
      Principal: { AWS: [SSO_ADMIN] },
      Action: [
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
      ],
      Resource: "*",
    },
    {
      Sid: "DecryptAppViaSecretsManager",
      Effect: "Allow",
      Principal: { AWS: EXECUTION_ROLE },
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: viaSecretsManager(secretArn),
    },
  ];
}
