// The deployer-permission table, owner account: the KMS key, the secret and its
// rotation (AWS's function from the Serverless Application Repository). See deployerActions.ts.

import {
  byTags,
  DeployerActions,
  functionIn,
  grant,
  named,
  of,
  ROLE_READ,
  rotationFunction,
  secretIn,
  tagging,
  taggedKeys,
  templateRole,
  unscoped,
  keyViaSecretsManager,
} from "./deployerGrants";
import { SAR_STACK_PREFIX } from "./deployerScope";

const KEY_READ = "DescribeKey GetKeyPolicy GetKeyRotationStatus ListResourceTags";
const STACK_CHANGE = "CreateChangeSet DescribeChangeSet ExecuteChangeSet DescribeStacks DescribeStackEvents";

export const OWNER_ACTIONS: readonly DeployerActions[] = [
  {
    token: "aws:kms/key:Key",
    source: "internal/service/kms/key.go; tagging on create: KMS Developer Guide, manage-tags-api",
    grants: [
      // Before it exists a key has no ARN, and tagging it on creation must cover every key (KMS guide).
      grant(
        "CreateTaggedKey",
        of("kms", { create: "CreateKey", tag: "TagResource" }),
        () => ["*"],
        byTags("aws:RequestTag/"),
      ),
      grant(
        "ManageTaggedKey",
        of("kms", {
          create: "EnableKeyRotation",
          read: KEY_READ,
          update: "EnableKeyRotation DisableKeyRotation UpdateKeyDescription PutKeyPolicy",
          delete: "ScheduleKeyDeletion",
          tag: tagging("ListResourceTags"),
        }),
        taggedKeys,
        byTags("aws:ResourceTag/"),
      ),
    ],
  },
  {
    token: "aws:kms/alias:Alias",
    source: "internal/service/kms/alias.go (reads with ListAliases); CreateAlias needs the alias and the key",
    grants: [
      grant(
        "KeyAlias",
        of("kms", { create: "CreateAlias", update: "UpdateAlias", delete: "DeleteAlias" }),
        (s, scope) => [scope.arn("kms", named(s))],
      ),
      grant(
        "ManageTaggedKey",
        of("kms", { create: "CreateAlias", update: "UpdateAlias", delete: "DeleteAlias" }),
        taggedKeys,
        byTags("aws:ResourceTag/"),
      ),
      unscoped(of("kms", { read: "ListAliases" })),
    ],
  },
  {
    token: "aws:kms/keyPolicy:KeyPolicy",
    source: "internal/service/kms/key_policy.go",
    grants: [
      grant(
        "ManageTaggedKey",
        of("kms", { create: "PutKeyPolicy", read: KEY_READ, update: "PutKeyPolicy", delete: "PutKeyPolicy" }),
        taggedKeys,
        byTags("aws:ResourceTag/"),
      ),
    ],
  },
  {
    token: "aws:secretsmanager/secret:Secret",
    source: "internal/service/secretsmanager/secret.go",
    grants: [
      grant(
        "Secret",
        of("secretsmanager", {
          create: "CreateSecret",
          read: "DescribeSecret GetResourcePolicy",
          update: "UpdateSecret",
          delete: "DeleteSecret",
          tag: "TagResource UntagResource",
        }),
        secretIn("name"),
      ),
    ],
  },
  {
    token: "aws:secretsmanager/secretVersion:SecretVersion",
    source: "internal/service/secretsmanager/secret_version.go; the key: Secrets Manager guide, security-encryption",
    grants: [
      grant(
        "Secret",
        of("secretsmanager", {
          create: "PutSecretValue",
          read: "GetSecretValue",
          update: "UpdateSecretVersionStage ListSecretVersionIds",
          delete: "UpdateSecretVersionStage",
        }),
        secretIn("secretId"),
      ),
      keyViaSecretsManager("secretId"),
    ],
  },
  {
    token: "aws:secretsmanager/secretPolicy:SecretPolicy",
    source: "internal/service/secretsmanager/secret_policy.go",
    grants: [
      grant(
        "Secret",
        of("secretsmanager", { read: "GetResourcePolicy", delete: "DeleteResourcePolicy" }),
        secretIn("secretArn"),
      ),
      // The program always blocks public policies; the deployer cannot put a policy without that.
      grant(
        "SecretPolicyNotPublic",
        of("secretsmanager", { create: "PutResourcePolicy", update: "PutResourcePolicy" }),
        secretIn("secretArn"),
        (s) =>
          s.inputs.blockPublicPolicy === true ? { Bool: { "secretsmanager:BlockPublicPolicy": "true" } } : undefined,
      ),
    ],
  },
  {
    token: "aws:secretsmanager/secretRotation:SecretRotation",
    source: "internal/service/secretsmanager/secret_rotation.go; lambda:InvokeFunction: RotateSecret API reference",
    grants: [
      grant(
        "Secret",
        of("secretsmanager", { read: "DescribeSecret", delete: "CancelRotateSecret" }),
        secretIn("secretId"),
      ),
      // Only with the program's own function, and as configured (never rotating on the spot).
      grant(
        "RotateOnSchedule",
        of("secretsmanager", { create: "RotateSecret", update: "RotateSecret" }),
        secretIn("secretId"),
        (s, scope) => ({
          StringEquals: { "secretsmanager:RotationLambdaARN": scope.functionArn(s.inputs.rotationLambdaArn) },
          Bool: { "secretsmanager:RotateImmediately": String(s.inputs.rotateImmediately === true) },
        }),
      ),
      grant(
        "RotationFunction",
        of("lambda", { create: "InvokeFunction", update: "InvokeFunction" }),
        functionIn("rotationLambdaArn"),
      ),
    ],
  },
  {
    token: "aws:serverlessrepository/cloudFormationStack:CloudFormationStack",
    source:
      "internal/service/serverlessrepo/cloudformation_stack.go, cloudformation/wait.go; what its template creates " +
      "with the caller's credentials: CloudFormation's AWS::Lambda::Function and AWS::Lambda::Permission schemas",
    grants: [
      grant(
        "RotationApplication",
        of("serverlessrepo", {
          create: "CreateCloudFormationChangeSet",
          read: "GetApplication",
          update: "CreateCloudFormationChangeSet",
        }),
        (s) => [String(s.inputs.applicationId)],
      ),
      grant(
        "RotationStack",
        of("cloudformation", {
          create: STACK_CHANGE,
          read: "DescribeStacks",
          update: STACK_CHANGE,
          delete: "DeleteStack DescribeStacks DescribeStackEvents",
          tag: "TagResource UntagResource",
        }),
        (s, scope) => [scope.arn("cloudformation", `stack/${SAR_STACK_PREFIX}${named(s)}/*`)],
      ),
      // The application's SAM template is expanded by this AWS-owned transform (CloudFormation guide).
      grant(
        "ServerlessTransform",
        of("cloudformation", { create: "CreateChangeSet", update: "CreateChangeSet" }),
        (_, scope) => [`arn:aws:cloudformation:${scope.region}:aws:transform/Serverless-2016-10-31`],
      ),
      grant(
        "RotationFunction",
        of("lambda", {
          create:
            "CreateFunction GetFunction GetFunctionCodeSigningConfig GetRuntimeManagementConfig AddPermission GetPolicy",
          update: "UpdateFunctionCode UpdateFunctionConfiguration",
          delete: "DeleteFunction RemovePermission",
          tag: tagging("ListTags"),
        }),
        rotationFunction,
      ),
      // Lambda reads the function's code from SAR's change-set buckets with the caller's credentials.
      grant(
        "RotationFunctionCode",
        of("s3", { create: "GetObject GetObjectVersion", update: "GetObject GetObjectVersion" }),
        () => ["arn:aws:s3:::awsserverlessrepo-changesets-*/*"],
      ),
      unscoped(
        of("ec2", {
          create: "DescribeSecurityGroups DescribeSubnets DescribeVpcs",
          delete: "DescribeNetworkInterfaces",
        }),
      ),
      grant(
        "RotationFunctionRole",
        of("iam", {
          create: "CreateRole PutRolePolicy AttachRolePolicy",
          read: ROLE_READ,
          update: "UpdateAssumeRolePolicy PutRolePolicy DeleteRolePolicy AttachRolePolicy DetachRolePolicy",
          delete: "DeleteRolePolicy DetachRolePolicy DeleteRole",
          tag: "TagRole UntagRole",
        }),
        templateRole,
      ),
      grant("PassRoleToLambda", of("iam", { create: "PassRole", update: "PassRole" }), templateRole, () => ({
        StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" },
      })),
    ],
  },
  {
    token: "aws:lambda/getFunction:getFunction",
    source: "internal/service/lambda/function_data_source.go",
    grants: [
      grant(
        "RotationFunction",
        of("lambda", { read: "GetFunction GetFunctionCodeSigningConfig" }),
        functionIn("functionName"),
      ),
    ],
  },
];
