import { expect } from "chai";
import { parseCommandLine, UsageError } from "../../automation/cli/commandLine";
import { thrown } from "../support/errors";

function usageError(argv: string[]): string {
  const err = thrown(() => parseCommandLine(argv));
  expect(err).to.be.instanceOf(UsageError);
  return err.message.split("\n")[0];
}

describe("the command line", () => {
  it("reads <command> <env> and the flags after them", () => {
    expect(parseCommandLine(["deploy", "dev", "--yes", "--json"])).to.deep.equal({
      command: "deploy",
      env: "dev",
      flags: { yes: true, json: true },
    });
  });

  it("gives plan and db-user every flag: `--name value`, `--name=value` and bare `--name`", () => {
    expect(parseCommandLine(["plan", "dev", "--format", "mermaid", "--json"]).flags).to.deep.equal({
      format: "mermaid",
      json: true,
    });
    expect(
      parseCommandLine(["db-user", "dev", "--no-tls", "--ca-bundle=/etc/rds.pem", "--dry-run"]).flags,
    ).to.deep.equal({
      "no-tls": true,
      "ca-bundle": "/etc/rds.pem",
      "dry-run": true,
    });
  });

  it("never reads a value after --yes or --json", () => {
    expect(usageError(["plan", "dev", "--json", "mermaid"])).to.equal('unexpected argument "mermaid".');
  });

  it("refuses an unknown command, a missing environment and unknown flags of the driver's commands", () => {
    expect(usageError(["apply", "dev"])).to.equal(
      'unknown command "apply"; the commands are deploy, preview, destroy, outputs, plan, db-user, preflight, doctor.',
    );
    expect(usageError([])).to.equal(
      'unknown command ""; the commands are deploy, preview, destroy, outputs, plan, db-user, preflight, doctor.',
    );
    expect(usageError(["deploy"])).to.equal(
      "deploy needs an environment name (the <env> of Pulumi.<env>.yaml) right after it.",
    );
    expect(usageError(["deploy", "--yes", "dev"])).to.equal(
      "deploy needs an environment name (the <env> of Pulumi.<env>.yaml) right after it.",
    );
    expect(usageError(["destroy", "dev", "--force", "--target", "x"])).to.equal(
      "destroy takes --yes and --json; got --force, --target.",
    );
  });
});
