// docs/live-checks.md holds a real output of each command (against the mocks of the dev example)
// and the read-only IAM policy each needs per account, which must be exactly the actions called.

import { expect } from "chai";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { doctor, preflight, renderDoctor, renderPreflight } from "../../automation/live";
import { PROJECT_ROOT } from "../../automation/environment";
import { READ_ACTIONS } from "../../automation/live/actions";
import { healthyPreflight, isolateAws, Mocks, mockAws } from "./aws";
import { healthyDoctor, NOW, OUTPUTS } from "./deployed";

const DOC = path.join(PROJECT_ROOT, "docs", "live-checks.md");

/** The text between `<!-- name -->` and `<!-- /name -->`, without its fence. */
function block(name: string): string {
  const text = readFileSync(DOC, "utf8");
  const m = new RegExp(`<!-- ${name} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\`\\n<!-- /${name} -->`).exec(text);
  return m ? m[1] : `(no block ${name} in docs/live-checks.md)`;
}

/** A read-only policy allowing exactly `actions`. */
export function readOnlyPolicy(actions: readonly string[]): string {
  return JSON.stringify(
    {
      Version: "2012-10-17",
      Statement: [{ Sid: "ReadOnlyLiveChecks", Effect: "Allow", Action: actions, Resource: "*" }],
    },
    null,
    2,
  );
}

describe("docs/live-checks.md", () => {
  isolateAws();
  mockAws((m: Mocks) => {
    healthyPreflight(m);
    healthyDoctor(m);
  });

  it("shows preflight's real output for the dev example and the policy it needs in each account", async () => {
    const r = await preflight("dev");
    expect(block("example:preflight")).to.equal(renderPreflight(r).text);
    expect(READ_ACTIONS.preflight.owner).to.include.members(r.actions.owner);
    expect(READ_ACTIONS.preflight.consumer).to.include.members(r.actions.consumer);
    expect(block("policy:preflight:owner")).to.equal(readOnlyPolicy(READ_ACTIONS.preflight.owner));
    expect(block("policy:preflight:consumer")).to.equal(readOnlyPolicy(READ_ACTIONS.preflight.consumer));
  });

  it("shows doctor's real output for the dev example and the policy it needs in each account (with --all-services)", async () => {
    const r = await doctor("dev", { outputs: OUTPUTS, now: NOW });
    expect(block("example:doctor")).to.equal(renderDoctor(r).text);
    const all = await doctor("dev", { outputs: OUTPUTS, now: NOW, allServices: true });
    expect(all.actions).to.deep.equal(READ_ACTIONS.doctor);
    expect(block("policy:doctor:owner")).to.equal(readOnlyPolicy(READ_ACTIONS.doctor.owner));
    expect(block("policy:doctor:consumer")).to.equal(readOnlyPolicy(READ_ACTIONS.doctor.consumer));
  });
});
