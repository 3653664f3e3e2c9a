// Config warnings in `plan`: in its text and its JSON, for the file as it stands and for the
// driver's stacks; on the command line, on stderr when the printed format does not show them.

import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { plan, planJson, renderPlan } from "../../automation/plan";
import { ConfigError } from "../../infra/config/problems";
import { Checkout } from "../cli/cli";
import { configWith } from "../support/program";
import { failure } from "../support/errors";

const AWS_PROFILE = {
  key: "aws:profile",
  message:
    "ignored: every resource is created through an explicit provider per account, which aws:* settings do not reach; set rds-secret-share:owner.profile and each consumer's profile instead.",
};
const RESTART = {
  key: "rds-secret-share:consumers[0].restartServices",
  message:
    "ignored without rds-secret-share:rotation: nothing rotates the secret, so no restart of app-cluster/app is deployed; add rotation (once db-user has created the user) and deploy again to wire it.",
};
const LINES = [`warning: ${AWS_PROFILE.key}: ${AWS_PROFILE.message}`, `warning: ${RESTART.key}: ${RESTART.message}`];

/** Pulumi.<env>.yaml in a fresh root: the dev example without rotation, with `others` added. */
function environmentRoot(env: string, others: Record<string, unknown>): string {
  const root = mkdtempSync(path.join(tmpdir(), "plan-warn-"));
  after(() => rmSync(root, { recursive: true, force: true }));
  const config = { ...configWith((c) => delete c["rds-secret-share:rotation"]), ...others };
  writeFileSync(path.join(root, `Pulumi.${env}.yaml`), stringify({ config }));
  return root;
}

describe("plan: config warnings", () => {
  const root = environmentRoot("warn", { "aws:profile": "prod-admin" });

  for (const part of [undefined, "owner", "consumer"] as const) {
    it(`GIVEN aws:profile and restartServices without rotation WHEN plan${part ? ` --part ${part}` : ""} THEN both, once each`, async () => {
      const p = await plan("warn", { root, ...(part ? { part } : {}) });
      expect(p.warnings).to.deep.equal([AWS_PROFILE, RESTART]);
    });
  }

  it("THEN the text shows them under its heading, and the JSON holds them", async () => {
    const p = await plan("warn", { root });
    const text = renderPlan(p, "text").split("\n");
    expect(text.slice(2, 4)).to.deep.equal(LINES);
    expect(planJson(p)).to.have.deep.property("warnings", [AWS_PROFILE, RESTART]);
  });

  it("GIVEN a misspelt namespace in the file THEN plan fails naming the file, the key and the key meant", async () => {
    const bad = environmentRoot("typo", { "rds-secret-shar:protect": true });
    const err = await failure(() => plan("typo", { root: bad }));
    expect(err).to.be.instanceOf(ConfigError);
    expect(err.message).to.equal(
      `${path.join(bad, "Pulumi.typo.yaml")}, for the stack typo:\n` +
        'rds-secret-shar:protect: got "true"; expected rds-secret-share:protect: "rds-secret-shar" misspells the namespace rds-secret-share, so nothing reads this key.',
    );
  });

  it("GIVEN rotation written without its namespace THEN plan fails naming the key meant, for the file and for --part owner", async () => {
    const bad = environmentRoot("bare", { rotation: { scheduleExpression: "rate(30 days)" } });
    const meant =
      "expected the key written as rds-secret-share:rotation: the driver, plan and db-user read only rds-secret-share:* keys, while `pulumi up` reads a key without a namespace as the project's, so only the full name means the same to both.";
    const own = await failure(() => plan("bare", { root: bad }));
    expect(own.message).to.equal(
      `${path.join(bad, "Pulumi.bare.yaml")}, for the stack bare:\nrotation: got "{\\"scheduleExpression\\":\\"rate(30 days)\\"}"; ${meant}`,
    );
    const driver = await failure(() => plan("bare", { root: bad, part: "owner" }));
    expect(driver.message).to.equal(
      `${path.join(bad, "Pulumi.bare.yaml")}, for the stack bare-owner:\nrotation: got {"scheduleExpression":"rate(30 days)"}; ${meant}`,
    );
  });

  describe("on the command line", function () {
    this.timeout(60000);
    const checkout = new Checkout();
    after(() => checkout.remove());
    before(() =>
      writeFileSync(
        path.join(checkout.root, "Pulumi.warn.yaml"),
        stringify({
          config: { ...configWith((c) => delete c["rds-secret-share:rotation"]), "aws:profile": "prod-admin" },
        }),
      ),
    );

    it("WHEN --json THEN stdout is the JSON document alone and the warnings are on stderr", async () => {
      const run = await checkout.run(["plan", "warn", "--json"], checkout.env({ pulumi: false }));
      expect(run.code).to.equal(0);
      expect(JSON.parse(run.stdout)).to.have.deep.property("warnings", [AWS_PROFILE, RESTART]);
      expect(run.stderr.split("\n").filter((l) => l.startsWith("warning: "))).to.deep.equal(LINES);
    });

    it("WHEN text THEN the warnings are in the text, not repeated on stderr", async () => {
      const run = await checkout.run(["plan", "warn"], checkout.env({ pulumi: false }));
      expect(run.code).to.equal(0);
      expect(run.stdout.split("\n").slice(2, 4)).to.deep.equal(LINES);
      expect(run.stderr).not.to.include("warning: ");
    });
  });
});
