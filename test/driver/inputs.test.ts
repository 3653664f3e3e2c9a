import { expect } from "chai";
import * as path from "node:path";
import { deploy, DriverError, outputs } from "../../automation/driver";
import { EnvironmentError, readEnvironment } from "../../automation/environment";
import { stackConfig } from "../../automation/environmentStacks";
import { ConfigError } from "../../infra/config/problems";
import { validateConfig } from "../../infra/config/validate";
import { isolateEnvironment, newProject } from "./support";
import { failure, thrown } from "../support/errors";

describe("deploy: what is checked before and between the stacks", () => {
  isolateEnvironment();

  describe("GIVEN an invalid environment file", () => {
    const p = newProject();

    it("WHEN deploy runs THEN the ConfigError is printed as is under a line naming the file and stack, before any CLI run", async () => {
      p.editEnvironment((c) => ((c["rds-secret-share:owner"] as Record<string, unknown>).accountId = "12345"));
      const err = await failure(async () => deploy("dev", await p.options()));
      const environment = readEnvironment("dev", p.root);
      const expected = thrown(() =>
        validateConfig(stackConfig(environment, "owner"), { project: "rds-secret-share", stack: "dev-owner" }),
      );
      expect(expected).to.be.instanceOf(ConfigError);
      // The program's own message, pinned here too, so a change to either side is seen.
      expect(expected.message.split("\n")[0]).to.match(/^rds-secret-share:owner\.accountId: got "12345"; expected /);
      expect(err.message).to.equal(`${environment.file}, for the stack dev-owner:\n${expected.message}`);
      expect((err as DriverError).cause).to.be.instanceOf(ConfigError);
      expect(p.calls()).to.deep.equal([]);
    });

    it("WHEN the file holds encrypted values THEN it says why they cannot be copied and what to do", async () => {
      p.editEnvironment((c) => {
        (c["rds-secret-share:owner"] as Record<string, unknown>).accountId = "111111111111";
        c["rds-secret-share:dbPassword"] = { secure: "v1:abc" };
        (c["rds-secret-share:database"] as Record<string, unknown>).host = { secure: "v1:def" };
      });
      const err = await failure(async () => deploy("dev", await p.options()));
      expect(err).to.be.instanceOf(EnvironmentError);
      expect(err.message).to.equal(
        [
          `${path.join(p.root, "Pulumi.dev.yaml")}:`,
          "  - rds-secret-share:database: holds a value encrypted for the stack dev (secure:), which cannot be copied to dev-owner and dev-consumer; write it in plain text (only the password is secret).",
          "  - rds-secret-share:dbPassword: encrypted for the stack dev, so it cannot be copied to dev-owner. The driver generates the password on the first deploy and keeps it in dev-owner: remove the key from the file, or, to choose the password yourself, set it on the owner stack: pulumi config set --secret rds-secret-share:dbPassword --stack dev-owner",
        ].join("\n"),
      );
      expect(p.calls()).to.deep.equal([]);
    });

    it("WHEN the file is missing THEN the error names it", async () => {
      const err = await failure(async () => deploy("prod", await p.options()));
      expect(err).to.be.instanceOf(EnvironmentError);
      expect(err.message).to.equal(
        `no settings file Pulumi.prod.yaml in ${p.root}; environments here: dev. Create it (see Pulumi.dev.yaml for a complete example) or name one of those.`,
      );
    });
  });

  describe("GIVEN owner outputs the consumer cannot use", () => {
    const p = newProject();

    it("WHEN the owner exports no secretArn THEN the consumer is not touched", async () => {
      const err = await failure(async () =>
        deploy("dev", await p.options({ outputs: { "dev-owner": { secretArn: null } } })),
      );
      expect(err.message).to.equal(
        "dev-owner: the update succeeded but the stack has no secretArn and kmsKeyArn outputs; dev-consumer was not touched.",
      );
      expect(p.calls().some((c) => c.includes("dev-consumer"))).to.equal(false);
    });

    it("WHEN the owner's secret is in another account THEN the consumer's validation names it, before the consumer is touched", async () => {
      p.clearLog();
      const secretArn = "arn:aws:secretsmanager:ap-northeast-1:999999999999:secret:rds/dev/app_user-AbCdEf";
      const err = await failure(async () =>
        deploy("dev", await p.options({ outputs: { "dev-owner": { secretArn } } })),
      );
      expect(err.message).to.match(
        /, for the stack dev-consumer:\nrds-secret-share:secretArn: got "arn:aws:secretsmanager:ap-northeast-1:999999999999:/,
      );
      expect(p.calls().some((c) => c.includes("dev-consumer"))).to.equal(false);
    });
  });

  describe("GIVEN an environment never deployed", () => {
    const p = newProject();

    it("WHEN outputs runs THEN the error says the owner stack does not exist in the backend", async () => {
      const err = await failure(async () => outputs("dev", await p.options()));
      expect(err.message).to.equal(
        `dev-owner: no such stack in file://${p.root}/.pulumi-state. Deploy the environment first, or set PULUMI_BACKEND_URL to the backend that holds it.`,
      );
      expect(p.calls()).to.deep.equal(["stack select dev-owner"]);
    });
  });
});
