import { expect } from "chai";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../automation/environment";
import { planConfig, RESOURCE_STEPS, StepId, STEPS } from "../../automation/plan";
import { resourceStep } from "../../automation/plan/resourceSteps";
import { configWith, devConfig } from "../support/program";
import { twoConsumerConfig } from "./support";
import { Part } from "../../infra/config/types";

/** `aws:kms/key:Key` → `aws.kms.Key`, as the README writes types. */
function readmeType(type: string): string {
  const [pkg, mod, name] = type.split(":");
  return pkg === "aws" ? `aws.${mod.split("/")[0]}.${name}` : `${pkg}.${name}`;
}

/** The README's step table, between its section markers. */
function stepTable(): string {
  const readme = readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
  return /<!-- section:steps -->([\s\S]*?)<!-- \/section:steps -->/.exec(readme)?.[1] ?? "";
}

/** The row of each step, by its mark. */
function rows(table: string): Map<StepId, string> {
  const out = new Map<StepId, string>();
  for (const line of table.split("\n").filter((l) => l.startsWith("| "))) {
    const mark = line.split("|")[1].trim();
    const step = STEPS.find((s) => s.mark === mark);
    if (step) {
      out.set(step.id, line);
    }
  }
  return out;
}

describe("plan: the step table", () => {
  const VARIANTS: [string, Record<string, unknown>, { part?: Part }][] = [
    ["the dev example", devConfig(), {}],
    ["two consumer accounts", twoConsumerConfig(), {}],
    ["alternating users", configWith((c) => (c["rds-secret-share:rotation"].strategy = "alternating-users")), {}],
    ["no rotation", configWith((c) => delete c["rds-secret-share:rotation"]), {}],
    ["part consumer", devConfig(), { part: "consumer" }],
  ];
  for (const [title, config, options] of VARIANTS) {
    it(`GIVEN ${title} THEN every resource of the plan has its step`, async () => {
      const p = await planConfig(config, "dev", options);
      const resources = p.accounts.flatMap((a) => a.resources);
      expect(resources.length).to.be.greaterThan(0);
      expect(resources.filter((r) => r.step === undefined).map((r) => `${r.type} ${r.name}`)).to.deep.equal([]);
    });
  }

  it("finds an entry by the nearest component, a name suffix before the type's general entry", () => {
    const restart = "rds-secret-share:consumer:ServiceRestart";
    const role = "aws:iam/role:Role";
    expect(resourceStep(role, "share-consumer-app-restart-start", [restart])?.role).to.equal(
      "the role the rule starts the state machine with",
    );
    expect(resourceStep(role, "share-consumer-app-restart-redeploy", [restart])?.role).to.equal(
      "the state machine's role",
    );
    expect(resourceStep("aws:s3/bucket:Bucket", "x", [restart])?.step).to.equal("restart");
    expect(resourceStep("aws:iam/rolePolicy:RolePolicy", "x", ["rds-secret-share:owner:Rotation"])?.step).to.equal("⑥");
    expect(resourceStep("aws:s3/bucket:Bucket", "x", ["rds-secret-share:share:SecretShare"])).to.equal(undefined);
  });

  it("agrees with the README's step table: every type a row names implements that step here", () => {
    const table = rows(stepTable());
    expect([...table.keys()]).to.deep.equal(STEPS.map((s) => s.id));
    for (const [step, row] of table) {
      for (const named of row.match(/aws\.[a-z]+\.[A-Za-z]+/g) ?? []) {
        const entries = RESOURCE_STEPS.filter((e) => readmeType(e.type) === named).map((e) => e.step);
        expect(entries, `${named} in the README's row ${step}`).to.include(step);
      }
    }
  });

  it("agrees with the README's step table: each step with resources names at least one of them there", () => {
    const table = rows(stepTable());
    for (const step of ["①", "②", "④", "⑤", "⑥", "⑦", "cross-account"] as StepId[]) {
      const types = RESOURCE_STEPS.filter((e) => e.step === step && e.type.startsWith("aws:")).map((e) =>
        readmeType(e.type),
      );
      expect(
        types.some((t) => table.get(step)?.includes(`\`${t}\``)),
        `README row ${step} names one of ${types.join(", ")}`,
      ).to.be.true;
    }
  });
});
