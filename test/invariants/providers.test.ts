// Every AWS resource and data source call goes through the explicit provider of its account:
// owner-side resources in the owner account, each consumer's in its own. Checked over every
// registration, so resources added later (e.g. restart-on-rotation) are covered as they come.

import { expect } from "chai";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../../automation/environment";
import { OfflineRun, Registration } from "../../automation/offline/runtime";
import { CONSUMER_ACCESS_TYPE, OWNER_ACCOUNT_TYPE } from "../../infra/componentTypes";
import { BILLING_CONSUMER, configWith, devRun, runProgram } from "../support/program";

const PROVIDER = "pulumi:providers:aws";

interface Where {
  readonly account?: string;
  readonly region?: string;
}

/** The explicit AWS providers by name, with the one account each is pinned to. */
function providers(run: OfflineRun): Map<string, Where> {
  const out = new Map<string, Where>();
  for (const p of run.registrations.filter((r) => r.type === PROVIDER)) {
    const ids = p.inputs.allowedAccountIds;
    const list = (typeof ids === "string" ? JSON.parse(ids) : ids) as string[];
    expect(list, `${p.name}.allowedAccountIds`).to.have.length(1);
    out.set(p.name, { account: list[0], region: p.inputs.region as string });
  }
  return out;
}

/** Where a registration must be: the account of the owner, or of the consumer whose component holds it. */
function expectedPlace(run: OfflineRun, r: Registration): Where | undefined {
  const byUrn = new Map(run.registrations.map((x) => [x.urn, x]));
  for (let at: Registration | undefined = r; at; at = at.parentUrn ? byUrn.get(at.parentUrn) : undefined) {
    if (at.type === OWNER_ACCOUNT_TYPE) {
      return { account: run.settings.owner.accountId, region: run.settings.owner.region };
    }
    if (at.type === CONSUMER_ACCESS_TYPE) {
      const c = run.settings.consumers.find((x) => at?.name === `share-consumer-${x.name}`);
      return { account: c?.accountId, region: c?.region };
    }
  }
  return undefined;
}

function expectEveryAwsCallExplicit(run: OfflineRun): void {
  const explicit = providers(run);
  const aws = run.registrations.filter((r) => r.type.startsWith("aws:"));
  expect(aws.length, "AWS resources").to.be.greaterThan(0);
  const wrong = aws
    .map((r) => {
      const expected = expectedPlace(run, r);
      const actual = r.provider === undefined ? undefined : explicit.get(r.provider);
      return { r, expected, actual };
    })
    .filter(
      ({ expected, actual }) =>
        actual === undefined ||
        expected === undefined ||
        actual.account !== expected.account ||
        actual.region !== expected.region,
    )
    .map(
      ({ r, expected, actual }) =>
        `${r.type} ${r.name}: provider ${r.provider ?? "default"} at ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
    );
  expect(wrong).to.deep.equal([]);
  // The runtime's own reading of the provider agrees.
  for (const r of aws) {
    expect(r.place, r.name).to.deep.equal(explicit.get(r.provider ?? ""));
  }
  const calls = run.invokes.filter((i) => i.token.startsWith("aws:"));
  expect(calls.filter((i) => i.provider === undefined || !explicit.has(i.provider)).map((i) => i.token)).to.deep.equal(
    [],
  );
}

describe("invariant: every AWS resource and call uses its account's explicit provider", () => {
  const cases: [string, () => Promise<OfflineRun>][] = [
    ["the dev example", () => devRun()],
    [
      "two consumers in two accounts",
      () => runProgram(configWith((c) => c["rds-secret-share:consumers"].push(BILLING_CONSUMER))),
    ],
    [
      "two consumers in one account, two regions",
      () =>
        runProgram(
          configWith((c) =>
            c["rds-secret-share:consumers"].push({
              ...BILLING_CONSUMER,
              accountId: "222222222222",
              region: "eu-west-1",
              assumeRoleArn: "arn:aws:iam::222222222222:role/deployer",
              executionRoleArn: "arn:aws:iam::222222222222:role/billing-task-execution",
              restartServices: [{ cluster: "billing", service: "billing" }],
            }),
          ),
        ),
    ],
    [
      "part owner",
      () =>
        runProgram(
          configWith((c) => (c["rds-secret-share:part"] = "owner")),
          { stack: "dev-owner" },
        ),
    ],
    [
      "part consumer",
      () =>
        runProgram(
          configWith((c) => (c["rds-secret-share:part"] = "consumer")),
          { stack: "dev-consumer" },
        ),
    ],
  ];
  for (const [title, run] of cases) {
    it(`GIVEN ${title} THEN no AWS resource or call uses a default provider, and each is in its side's account and region`, async () => {
      expectEveryAwsCallExplicit(await run());
    });
  }

  it("GIVEN two consumers in one account, two regions THEN each region has its own provider pinned to the account", async () => {
    const run = await runProgram(
      configWith((c) =>
        c["rds-secret-share:consumers"].push({
          ...BILLING_CONSUMER,
          accountId: "222222222222",
          region: "eu-west-1",
          assumeRoleArn: "arn:aws:iam::222222222222:role/deployer",
          executionRoleArn: "arn:aws:iam::222222222222:role/billing-task-execution",
        }),
      ),
    );
    expect([...providers(run).entries()]).to.deep.equal([
      ["share-owner", { account: "111111111111", region: "ap-northeast-1" }],
      ["share-consumer-222222222222-ap-northeast-1", { account: "222222222222", region: "ap-northeast-1" }],
      ["share-consumer-222222222222-eu-west-1", { account: "222222222222", region: "eu-west-1" }],
    ]);
  });

  it("GIVEN the dev example THEN the execution role is looked up in the consumer account, the rotation function in the owner's", async () => {
    const run = await devRun();
    const explicit = providers(run);
    expect(run.invokes.map((i) => [i.token, explicit.get(i.provider ?? "")?.account])).to.deep.equal([
      ["aws:iam/getRole:getRole", "222222222222"],
      ["aws:lambda/getFunction:getFunction", "111111111111"],
    ]);
  });

  it("Pulumi.yaml makes the engine refuse a default AWS provider", () => {
    const project = parse(readFileSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), "utf8")) as {
      config: Record<string, unknown>;
    };
    expect(project.config["pulumi:disable-default-providers"]).to.deep.equal(["aws"]);
  });
});
