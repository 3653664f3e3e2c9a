import { expect } from "chai";
import { planCommand, PlanUsageError } from "../../automation/plan";
import { planDev } from "./support";
import { failure } from "../support/errors";
import { runMain as cli } from "../cli/cli";

const ALLOWED = "plan takes --format text|json|mermaid, --json, --part all|owner|consumer and --deployer-policy";

describe("plan: the command line", () => {
  describe("GIVEN a flag plan does not take", () => {
    it("WHEN it is a typo of --format THEN a usage error naming it and the flags plan takes", async () => {
      const err = await failure(() => planCommand("dev", { fromat: "mermaid" }));
      expect(err).to.be.instanceOf(PlanUsageError);
      expect(err.message).to.equal(`${ALLOWED}; got --fromat.`);
    });

    it("WHEN it is --stack THEN refused too: the stack follows from --part", async () => {
      const err = await failure(() => planCommand("dev", { stack: "prod-owner" }));
      expect(err).to.be.instanceOf(PlanUsageError);
      expect(err.message).to.equal(`${ALLOWED}; got --stack.`);
    });

    it("WHEN there are several THEN every one, in the order given", async () => {
      const err = await failure(() => planCommand("dev", { yes: true, part: "owner", stack: "dev" }));
      expect(err.message).to.equal(`${ALLOWED}; got --yes, --stack.`);
    });

    it("WHEN cli.ts gets it THEN exit 2, the message alone on stderr, nothing on stdout", async () => {
      const run = await cli(["plan", "dev", "--fromat", "mermaid"]);
      expect(run).to.deep.equal({ code: 2, stdout: "", stderr: `${ALLOWED}; got --fromat.\n` });
    });
  });

  it("GIVEN --json with a value THEN a usage error: it takes none", async () => {
    const err = await failure(() => planCommand("dev", { json: "yes" }));
    expect(err).to.be.instanceOf(PlanUsageError);
    expect(err.message).to.equal('--json takes no value; got "yes".');
  });

  it("GIVEN --part with an unknown part THEN a usage error listing the parts, before anything runs", async () => {
    const err = await failure(() => planCommand("dev", { part: "both" }));
    expect(err).to.be.instanceOf(PlanUsageError);
    expect(err.message).to.equal('--part: got "both"; expected one of all, owner, consumer.');
  });

  it("GIVEN --part without a value THEN a usage error with an example", async () => {
    const err = await failure(() => planCommand("dev", { part: true }));
    expect(err).to.be.instanceOf(PlanUsageError);
    expect(err.message).to.equal("--part: expected a value, e.g. --part owner.");
  });

  describe("stack names, as the driver and db-user name them (stackNames)", () => {
    for (const [part, stack] of [
      [undefined, "dev"],
      ["all", "dev"],
      ["owner", "dev-owner"],
      ["consumer", "dev-consumer"],
    ] as const) {
      it(`GIVEN --part ${part ?? "(none)"} THEN stack ${stack}`, async () => {
        const p = await planDev(part === undefined ? {} : { part });
        expect([p.stack, p.part]).to.deep.equal([stack, part ?? "all"]);
      });
    }
  });

  it("the plan holds what it shows, not the offline run with its secrets", async () => {
    const p = await planDev();
    expect(Object.keys(p)).to.deep.equal([
      "env",
      "stack",
      "part",
      "accounts",
      "stackReferences",
      "driverConfig",
      "outputs",
      "graph",
      "warnings",
    ]);
  });
});
