import { expect } from "chai";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../automation/environment";
import { planCommand, renderDeployerPolicies } from "../../automation/plan";
import { runMain } from "../cli/cli";
import { compute, dev, VARIANTS } from "./deployerVariants";

const FLAG = { "deployer-policy": true } as const;

describe("plan --deployer-policy: the command line", () => {
  it("GIVEN no other flag THEN per account a heading, the size against IAM's limit and the policy", async () => {
    const { text } = await planCommand("dev", FLAG);
    const lines = text.split("\n");
    expect(lines.slice(0, 2)).to.deep.equal([
      "Deploying role's permissions for stack dev: one IAM policy per account, for `pulumi up -s dev`.",
      "`npx rds-secret-share deploy dev` deploys the stacks dev-owner and dev-consumer instead, whose key statements name those stacks: add --part owner (owner account) and --part consumer (consumer accounts).",
    ]);
    expect(lines.filter((l) => l.startsWith("== "))).to.deep.equal([
      "== Owner account 111111111111 · ap-northeast-1 ==",
      "== Consumer account 222222222222 · ap-northeast-1 ==",
    ]);
    expect(lines.filter((l) => l.startsWith("For the role"))).to.deep.equal([
      "For the role the provider assumes: arn:aws:iam::111111111111:role/deployer",
      "For the role the provider assumes: arn:aws:iam::222222222222:role/deployer",
    ]);
    expect(lines.find((l) => l.startsWith("13 statements"))).to.match(/: fits one managed policy \(IAM allows 6144,/);
    expect(text).to.equal(renderDeployerPolicies((await dev()).policies));
  });

  it("GIVEN --json THEN one document: the environment and per account its role, id, region and policy", async () => {
    const { json } = await planCommand("dev", { ...FLAG, json: true });
    const { policies } = await dev();
    expect(json).to.deep.equal({
      env: "dev",
      stack: "dev",
      accounts: policies.accounts.map(({ role, accountId, region, policy }) => ({ role, accountId, region, policy })),
    });
  });

  it("GIVEN --part consumer THEN the consumer account only, as the driver's stack dev-consumer", async () => {
    const { json, text } = await planCommand("dev", { ...FLAG, part: "consumer" });
    expect((json as { accounts: { role: string }[] }).accounts.map((a) => a.role)).to.deep.equal(["consumer"]);
    expect((json as { stack: string }).stack).to.equal("dev-consumer");
    expect(text.split("\n")[0]).to.equal(
      "Deploying role's permissions for stack dev-consumer: one IAM policy per account",
    );
  });

  it("GIVEN --deployer-policy with a value THEN a usage error: it takes none", async () => {
    expect(await runMain(["plan", "dev", "--deployer-policy=owner"])).to.deep.equal({
      code: 2,
      stdout: "",
      stderr: 'plan: --deployer-policy takes no value.\nRun "npx rds-secret-share plan --help" for its flags.\n',
    });
  });

  it("GIVEN --format mermaid too THEN a usage error naming both: a diagram cannot show a policy", async () => {
    expect(await runMain(["plan", "dev", "--deployer-policy", "--format", "mermaid"])).to.deep.equal({
      code: 2,
      stdout: "",
      stderr:
        '--deployer-policy and --format mermaid cannot be given together: a diagram cannot show a policy; it prints as text, or as JSON with --json.\nRun "npx rds-secret-share plan --help" for its flags.\n',
    });
  });

  it("GIVEN --format json or text too THEN the policies as JSON, or as text", async () => {
    const [json, text, plain] = await Promise.all([
      runMain(["plan", "dev", "--deployer-policy", "--format", "json"]),
      runMain(["plan", "dev", "--deployer-policy", "--format", "text"]),
      runMain(["plan", "dev", "--deployer-policy"]),
    ]);
    expect([json.code, text.code]).to.deep.equal([0, 0]);
    const viaJsonFlag = (await runMain(["plan", "dev", "--deployer-policy", "--json"])).stdout;
    expect(JSON.parse(json.stdout)).to.deep.equal(JSON.parse(viaJsonFlag));
    expect(text.stdout).to.equal(plain.stdout);
    expect(text.stdout.split("\n")[0]).to.equal(
      "Deploying role's permissions for stack dev: one IAM policy per account, for `pulumi up -s dev`.",
    );
  });

  it("GIVEN plan dev --deployer-policy --json on the command line THEN exit 0 and the JSON document alone on stdout", async () => {
    const run = await runMain(["plan", "dev", "--deployer-policy", "--json"]);
    expect([run.code, run.stderr]).to.deep.equal([0, ""]);
    expect((JSON.parse(run.stdout) as { env: string }).env).to.equal("dev");
  });
});

describe("docs/deployer-permissions.md", () => {
  it("explains every statement any variant's policies hold", async () => {
    const doc = readFileSync(path.join(PROJECT_ROOT, "docs", "deployer-permissions.md"), "utf8");
    const sids = new Set<string>();
    for (const variant of VARIANTS) {
      for (const a of (await compute(variant)).policies.accounts) {
        a.policy.Statement.forEach((s) => sids.add(s.Sid.replace(/\d+$/, "")));
      }
    }
    const statementsSection = doc.slice(doc.indexOf("## The statements"), doc.indexOf("## Known limits"));
    expect(sids.size).to.be.greaterThan(20);
    expect([...sids].filter((sid) => !statementsSection.includes(`\`${sid}\``))).to.deep.equal([]);
  });
});
