import { expect } from "chai";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { deploy, DriverError } from "../../automation/driver";
import { isolateEnvironment, newProject, PASSPHRASE, runPulumi } from "./support";
import { failure } from "../support/errors";

const OWNER_UP = [
  "stack select dev-owner",
  "stack init dev-owner",
  "config set rds-secret-share:dbPassword dev-owner --secret",
  "up dev-owner",
];

function stateUrl(root: string): string {
  return `file://${root}/.pulumi-state`;
}

describe("deploy: failures of the CLI and how to recover", () => {
  isolateEnvironment();

  describe("GIVEN the owner's `pulumi up` fails", () => {
    const p = newProject();
    let err: Error;

    before(async () => {
      const fail = {
        "up dev-owner": { diagnostic: "creating KMS Key: AccessDeniedException: not authorized to kms:CreateKey" },
      };
      err = await failure(async () => deploy("dev", await p.options({ fail })));
    });

    it("THEN the error names the stack, passes Pulumi's diagnostic through and says the consumer was not touched", () => {
      expect(err).to.be.instanceOf(DriverError);
      expect(err.message).to.equal(
        [
          "dev-owner: pulumi up failed:",
          "  pulumi:pulumi:Stack (rds-secret-share-dev-owner):",
          "    error: creating KMS Key: AccessDeniedException: not authorized to kms:CreateKey",
          "dev-consumer was not touched.",
        ].join("\n"),
      );
    });

    it("AND no command touched the consumer stack", () => {
      expect(p.calls()).to.deep.equal(OWNER_UP);
    });

    it("AND a deploy once the cause is gone converges, keeping the password", async () => {
      const before = p.settings("dev-owner").config?.["rds-secret-share:dbPassword"];
      p.clearLog();
      await deploy("dev", await p.options());
      expect(p.calls().filter((c) => c.startsWith("up "))).to.deep.equal(["up dev-owner", "up dev-consumer"]);
      expect(p.calls()).not.to.include("config set rds-secret-share:dbPassword dev-owner --secret");
      expect(p.settings("dev-owner").config?.["rds-secret-share:dbPassword"]).to.deep.equal(before);
    });
  });

  describe("GIVEN the consumer's `pulumi up` fails", () => {
    const p = newProject();
    let err: Error;

    before(async () => {
      const fail = { "up dev-consumer": { diagnostic: "reading IAM Role (app-task-execution): NoSuchEntity" } };
      err = await failure(async () => deploy("dev", await p.options({ fail })));
    });

    it("THEN the error names the consumer stack and says the owner stays as deployed", () => {
      expect(err.message).to.equal(
        [
          "dev-consumer: pulumi up failed:",
          "  pulumi:pulumi:Stack (rds-secret-share-dev-consumer):",
          "    error: reading IAM Role (app-task-execution): NoSuchEntity",
          "dev-owner stays as deployed; once the cause is fixed, deploy again: it converges.",
        ].join("\n"),
      );
      expect(p.calls().filter((c) => c.startsWith("up "))).to.deep.equal(["up dev-owner", "up dev-consumer"]);
    });

    it("AND running deploy again converges: both stacks updated, nothing created twice", async () => {
      p.clearLog();
      const result = await deploy("dev", await p.options());
      expect(p.calls().filter((c) => /^(up|stack init|config set)/.test(c))).to.deep.equal([
        "up dev-owner",
        "up dev-consumer",
      ]);
      expect(result.consumer.outputs.consumers.value).to.have.key("app");
    });
  });

  describe("GIVEN a lock left by a killed update", () => {
    const p = newProject();
    let err: Error;

    before(async () => {
      await deploy("dev", await p.options());
      p.leaveLock("dev-owner");
      p.clearLog();
      err = await failure(async () => deploy("dev", await p.options()));
    });

    it("THEN the error says another update is in progress and gives the exact `pulumi cancel` command", () => {
      expect(err.message).to.equal(
        [
          "dev-owner: another update of this stack is in progress (the stack is locked).",
          "If no other deployment of dev-owner is running (for example one was killed), clear the lock, then run the command again:",
          `  PULUMI_BACKEND_URL=${stateUrl(p.root)} pulumi cancel --yes --stack dev-owner`,
          "dev-consumer was not touched.",
        ].join("\n"),
      );
      expect(p.calls()).to.deep.equal(["stack select dev-owner", "up dev-owner"]);
    });

    it("AND after running that command the deploy succeeds", async () => {
      const line = err.message.split("\n")[2].trim();
      const [assignment, , ...args] = line.split(" ");
      const [name, value] = assignment.split(/=(.*)/s, 2);
      const code = await runPulumi(args, {
        cwd: p.root,
        env: { ...process.env, [name]: value, PULUMI_CONFIG_PASSPHRASE: PASSPHRASE },
      });
      expect(code).to.equal(0);
      const result = await deploy("dev", await p.options());
      expect(result.owner.stack).to.equal("dev-owner");
    });
  });

  describe("GIVEN no passphrase for the file backend", () => {
    const p = newProject();

    it("WHEN deploy runs THEN it stops before any stack command, saying how to set one", async () => {
      const err = await failure(async () => deploy("dev", await p.options({ passphrase: false })));
      expect(err.message).to.equal(
        [
          `The backend ${stateUrl(p.root)} encrypts stack secrets (such as the database password) with a passphrase,`,
          "and neither PULUMI_CONFIG_PASSPHRASE nor PULUMI_CONFIG_PASSPHRASE_FILE is set.",
          "Set one, with the same passphrase on every run, e.g.",
          "  export PULUMI_CONFIG_PASSPHRASE_FILE=$HOME/.config/rds-secret-share/passphrase",
        ].join("\n"),
      );
      expect(p.calls()).to.deep.equal([]);
    });

    it("WHEN PULUMI_CONFIG_PASSPHRASE_FILE names a missing file THEN the error names it", async () => {
      const file = path.join(p.root, "no-such.passphrase");
      const err = await failure(async () =>
        deploy("dev", await p.options({ passphrase: false, env: { PULUMI_CONFIG_PASSPHRASE_FILE: file } })),
      );
      expect(err.message).to.equal(`PULUMI_CONFIG_PASSPHRASE_FILE names ${file}, which cannot be read.`);
      expect(p.calls()).to.deep.equal([]);
    });
  });

  describe("GIVEN a deployed environment and a different passphrase", () => {
    const p = newProject();

    it("WHEN deploy runs THEN the error names the stack and says the passphrase is wrong", async () => {
      await deploy("dev", await p.options());
      const err = await failure(async () =>
        deploy("dev", await p.options({ env: { PULUMI_CONFIG_PASSPHRASE: "wrong" } })),
      );
      expect(err.message).to.equal(
        "dev-owner: the passphrase does not decrypt this stack's secrets (incorrect passphrase). Set PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE to the one used when the stack was created.\ndev-consumer was not touched.",
      );
    });
  });

  describe("GIVEN the CLI fails to select the stack for another reason", () => {
    const p = newProject();

    it("WHEN deploy runs THEN Pulumi's message is passed through under the stack's name", async () => {
      const fail = { "stack select dev-owner": { stderr: "error: could not read checkpoint: permission denied" } };
      const err = await failure(async () => deploy("dev", await p.options({ fail })));
      expect(err.message).to.equal(
        "dev-owner: pulumi stack select failed:\n  error: could not read checkpoint: permission denied\ndev-consumer was not touched.",
      );
    });
  });

  describe("GIVEN storing the password fails", () => {
    const p = newProject();

    it("WHEN deploy runs THEN the error names the step and does not carry the password, nor keeps the CLI error", async () => {
      const fail = {
        "config set dev-owner": { stderr: "error: could not save Pulumi.dev-owner.yaml: read-only file system" },
      };
      const err = await failure(async () => deploy("dev", await p.options({ fail })));
      const [password] = p.stdinValues();
      expect(password).to.have.length(40);
      expect(err.message).to.equal(
        [
          "dev-owner: pulumi config set --secret rds-secret-share:dbPassword failed:",
          "  error: could not save Pulumi.dev-owner.yaml: read-only file system",
          "dev-consumer was not touched.",
        ].join("\n"),
      );
      expect(err.cause).to.equal(undefined);
      expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).not.to.include(password);
    });
  });

  describe("GIVEN a stack settings file that is not valid YAML (a bad merge, a hand edit)", () => {
    const p = newProject();

    it("WHEN deploy runs THEN one message names the file, says not to delete it, and no stack is run", async () => {
      await deploy("dev", await p.options());
      const file = path.join(p.root, "Pulumi.dev-owner.yaml");
      writeFileSync(file, "config:\n  rds-secret-share:part: [owner\n");
      p.clearLog();
      const err = await failure(async () => deploy("dev", await p.options()));
      expect(err).to.be.instanceOf(DriverError);
      const [first, ...rest] = err.message.split("\n");
      expect(first).to.match(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: could not be read: \\S`));
      expect(rest).to.deep.equal([
        "The driver writes its rds-secret-share:* keys, but the file also holds the stack's encryption salt and encrypted password: repair it (from a backup or version control) rather than delete it.",
      ]);
      expect(p.calls().filter((c) => /^(up|preview|destroy|config set)/.test(c))).to.deep.equal([]);
    });
  });
});
