// The actions preflight proves no consumer execution role is given, and the read-only IAM actions
// each command calls per account (docs/live-checks.md prints them; a test holds them to the calls).

/** Writing or administering the secret: changing its value, its labels, its policy or its life. */
export const SECRET_WRITE_ACTIONS = [
  "secretsmanager:PutSecretValue",
  "secretsmanager:UpdateSecret",
  "secretsmanager:UpdateSecretVersionStage",
  "secretsmanager:DeleteSecret",
  "secretsmanager:RestoreSecret",
  "secretsmanager:RotateSecret",
  "secretsmanager:CancelRotateSecret",
  "secretsmanager:PutResourcePolicy",
  "secretsmanager:DeleteResourcePolicy",
  "secretsmanager:TagResource",
  "secretsmanager:UntagResource",
  "secretsmanager:ReplicateSecretToRegions",
  "secretsmanager:RemoveRegionsFromReplication",
  "secretsmanager:StopReplicationToReplica",
] as const;

/** Using the key for anything but decryption, handing it out, or administering it. */
export const KEY_WRITE_ACTIONS = [
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:GenerateDataKeyPair",
  "kms:GenerateDataKeyPairWithoutPlaintext",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:CreateGrant",
  "kms:RetireGrant",
  "kms:RevokeGrant",
  "kms:PutKeyPolicy",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:DisableKey",
  "kms:EnableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKeyRotation",
  "kms:RotateKeyOnDemand",
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ImportKeyMaterial",
  "kms:DeleteImportedKeyMaterial",
  "kms:ReplicateKey",
  "kms:UpdatePrimaryRegion",
] as const;

/** Every IAM action each command may call, per kind of account: all read-only. */
export const READ_ACTIONS = {
  preflight: {
    owner: [
      "access-analyzer:CheckAccessNotGranted",
      "access-analyzer:CheckNoPublicAccess",
      "access-analyzer:ValidatePolicy",
      "ec2:DescribeRouteTables",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSubnets",
      "ec2:DescribeVpcEndpoints",
      "iam:GetRole",
      "iam:GetUser",
      "rds:DescribeDBInstances",
      "secretsmanager:DescribeSecret",
      "sts:GetCallerIdentity",
    ],
    consumer: [
      "access-analyzer:CheckAccessNotGranted",
      "access-analyzer:CheckNoPublicAccess",
      "access-analyzer:ValidatePolicy",
      "iam:GetRole",
      "sts:GetCallerIdentity",
    ],
  },
  doctor: {
    owner: [
      "access-analyzer:CheckNoPublicAccess",
      "kms:DescribeKey",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "lambda:GetFunctionConfiguration",
      "secretsmanager:DescribeSecret",
      "secretsmanager:GetResourcePolicy",
      "secretsmanager:ListSecretVersionIds",
      "sts:GetCallerIdentity",
    ],
    consumer: [
      "ecs:DescribeServices",
      "ecs:DescribeTaskDefinition",
      "ecs:DescribeTasks",
      "ecs:ListClusters",
      "ecs:ListServices",
      "ecs:ListTasks",
      "iam:GetRolePolicy",
      "iam:SimulatePrincipalPolicy",
      "states:ListExecutions",
      "sts:GetCallerIdentity",
    ],
  },
} as const;
