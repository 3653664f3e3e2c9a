import { expect } from "chai";
import { configWith, devRun, runProgram } from "../support/program";

describe("providers", () => {
  it("GIVEN the dev example WHEN run THEN there is one explicit provider per account, pinned to it", async () => {
    const run = await devRun();
    const providers = run.registrations.filter((r) => r.type === "pulumi:providers:aws");
    expect(providers.map((p) => p.name)).to.deep.equal(["share-owner", "share-consumer-222222222222-ap-northeast-1"]);

    const [owner, consumer] = providers;
    expect(owner.inputs.region).to.equal("ap-northeast-1");
    expect(JSON.parse(owner.inputs.allowedAccountIds as string)).to.deep.equal(["111111111111"]);
    expect(JSON.parse(owner.inputs.assumeRoles as string)).to.deep.equal([
      { roleArn: "arn:aws:iam::111111111111:role/deployer", sessionName: "rds-secret-share-dev" },
    ]);
    expect(JSON.parse(owner.inputs.defaultTags as string)).to.deep.equal({
      tags: { "pulumi:project": "rds-secret-share", "pulumi:stack": "dev" },
    });
    expect(JSON.parse(consumer.inputs.allowedAccountIds as string)).to.deep.equal(["222222222222"]);
    expect(JSON.parse(consumer.inputs.assumeRoles as string)).to.deep.equal([
      { roleArn: "arn:aws:iam::222222222222:role/deployer", sessionName: "rds-secret-share-dev" },
    ]);
  });

  it("GIVEN the dev example THEN every AWS resource and invoke uses its own account's provider", async () => {
    const run = await devRun();
    const aws = run.registrations.filter((r) => r.custom && r.type.startsWith("aws:"));
    const byProvider = (p: string) =>
      aws
        .filter((r) => r.provider === p)
        .map((r) => r.type)
        .sort();
    expect(aws.every((r) => r.provider !== undefined)).to.equal(true);
    expect(byProvider("share-owner")).to.deep.equal([
      "aws:cloudwatch/eventRule:EventRule",
      "aws:cloudwatch/eventTarget:EventTarget",
      "aws:iam/role:Role",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:kms/alias:Alias",
      "aws:kms/key:Key",
      "aws:kms/keyPolicy:KeyPolicy",
      "aws:secretsmanager/secret:Secret",
      "aws:secretsmanager/secretPolicy:SecretPolicy",
      "aws:secretsmanager/secretRotation:SecretRotation",
      "aws:secretsmanager/secretVersion:SecretVersion",
      "aws:serverlessrepository/cloudFormationStack:CloudFormationStack",
      "aws:sqs/queue:Queue",
    ]);
    expect(byProvider("share-consumer-222222222222-ap-northeast-1")).to.deep.equal([
      "aws:cloudwatch/eventBus:EventBus",
      "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
      "aws:cloudwatch/eventRule:EventRule",
      "aws:cloudwatch/eventTarget:EventTarget",
      "aws:cloudwatch/logGroup:LogGroup",
      "aws:ecs/taskDefinition:TaskDefinition",
      "aws:iam/role:Role",
      "aws:iam/role:Role",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:sfn/stateMachine:StateMachine",
      "aws:sqs/queue:Queue",
    ]);
    expect(run.invokes.map((i) => [i.token, i.provider])).to.deep.equal([
      ["aws:iam/getRole:getRole", "share-consumer-222222222222-ap-northeast-1"],
      ["aws:lambda/getFunction:getFunction", "share-owner"],
    ]);
  });

  it("GIVEN a profile instead of a role THEN the provider uses the profile and assumes nothing", async () => {
    const run = await runProgram(
      configWith((c) => {
        delete c["rds-secret-share:owner"].assumeRoleArn;
        c["rds-secret-share:owner"].profile = "owner-dev";
      }),
    );
    const owner = run.registrations.find((r) => r.name === "share-owner" && r.type === "pulumi:providers:aws");
    expect(owner?.inputs.profile).to.equal("owner-dev");
    expect(owner?.inputs.assumeRoles).to.equal(undefined);
  });

  it("GIVEN two consumers in one account and region THEN they share one provider; another account gets its own", async () => {
    const run = await runProgram(
      configWith((c) => {
        const first = c["rds-secret-share:consumers"][0];
        c["rds-secret-share:consumers"].push(
          {
            ...first,
            name: "batch",
            taskDefinition: { ...first.taskDefinition, family: "batch" },
            restartServices: [],
          },
          {
            ...first,
            name: "reports",
            restartServices: [],
            accountId: "333333333333",
            assumeRoleArn: "arn:aws:iam::333333333333:role/deployer",
            executionRoleArn: "arn:aws:iam::333333333333:role/reports-task-execution",
          },
        );
      }),
    );
    const providers = run.registrations.filter((r) => r.type === "pulumi:providers:aws").map((p) => p.name);
    expect(providers).to.deep.equal([
      "share-owner",
      "share-consumer-222222222222-ap-northeast-1",
      "share-consumer-333333333333-ap-northeast-1",
    ]);
    const task = (name: string) => run.registrations.find((r) => r.name === `share-consumer-${name}-task`);
    expect(task("batch")?.provider).to.equal("share-consumer-222222222222-ap-northeast-1");
    expect(task("reports")?.place).to.deep.equal({ account: "333333333333", region: "ap-northeast-1" });
  });
});
