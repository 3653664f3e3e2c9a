import { DescribeTaskDefinitionCommand, DescribeTasksCommand } from "@aws-sdk/client-ecs";
import { GetRolePolicyCommand, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand } from "@aws-sdk/client-kms";
import { GetFunctionConfigurationCommand } from "@aws-sdk/client-lambda";
import {
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  ListSecretVersionIdsCommand,
} from "@aws-sdk/client-secrets-manager";
import { ListExecutionsCommand } from "@aws-sdk/client-sfn";
import { expect } from "chai";
import { doctor, DoctorResult, exitCodeOf } from "../../automation/live";
import { awsError, denied, isolateAws, mockAws } from "./aws";
import {
  healthyDoctor,
  KEY_ARN,
  LAMBDA_ARN,
  LAST_ROTATED,
  NOW,
  OUTPUTS,
  SECRET_ARN,
  SECRET_POLICY,
  STATE_MACHINE_ARN,
} from "./deployed";

function lines(r: DoctorResult, role: "owner" | "consumer", id: string): string[] {
  const account = r.accounts.find((a) => a.role === role);
  return (account?.checks ?? []).filter((c) => c.id === id).map((c) => `${c.status}: ${c.title}`);
}

const run = () => doctor("dev", { outputs: OUTPUTS, now: NOW });

describe("doctor", () => {
  isolateAws();
  const m = mockAws(healthyDoctor);

  it("GIVEN a healthy deployed dev environment THEN every check passes, with 18 calls", async () => {
    const r = await run();
    expect([r.verdict, exitCodeOf(r), r.calls]).to.deep.equal(["ok", 0, 18]);
    expect(r.accounts.map((a) => a.checks.length)).to.deep.equal([11, 9]);
  });

  it("GIVEN a statement added to the secret policy by hand THEN drift names it, and the owner's side still grants the role", async () => {
    const extra = {
      Sid: "ReadByAudit",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::444444444444:root" },
      Action: "secretsmanager:GetSecretValue",
      Resource: "*",
    };
    m.sm.on(GetResourcePolicyCommand).resolves({
      ARN: SECRET_ARN,
      ResourcePolicy: JSON.stringify({ ...SECRET_POLICY, Statement: [...SECRET_POLICY.Statement, extra] }),
    });
    const r = await run();
    expect(lines(r, "owner", "policy-drift")).to.deep.equal([
      "fail: the secret policy has drifted from the program's: 1 statement(s) added (ReadByAudit)",
      "ok: the key policy holds exactly the program's 3 statement(s)",
    ]);
    expect(lines(r, "consumer", "resource-side")[0]).to.match(
      /^ok: the owner's secret and key policies grant app's execution role its read/,
    );
    expect(r.verdict).to.equal("blocked");
  });

  it("GIVEN the reader's statement removed from the key policy THEN drift and the consumer's resource side say so", async () => {
    m.kms.on(GetKeyPolicyCommand).resolves({
      PolicyName: "default",
      Policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "EnableOwnerAccountIamPolicies",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111111111111:root" },
            Action: "kms:*",
            Resource: "*",
          },
        ],
      }),
    });
    const r = await run();
    expect(lines(r, "owner", "policy-drift")[1]).to.equal(
      "fail: the key policy has drifted from the program's: 2 removed (KeyAdministrators, DecryptAppViaSecretsManager)",
    );
    expect(lines(r, "consumer", "resource-side")).to.deep.equal([
      "fail: the owner's side refuses app's execution role: the key policy lacks DecryptAppViaSecretsManager (not simulated: the owner's policies are resource policies in account 111111111111, beyond the IAM policy simulator; read there)",
    ]);
  });

  it("GIVEN a disabled key without rotation, and a secret on another key THEN each is named", async () => {
    m.kms
      .on(DescribeKeyCommand)
      .resolves({ KeyMetadata: { KeyId: "k", Arn: KEY_ARN, Enabled: false, KeyState: "Disabled" } });
    m.kms.on(GetKeyRotationStatusCommand).resolves({ KeyId: KEY_ARN, KeyRotationEnabled: false });
    m.sm.on(DescribeSecretCommand).resolves({ ARN: SECRET_ARN, Name: "rds/dev/app_user", RotationEnabled: false });
    const r = await run();
    expect([
      ...lines(r, "owner", "secret"),
      ...lines(r, "owner", "key"),
      ...lines(r, "owner", "rotation-schedule"),
    ]).to.deep.equal([
      "fail: the secret rds/dev/app_user is encrypted with the AWS managed key, not the stack's key arn:aws:kms:ap-northeast-1:111111111111:key/0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0: consumers cannot decrypt it",
      `fail: the key ${KEY_ARN} is Disabled: nobody can read the secret`,
      `fail: automatic key rotation is off for ${KEY_ARN}`,
      "fail: rotation is off, but the config turns it on: deploy again",
    ]);
  });

  it("GIVEN a version AWSPENDING since before the last rotation attempt THEN a stuck rotation, with its version id and the README's recovery", async () => {
    m.sm.on(ListSecretVersionIdsCommand).resolves({
      Versions: [
        { VersionId: "b3f1c7e2-0000-4000-8000-000000000002", VersionStages: ["AWSCURRENT"], CreatedDate: LAST_ROTATED },
        {
          VersionId: "c9d8e7f6-0000-4000-8000-000000000003",
          VersionStages: ["AWSPENDING"],
          CreatedDate: new Date("2026-11-30T16:00:05Z"),
        },
      ],
    });
    const r = await run();
    const stuck = r.accounts[0].checks.find((c) => c.id === "rotation-pending");
    expect([stuck?.status, stuck?.title, stuck?.detail]).to.deep.equal([
      "fail",
      "rotation is stuck: version c9d8e7f6-0000-4000-8000-000000000003 is AWSPENDING since 2026-11-30T16:00:05Z, with no successful rotation after it; every later rotation fails until it is cleared",
      'Read the function\'s log (aws logs tail /aws/lambda/rds-dev-app_user-rotation --since 2h), fix the cause, then clear or promote the pending version as README, "Rotation runbook" → "Recovering from a failed rotation" says.',
    ]);
  });

  it("GIVEN a version AWSPENDING for minutes THEN a rotation in progress, a warning", async () => {
    m.sm.on(ListSecretVersionIdsCommand).resolves({
      Versions: [
        {
          VersionId: "c9d8e7f6-0000-4000-8000-000000000003",
          VersionStages: ["AWSPENDING"],
          CreatedDate: new Date("2026-12-01T08:55:00Z"),
        },
      ],
    });
    const r = await run();
    expect(lines(r, "owner", "rotation-pending")).to.deep.equal([
      "warn: a rotation is in progress: version c9d8e7f6-0000-4000-8000-000000000003 is AWSPENDING since 2026-12-01T08:55:00Z",
    ]);
  });

  it("GIVEN the rotation function is gone THEN it says every rotation fails", async () => {
    m.lambda
      .on(GetFunctionConfigurationCommand)
      .rejects(awsError("ResourceNotFoundException", `Function not found: ${LAMBDA_ARN}`));
    const r = await run();
    expect(lines(r, "owner", "rotation-function")).to.deep.equal([
      `fail: the rotation function ${LAMBDA_ARN} does not exist: every rotation fails; deploy again`,
    ]);
  });

  it("GIVEN kms:GetKeyPolicy is denied THEN the key policy is not checked, and neither is the owner's side of the consumer's access", async () => {
    m.kms.on(GetKeyPolicyCommand).rejects(denied("AccessDeniedException", "kms:GetKeyPolicy", "111111111111"));
    const r = await run();
    expect(lines(r, "owner", "policy-drift")[1]).to.equal(
      "error: could not check the live key policy: AccessDenied on kms:GetKeyPolicy",
    );
    expect(lines(r, "consumer", "resource-side")).to.deep.equal([
      "error: could not check the owner's side for app: the secret and key policies of account 111111111111 were not read (see above)",
    ]);
    expect([r.verdict, exitCodeOf(r)]).to.deep.equal(["blocked", 1]);
  });

  it("GIVEN the simulator denies kms:Decrypt THEN it says which side it evaluated", async () => {
    m.iam.on(SimulatePrincipalPolicyCommand, { ActionNames: ["kms:Decrypt"] }).resolves({
      EvaluationResults: [
        {
          EvalActionName: "kms:Decrypt",
          EvalResourceName: KEY_ARN,
          EvalDecision: "implicitDeny",
          MatchedStatements: [],
          MissingContextValues: [],
        },
      ],
    });
    const r = await run();
    expect(lines(r, "consumer", "simulated-access")[1]).to.equal(
      "fail: app's execution role may not kms:Decrypt on the key, via Secrets Manager for this secret: implicitDeny on the consumer account's side (identity policies, permission boundary, SCPs), simulated in 222222222222",
    );
    const sent = m.iam.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input.ContextEntries);
    expect(sent[1]).to.deep.equal([
      {
        ContextKeyName: "kms:ViaService",
        ContextKeyValues: ["secretsmanager.ap-northeast-1.amazonaws.com"],
        ContextKeyType: "string",
      },
      { ContextKeyName: "kms:EncryptionContext:SecretARN", ContextKeyValues: [SECRET_ARN], ContextKeyType: "string" },
    ]);
  });

  it("GIVEN the identity policy was deleted THEN tasks cannot read the secret", async () => {
    m.iam
      .on(GetRolePolicyCommand)
      .rejects(
        awsError("NoSuchEntity", "The role policy with name rds-secret-share-rds-dev-app_user-app cannot be found."),
      );
    const r = await run();
    expect(lines(r, "consumer", "policy-drift")).to.deep.equal([
      "fail: app-task-execution has no inline policy rds-secret-share-rds-dev-app_user-app: tasks of app cannot read the secret; deploy again",
    ]);
  });

  it("GIVEN a newer revision with another secret and a password in plain environment THEN each is flagged, the value never shown", async () => {
    m.ecs.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: {
        taskDefinitionArn: "arn:aws:ecs:ap-northeast-1:222222222222:task-definition/app:2",
        family: "app",
        revision: 2,
        status: "ACTIVE",
        containerDefinitions: [
          {
            name: "app",
            secrets: [
              { name: "SPRING_DATASOURCE_USERNAME", valueFrom: `${SECRET_ARN}:username::` },
              {
                name: "SPRING_DATASOURCE_PASSWORD",
                valueFrom: "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:old-XyZabc:password::",
              },
            ],
            environment: [{ name: "DB_PASSWORD", value: "hunter2-plain-text" }],
          },
        ],
      },
    });
    const r = await run();
    expect(lines(r, "consumer", "task-definition")).to.deep.equal([
      "warn: the latest ACTIVE revision is app:2, not the stack's app:1: registered outside this stack; checked below",
      `fail: app:2 takes SPRING_DATASOURCE_PASSWORD from arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:old-XyZabc:password::, not the shared secret (${SECRET_ARN}:password::)`,
      `ok: app:2 takes SPRING_DATASOURCE_USERNAME from ${SECRET_ARN}:username::`,
      "fail: app:2 carries DB_PASSWORD in plain environment, readable by anyone who may describe the task definition",
    ]);
    expect(JSON.stringify(r)).not.to.include("hunter2");
  });

  it("GIVEN a task started before the last single-user rotation THEN it is counted, with the command that redeploys it", async () => {
    m.ecs.on(DescribeTasksCommand).resolves({
      tasks: [
        {
          taskArn: "arn:aws:ecs:ap-northeast-1:222222222222:task/app-cluster/0a1b",
          startedAt: new Date("2026-11-20T08:00:00Z"),
        },
        {
          taskArn: "arn:aws:ecs:ap-northeast-1:222222222222:task/app-cluster/2c3d",
          startedAt: new Date("2026-11-29T16:07:40Z"),
        },
      ],
    });
    const r = await run();
    const c = r.accounts[1].checks.find((x) => x.id === "replaced-password");
    expect([c?.status, c?.title, c?.detail]).to.deep.equal([
      "fail",
      "app-cluster/app: 1 of 2 running task(s) started before the last rotation (2026-11-29T16:04:31.000Z): their password no longer works (single-user)",
      "Redeploy them: aws ecs update-service --cluster app-cluster --service app --force-new-deployment --region ap-northeast-1",
    ]);
  });

  it("GIVEN the last restart execution failed THEN it is named", async () => {
    m.sfn.on(ListExecutionsCommand).resolves({
      executions: [
        {
          executionArn: "arn:aws:states:ap-northeast-1:222222222222:execution:rds-dev-app_user-app-restart:7f2c",
          stateMachineArn: STATE_MACHINE_ARN,
          name: "7f2c",
          status: "FAILED",
          startDate: new Date("2026-11-29T16:05:10Z"),
        },
        {
          executionArn: "arn:aws:states:ap-northeast-1:222222222222:execution:rds-dev-app_user-app-restart:5e1a",
          stateMachineArn: STATE_MACHINE_ARN,
          name: "5e1a",
          status: "SUCCEEDED",
          startDate: new Date("2026-11-22T16:05:10Z"),
        },
      ],
    });
    const r = await run();
    expect(lines(r, "consumer", "restart-executions")).to.deep.equal([
      "fail: rds-dev-app_user-app-restart: 1 of the last 2 execution(s) did not succeed: 7f2c (FAILED, 2026-11-29T16:05:10.000Z)",
    ]);
  });
});
