import { expect } from "chai";
import { planDev } from "./support";
import { runMain as cli } from "../cli/cli";

describe("plan: the command line", () => {
  // Flags are checked by the command line's table before plan runs (test/cli/parse.test.ts); these
  // go through main() to show plan's usage errors end to end.
  const HELP = 'Run "npx rds-secret-share plan --help" for its flags.';
  const ALLOWED = "plan takes --format <format>, --json, --part <part>, --deployer-policy.";

  it("GIVEN a typo of --format THEN exit 2, the flag meant and the flags plan takes alone on stderr", async () => {
    expect(await cli(["plan", "dev", "--fromat", "mermaid"])).to.deep.equal({
      code: 2,
      stdout: "",
      stderr: `plan: unknown flag --fromat. ${ALLOWED}\n${HELP}\n`,
    });
  });

  it("GIVEN --stack THEN refused too: the stack follows from --part", async () => {
    expect((await cli(["plan", "dev", "--stack", "prod-owner"])).stderr).to.equal(
      `plan: unknown flag --stack. ${ALLOWED}\n${HELP}\n`,
    );
  });

  it("GIVEN --json with a value THEN a usage error: it takes none", async () => {
    expect((await cli(["plan", "dev", "--json=yes"])).stderr).to.equal(`plan: --json takes no value.\n${HELP}\n`);
  });

  it("GIVEN --part with an unknown part, or without a value THEN a usage error listing the parts, or with an example", async () => {
    expect(await cli(["plan", "dev", "--part", "both"])).to.deep.equal({
      code: 2,
      stdout: "",
      stderr: `--part: got "both"; expected one of all, owner, consumer.\n${HELP}\n`,
    });
    expect((await cli(["plan", "dev", "--part"])).stderr).to.equal(
      `plan: --part needs a value <part>, e.g. --part all.\n${HELP}\n`,
    );
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
