import { ValidatePolicyCommand } from "@aws-sdk/client-accessanalyzer";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { expect } from "chai";
import { deploy, preview } from "../../automation/driver";
import { failure } from "../support/errors";
import { isolateEnvironment, newProject } from "../driver/support";
import { accountOf, healthyPreflight, isolateAws, mockAws } from "./aws";

describe("deploy and preview run preflight first", () => {
  isolateEnvironment();
  isolateAws();
  const m = mockAws(healthyPreflight);
  const deployed = newProject();
  const previewed = newProject();

  it("GIVEN a healthy environment WHEN deploy runs THEN preflight asks AWS before the first CLI run, prints its checks, and the deploy goes on", async () => {
    const p = deployed;
    const cliRunsAtIdentity: number[] = [];
    m.sts.on(GetCallerIdentityCommand).callsFake(async (_i, getClient) => {
      cliRunsAtIdentity.push(p.calls().length);
      const account = await accountOf(getClient);
      return { Account: account, Arn: `arn:aws:sts::${account}:assumed-role/deployer/x`, UserId: "AROA:x" };
    });
    const result = await deploy("dev", await p.options({ preflight: true }));
    expect(cliRunsAtIdentity).to.deep.equal([0, 0]);
    expect(p.calls()[0]).to.equal("stack select dev-owner");
    expect(result.consumer.stack).to.equal("dev-consumer");
    expect(p.progress[0]).to.match(/^\n=== preflight dev ===\npreflight dev\n/);
  });

  it("GIVEN Access Analyzer finds an ERROR WHEN preview runs THEN it stops with the finding and no stack is touched", async () => {
    const p = previewed;
    m.analyzer.on(ValidatePolicyCommand).callsFake((input: { policyDocument: string }) => ({
      findings: input.policyDocument.includes("ReadApp")
        ? [
            {
              findingType: "ERROR",
              issueCode: "INVALID_PRINCIPAL",
              findingDetails: "The principal does not exist.",
              learnMoreLink:
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html",
              locations: [
                {
                  path: [{ value: "Statement" }, { index: 0 }, { value: "Principal" }],
                  span: { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 1, offset: 1 } },
                },
              ],
            },
          ]
        : [],
    }));
    const err = await failure(async () => preview("dev", await p.options({ preflight: true })));
    expect(err.name).to.equal("DriverError");
    expect(err.message).to.equal(
      [
        "preflight dev: 1 finding(s) stop the preview; no stack was touched:",
        "  - owner account 111111111111 (ap-northeast-1): secret policy, statement ReadApp: ERROR INVALID_PRINCIPAL: The principal does not exist.",
        "Fix them and run again (npx rds-secret-share preflight dev shows every check), or skip the check with --no-preflight.",
      ].join("\n"),
    );
    expect(p.calls()).to.deep.equal([]);
  });
});
