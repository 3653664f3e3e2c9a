// The dev example as deployed (the outputs the fake Pulumi CLI gives), and a healthy AWS for
// doctor: every answer in the shape of AWS's API reference, the policies exactly the program's.

import { GetFunctionConfigurationCommand } from "@aws-sdk/client-lambda";
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
} from "@aws-sdk/client-ecs";
import { GetRolePolicyCommand, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand } from "@aws-sdk/client-kms";
import {
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  ListSecretVersionIdsCommand,
} from "@aws-sdk/client-secrets-manager";
import { ListExecutionsCommand } from "@aws-sdk/client-sfn";
import { CheckNoPublicAccessCommand } from "@aws-sdk/client-accessanalyzer";
import { keyPolicy, readerIdentityPolicy, secretPolicy } from "../../infra/access/policies";
import { containerDefinition } from "../../infra/consumer/container";
import { readEnvironment } from "../../automation/environment";
import { ownerStack } from "../../automation/environmentStacks";
import { ShareOutputs } from "../../automation/live/deployed";
import { EXECUTION_ROLE, identities, KEY_ADMIN, Mocks, REGION } from "./aws";

export const SECRET_ARN = "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user-AbCdEf";
export const KEY_ARN = "arn:aws:kms:ap-northeast-1:111111111111:key/0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0";
export const LAMBDA_ARN = "arn:aws:lambda:ap-northeast-1:111111111111:function:rds-dev-app_user-rotation";
export const TASK_DEFINITION_ARN = "arn:aws:ecs:ap-northeast-1:222222222222:task-definition/app:1";
export const STATE_MACHINE_ARN = "arn:aws:states:ap-northeast-1:222222222222:stateMachine:rds-dev-app_user-app-restart";
export const LAST_ROTATED = new Date("2026-11-29T16:04:31Z");
export const NEXT_ROTATION = new Date("2026-12-06T16:00:00Z");
export const NOW = new Date("2026-12-01T09:00:00Z");
export const IDENTITY_POLICY_NAME = "rds-secret-share-rds-dev-app_user-app";

const out = (value: unknown) => ({ value, secret: false });

export const OUTPUTS: ShareOutputs = {
  owner: {
    secretArn: out(SECRET_ARN),
    secretName: out("rds/dev/app_user"),
    kmsKeyArn: out(KEY_ARN),
    kmsKeyAliasName: out("alias/rds/dev/app_user"),
    passwordValueFrom: out(`${SECRET_ARN}:password::`),
    usernameValueFrom: out(`${SECRET_ARN}:username::`),
    rotationLambdaArn: out(LAMBDA_ARN),
  },
  consumer: {
    consumers: out({
      app: { taskDefinitionArn: TASK_DEFINITION_ARN, family: "app", executionRoleArn: EXECUTION_ROLE },
    }),
  },
};

const REF = { secretArn: SECRET_ARN, kmsKeyArn: KEY_ARN, region: REGION };
const READERS = [{ name: "app", roleArn: EXECUTION_ROLE }];
export const SECRET_POLICY = secretPolicy(REF, READERS);
export const KEY_POLICY = keyPolicy({
  ownerAccountId: "111111111111",
  keyAdminArns: [KEY_ADMIN],
  secret: REF,
  readers: READERS,
});
export const IDENTITY_POLICY = readerIdentityPolicy(REF, READERS[0]);

/** The dev example's settings, as the driver validates them for dev-owner. */
export function devSettings() {
  return ownerStack(readEnvironment("dev")).settings;
}

export function healthyDoctor(m: Mocks): void {
  identities(m);
  m.analyzer.on(CheckNoPublicAccessCommand).resolves({
    result: "PASS",
    message: "The resource policy does not grant public access for the given resource type.",
    reasons: [],
  });
  m.sm.on(DescribeSecretCommand, { SecretId: SECRET_ARN }).resolves({
    ARN: SECRET_ARN,
    Name: "rds/dev/app_user",
    KmsKeyId: KEY_ARN,
    RotationEnabled: true,
    RotationLambdaARN: LAMBDA_ARN,
    RotationRules: { ScheduleExpression: "cron(0 16 ? * SUN *)" },
    LastRotatedDate: LAST_ROTATED,
    NextRotationDate: NEXT_ROTATION,
    VersionIdsToStages: {
      "b3f1c7e2-0000-4000-8000-000000000002": ["AWSCURRENT"],
      "a1d2e3f4-0000-4000-8000-000000000001": ["AWSPREVIOUS", "RDS_SECRET_SHARE_INITIAL"],
    },
  });
  m.sm
    .on(GetResourcePolicyCommand)
    .resolves({ ARN: SECRET_ARN, Name: "rds/dev/app_user", ResourcePolicy: JSON.stringify(SECRET_POLICY) });
  m.sm.on(ListSecretVersionIdsCommand).resolves({
    ARN: SECRET_ARN,
    Name: "rds/dev/app_user",
    Versions: [
      { VersionId: "b3f1c7e2-0000-4000-8000-000000000002", VersionStages: ["AWSCURRENT"], CreatedDate: LAST_ROTATED },
      {
        VersionId: "a1d2e3f4-0000-4000-8000-000000000001",
        VersionStages: ["AWSPREVIOUS", "RDS_SECRET_SHARE_INITIAL"],
        CreatedDate: new Date("2026-11-01T10:00:00Z"),
      },
    ],
  });
  m.kms.on(DescribeKeyCommand).resolves({
    KeyMetadata: {
      KeyId: KEY_ARN.split("/")[1],
      Arn: KEY_ARN,
      Enabled: true,
      KeyState: "Enabled",
      KeyManager: "CUSTOMER",
      KeyUsage: "ENCRYPT_DECRYPT",
    },
  });
  m.kms
    .on(GetKeyRotationStatusCommand)
    .resolves({ KeyId: KEY_ARN, KeyRotationEnabled: true, RotationPeriodInDays: 365 });
  m.kms.on(GetKeyPolicyCommand).resolves({ PolicyName: "default", Policy: JSON.stringify(KEY_POLICY) });
  m.lambda.on(GetFunctionConfigurationCommand).resolves({
    FunctionName: "rds-dev-app_user-rotation",
    FunctionArn: LAMBDA_ARN,
    Runtime: "python3.12",
    State: "Active",
    LastUpdateStatus: "Successful",
  });
  m.iam.on(GetRolePolicyCommand).resolves({
    RoleName: "app-task-execution",
    PolicyName: IDENTITY_POLICY_NAME,
    PolicyDocument: encodeURIComponent(JSON.stringify(IDENTITY_POLICY)),
  });
  m.iam.on(SimulatePrincipalPolicyCommand).callsFake((input: { ActionNames: string[]; ResourceArns: string[] }) => ({
    EvaluationResults: [
      {
        EvalActionName: input.ActionNames[0],
        EvalResourceName: input.ResourceArns[0],
        EvalDecision: "allowed",
        MatchedStatements: [{ SourcePolicyId: IDENTITY_POLICY_NAME, SourcePolicyType: "IAM Policy" }],
        MissingContextValues: [],
      },
    ],
    IsTruncated: false,
  }));
  const settings = devSettings();
  const container = containerDefinition({
    task: settings.consumers[0].taskDefinition,
    database: settings.database,
    secretArn: SECRET_ARN,
    logGroupName: "/ecs/dev/app",
    region: REGION,
  });
  m.ecs.on(DescribeTaskDefinitionCommand).resolves({
    taskDefinition: {
      taskDefinitionArn: TASK_DEFINITION_ARN,
      family: "app",
      revision: 1,
      status: "ACTIVE",
      executionRoleArn: EXECUTION_ROLE,
      containerDefinitions: [container],
    },
  });
  const task = (id: string) => `arn:aws:ecs:ap-northeast-1:222222222222:task/app-cluster/${id}`;
  m.ecs.on(ListTasksCommand).resolves({ taskArns: [task("0a1b"), task("2c3d")] });
  m.ecs.on(DescribeTasksCommand).resolves({
    tasks: [
      {
        taskArn: task("0a1b"),
        lastStatus: "RUNNING",
        startedAt: new Date("2026-11-29T16:07:02Z"),
        taskDefinitionArn: TASK_DEFINITION_ARN,
      },
      {
        taskArn: task("2c3d"),
        lastStatus: "RUNNING",
        startedAt: new Date("2026-11-29T16:07:40Z"),
        taskDefinitionArn: TASK_DEFINITION_ARN,
      },
    ],
    failures: [],
  });
  m.ecs
    .on(ListClustersCommand)
    .resolves({ clusterArns: ["arn:aws:ecs:ap-northeast-1:222222222222:cluster/app-cluster"] });
  m.ecs
    .on(ListServicesCommand)
    .resolves({ serviceArns: ["arn:aws:ecs:ap-northeast-1:222222222222:service/app-cluster/app"] });
  m.ecs.on(DescribeServicesCommand).resolves({
    services: [
      {
        serviceName: "app",
        clusterArn: "arn:aws:ecs:ap-northeast-1:222222222222:cluster/app-cluster",
        taskDefinition: TASK_DEFINITION_ARN,
        status: "ACTIVE",
      },
    ],
    failures: [],
  });
  m.sfn.on(ListExecutionsCommand).resolves({
    executions: [
      {
        executionArn: `${STATE_MACHINE_ARN.replace(":stateMachine:", ":execution:")}:5e1a`,
        stateMachineArn: STATE_MACHINE_ARN,
        name: "5e1a",
        status: "SUCCEEDED",
        startDate: new Date("2026-11-29T16:05:10Z"),
        stopDate: new Date("2026-11-29T16:05:12Z"),
      },
    ],
  });
}
