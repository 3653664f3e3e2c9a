import { expect } from "chai";
import { BILLING_CONSUMER, configWith, devConfig, devRun, runProgram } from "../support/program";
import { duplicateClaims } from "./claims";

describe("invariant: no two resources manage the same AWS object", () => {
  const second = (edit: Record<string, unknown>) =>
    configWith((c) => c["rds-secret-share:consumers"].push({ ...BILLING_CONSUMER, ...edit }));
  const cases: [string, Record<string, unknown>][] = [
    ["the dev example", devConfig()],
    ["two consumers in two accounts", second({})],
    [
      "two consumers in one account and region, each with its role",
      second({
        accountId: "222222222222",
        region: "ap-northeast-1",
        assumeRoleArn: "arn:aws:iam::222222222222:role/deployer",
        executionRoleArn: "arn:aws:iam::222222222222:role/billing-task-execution",
        restartServices: [{ cluster: "app-cluster", service: "billing" }],
      }),
    ],
  ];
  for (const [title, config] of cases) {
    it(`GIVEN ${title} THEN every named AWS object has exactly one owner`, async () => {
      const run = await runProgram(config);
      expect(run.registrations.filter((r) => r.type.startsWith("aws:")).length).to.be.greaterThan(10);
      expect(duplicateClaims(run)).to.deep.equal([]);
    });
  }

  it("control: a second registration of the same log group is reported", async () => {
    const run = await devRun();
    const logs = run.registrations.filter((r) => r.type === "aws:cloudwatch/logGroup:LogGroup");
    const twice = { ...run, registrations: [...run.registrations, { ...logs[0], name: "copy" }] };
    expect(duplicateClaims(twice)).to.deep.equal([
      "aws:cloudwatch/logGroup:LogGroup 222222222222/ap-northeast-1 /ecs/dev/app: share-consumer-app-logs, copy",
    ]);
  });

  it("control: a log group named twice is caught by validation before it could be claimed twice", async () => {
    let error: unknown;
    try {
      await runProgram(
        second({
          accountId: "222222222222",
          region: "ap-northeast-1",
          assumeRoleArn: "arn:aws:iam::222222222222:role/deployer",
          executionRoleArn: "arn:aws:iam::222222222222:role/billing-task-execution",
          taskDefinition: { ...BILLING_CONSUMER.taskDefinition, logGroupName: "/ecs/dev/app" },
        }),
      );
    } catch (err) {
      error = err;
    }
    expect(String(error)).to.include("rds-secret-share:consumers[1].taskDefinition.logGroupName");
  });
});
