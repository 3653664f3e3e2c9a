import { expect } from "chai";
import { configWith, devRun, runProgram } from "../support/program";

const SECRET_ARN = "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user-YAJGAS";
const KEY_ARN = "arn:aws:kms:ap-northeast-1:111111111111:key/4ff3a99c-52ba-e682-11c6-2840d00343d2";
const OWNER_OUTPUTS = {
  secretArn: SECRET_ARN,
  secretName: "rds/dev/app_user",
  kmsKeyArn: KEY_ARN,
  kmsKeyAliasName: "alias/rds/dev/app_user",
  passwordValueFrom: `${SECRET_ARN}:password::`,
  usernameValueFrom: `${SECRET_ARN}:username::`,
  rotationLambdaArn: "arn:aws:lambda:ap-northeast-1:111111111111:function:rds-dev-app_user-rotation",
};
const CONSUMERS = {
  app: {
    taskDefinitionArn: "arn:aws:ecs:ap-northeast-1:222222222222:task-definition/app:1",
    family: "app",
    executionRoleArn: "arn:aws:iam::222222222222:role/app-task-execution",
  },
};

function accountsOf(run: Awaited<ReturnType<typeof runProgram>>): string[] {
  return [
    ...new Set(run.registrations.filter((r) => r.type.startsWith("aws:")).map((r) => r.place.account ?? "none")),
  ].sort();
}

describe("parts", () => {
  it("GIVEN part all (the dev example) THEN both accounts are deployed and every output is exported", async () => {
    const run = await devRun();
    expect(run.outputs).to.deep.equal({ ...OWNER_OUTPUTS, consumers: CONSUMERS });
    expect(accountsOf(run)).to.deep.equal(["111111111111", "222222222222"]);
  });

  it("GIVEN part owner THEN only the owner account is touched and only owner outputs exist", async () => {
    const run = await runProgram(
      configWith((c) => (c["rds-secret-share:part"] = "owner")),
      { stack: "dev-owner" },
    );
    expect(run.outputs).to.deep.equal(OWNER_OUTPUTS);
    expect(accountsOf(run)).to.deep.equal(["111111111111"]);
    expect(run.registrations.filter((r) => r.type === "pulumi:providers:aws").map((r) => r.name)).to.deep.equal([
      "share-owner",
    ]);
    // The owner's policies still name the consumers' execution roles.
    const secretPolicy = run.registrations.find((r) => r.type === "aws:secretsmanager/secretPolicy:SecretPolicy");
    expect(secretPolicy?.inputs.policy).to.include("arn:aws:iam::222222222222:role/app-task-execution");
  });

  it("GIVEN part consumer with the owner's ARNs in config THEN only the consumer account is touched, wired to them", async () => {
    const run = await runProgram(
      configWith((c) => {
        c["rds-secret-share:part"] = "consumer";
        c["rds-secret-share:secretArn"] = SECRET_ARN;
        c["rds-secret-share:kmsKeyArn"] = KEY_ARN;
      }),
      { stack: "dev-consumer" },
    );
    expect(run.outputs).to.deep.equal({ consumers: CONSUMERS });
    expect(accountsOf(run)).to.deep.equal(["222222222222"]);
    expect(run.registrations.filter((r) => r.type === "pulumi:pulumi:StackReference")).to.deep.equal([]);
    const task = run.registrations.find((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition");
    expect(task?.inputs.containerDefinitions).to.include(`${SECRET_ARN}:password::`);
  });

  it("GIVEN part consumer without ARNs on stack dev-consumer THEN the owner stack dev-owner is read by StackReference", async () => {
    const run = await runProgram(
      configWith((c) => (c["rds-secret-share:part"] = "consumer")),
      { stack: "dev-consumer" },
    );
    const refs = run.registrations.filter((r) => r.type === "pulumi:pulumi:StackReference");
    expect(refs.map((r) => [r.name, r.inputs.name])).to.deep.equal([["share-owner-stack", "dev-owner"]]);
    expect(run.outputs).to.have.keys(["consumers"]);
    const policy = run.registrations.find((r) => r.name === "share-consumer-app-read-secret");
    expect(policy?.inputs.policy).to.include(SECRET_ARN);
  });

  it("GIVEN part consumer with ownerStack THEN that stack is referenced", async () => {
    const run = await runProgram(
      configWith((c) => {
        c["rds-secret-share:part"] = "consumer";
        c["rds-secret-share:ownerStack"] = "platform/rds-secret-share/prod-owner";
      }),
      { stack: "app-consumer" },
    );
    const ref = run.registrations.find((r) => r.type === "pulumi:pulumi:StackReference");
    expect(ref?.inputs.name).to.equal("platform/rds-secret-share/prod-owner");
  });

  it("GIVEN the dev example THEN part all registers 27 AWS resources (14 owner, 13 consumer), 2 providers, 1 password", async () => {
    const run = await devRun();
    const custom = run.registrations.filter((r) => r.custom);
    const count = (p: (t: string) => boolean) => custom.filter((r) => p(r.type)).length;
    expect({
      aws: count((t) => t.startsWith("aws:")),
      owner: custom.filter((r) => r.type.startsWith("aws:") && r.place.account === "111111111111").length,
      consumer: custom.filter((r) => r.type.startsWith("aws:") && r.place.account === "222222222222").length,
      providers: count((t) => t.startsWith("pulumi:providers:")),
      random: count((t) => t.startsWith("random:")),
    }).to.deep.equal({ aws: 27, owner: 14, consumer: 13, providers: 2, random: 1 });
  });
});
