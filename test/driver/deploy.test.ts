import { expect } from "chai";
import { mkdirSync } from "node:fs";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { deploy, DeployResult, renderDeploy } from "../../automation/driver";
import { PASSWORD_ALPHABET } from "../../automation/driver/password";
import { PASSWORD_LENGTH } from "../../infra/config/password";
import { fakePulumi, FIRST_DEPLOY, isolateEnvironment, newProject, PASSPHRASE, Project } from "./support";

const PASSWORD_KEY = "rds-secret-share:dbPassword";

const REPEATED_DEPLOY = [
  "stack select dev-owner",
  "up dev-owner",
  "stack output dev-owner",
  "stack output dev-owner --show-secrets",
  "stack history dev-owner",
  "stack select dev-consumer",
  "up dev-consumer",
  "stack output dev-consumer",
  "stack output dev-consumer --show-secrets",
  "stack history dev-consumer",
];

/** The stored password, read back through the Automation API as a deploy script would. */
async function storedPassword(p: Project): Promise<{ value: string; secret?: boolean }> {
  const ws = await LocalWorkspace.create({
    workDir: p.root,
    pulumiCommand: await fakePulumi(),
    envVars: { PULUMI_BACKEND_URL: `file://${p.root}/.pulumi-state`, PULUMI_CONFIG_PASSPHRASE: PASSPHRASE },
  });
  return ws.getConfig("dev-owner", PASSWORD_KEY);
}

describe("deploy", () => {
  isolateEnvironment();

  describe("GIVEN an environment never deployed WHEN deploy dev runs", () => {
    const p = newProject();
    let result: DeployResult;
    let calls: string[];
    let password: string;

    before(async () => {
      result = await deploy("dev", await p.options());
      calls = p.calls();
      password = (await storedPassword(p)).value;
    });

    it("runs these 13 CLI commands, in this order (plus `pulumi version` to find the CLI)", () => {
      expect(calls).to.deep.equal(FIRST_DEPLOY);
    });

    it("runs every command in the project root, against the project's file backend, without type-checking", () => {
      for (const call of p.invocations()) {
        expect(call.cwd).to.equal(p.root);
        expect(call.env).to.deep.include({
          PULUMI_BACKEND_URL: `file://${p.root}/.pulumi-state`,
          PULUMI_NODEJS_TRANSPILE_ONLY: "true",
          PULUMI_SKIP_UPDATE_CHECK: "true",
        });
      }
    });

    it("configures the owner stack with the environment and part owner", () => {
      const [config] = p.configAt("dev-owner");
      expect(config["rds-secret-share:part"]).to.equal("owner");
      expect(config["rds-secret-share:owner"]).to.deep.include({ accountId: "111111111111", region: "ap-northeast-1" });
      expect(config[PASSWORD_KEY]).to.equal("[secure]");
      expect(config).not.to.have.any.keys("rds-secret-share:secretArn", "rds-secret-share:kmsKeyArn");
    });

    it("gives the consumer stack the owner's secretArn and kmsKeyArn outputs, part consumer, and no password", () => {
      const [config] = p.configAt("dev-consumer");
      expect(config["rds-secret-share:part"]).to.equal("consumer");
      expect(config["rds-secret-share:secretArn"]).to.equal(result.owner.outputs.secretArn.value);
      expect(config["rds-secret-share:kmsKeyArn"]).to.equal(result.owner.outputs.kmsKeyArn.value);
      expect(config["rds-secret-share:secretArn"]).to.equal(
        "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user-AbCdEf",
      );
      expect(config).not.to.have.key(PASSWORD_KEY);
    });

    it("stores a generated password of PASSWORD_LENGTH allowed characters as secret config of the owner stack only", async () => {
      expect((await storedPassword(p)).secret).to.equal(true);
      expect(password).to.have.length(PASSWORD_LENGTH);
      expect([...password].every((c) => PASSWORD_ALPHABET.includes(c))).to.equal(true);
      expect(p.settings("dev-owner").config?.[PASSWORD_KEY]).to.have.key("secure");
      expect(p.file("Pulumi.dev-owner.yaml")).not.to.include(password);
      expect(p.file("Pulumi.dev-consumer.yaml")).not.to.include(password);
      expect(result.passwordGenerated).to.equal(true);
    });

    it("passes the password to the CLI once, on the stdin of `config set --secret`, never on a command line", () => {
      expect(p.invocations().filter((i) => i.argv.some((a) => a.includes(password)))).to.deep.equal([]);
      const sets = p.invocations().filter((i) => i.argv[0] === "config" && i.argv[1] === "set");
      expect(sets.map((i) => i.argv)).to.deep.equal([
        ["config", "set", PASSWORD_KEY, "--secret", "--stack", "dev-owner", "--non-interactive"],
      ]);
      expect(p.entries().filter((e) => e.event === "config set")).to.deep.equal([
        { pid: sets[0].pid, event: "config set", stack: "dev-owner", valueOn: "stdin", value: password },
      ]);
      const shown = [p.progress.join(""), JSON.stringify(result), JSON.stringify(renderDeploy(result))];
      for (const text of shown) {
        expect(text).not.to.include(password);
      }
    });

    it("never asks the CLI for the update history with secrets shown", () => {
      const history = p.invocations().filter((i) => i.argv[1] === "history");
      expect(history).to.have.length(2);
      expect(history.every((i) => !i.argv.includes("--show-secrets"))).to.equal(true);
    });

    it("returns both stacks' outputs and streams Pulumi's output under a header per stack", () => {
      expect(Object.keys(result.owner.outputs)).to.include.members(["secretArn", "kmsKeyArn", "passwordValueFrom"]);
      expect(result.consumer.outputs.consumers.value).to.deep.equal({
        app: {
          taskDefinitionArn: "arn:aws:ecs:ap-northeast-1:222222222222:task-definition/app:1",
          family: "app",
          executionRoleArn: "arn:aws:iam::222222222222:role/app-task-execution",
        },
      });
      const text = p.progress.join("");
      expect(text.indexOf("=== dev-owner: pulumi up ===\nUpdating (dev-owner):")).to.be.greaterThan(-1);
      expect(text.indexOf("=== dev-consumer: pulumi up ===\nUpdating (dev-consumer):")).to.be.greaterThan(
        text.indexOf("=== dev-owner: pulumi up ==="),
      );
    });

    describe("AND deploy dev runs again", () => {
      let again: DeployResult;
      let settingsBefore: string;

      before(async () => {
        settingsBefore = p.file("Pulumi.dev-owner.yaml");
        p.clearLog();
        again = await deploy("dev", await p.options());
      });

      it("runs these 10 CLI commands (plus `pulumi version`): no stack init, no config set", () => {
        expect(p.calls()).to.deep.equal(REPEATED_DEPLOY);
      });

      it("keeps the password exactly as it was", async () => {
        expect(p.file("Pulumi.dev-owner.yaml")).to.equal(settingsBefore);
        expect((await storedPassword(p)).value).to.equal(password);
        expect(again.passwordGenerated).to.equal(false);
      });
    });
  });

  describe("GIVEN a deployed environment whose file changed", () => {
    const p = newProject();

    before(async () => {
      await deploy("dev", await p.options());
      // A key of another namespace, set on the stack by hand, is not the driver's to remove.
      p.editSettings("dev-owner", (s) => (s.config = { ...s.config, "aws:skipMetadataApiCheck": true }));
      p.editEnvironment((c) => {
        delete c["rds-secret-share:rotation"];
        (c["rds-secret-share:secret"] as Record<string, unknown>).name = "rds/dev/app_user_v2";
      });
      p.clearLog();
      await deploy("dev", await p.options());
    });

    it("WHEN deploy runs THEN both stacks follow the file: a removed key is removed, a changed one changed", () => {
      for (const stack of ["dev-owner", "dev-consumer"]) {
        const config = p.settings(stack).config ?? {};
        expect(config).not.to.have.key("rds-secret-share:rotation");
        expect(config["rds-secret-share:secret"]).to.deep.equal({ name: "rds/dev/app_user_v2" });
      }
      expect(p.configAt("dev-consumer")[0]["rds-secret-share:secretArn"]).to.equal(
        "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user_v2-AbCdEf",
      );
    });

    it("AND the password and other namespaces' keys stay", () => {
      const config = p.settings("dev-owner").config ?? {};
      expect(config[PASSWORD_KEY]).to.have.key("secure");
      expect(config["aws:skipMetadataApiCheck"]).to.equal(true);
      expect(p.calls().filter((c) => c.startsWith("config set"))).to.deep.equal([]);
    });
  });

  describe("GIVEN PULUMI_BACKEND_URL and PULUMI_NODEJS_TRANSPILE_ONLY set by the user", () => {
    const p = newProject();

    it("WHEN deploy runs THEN the CLI gets the user's values", async () => {
      const state = `file://${p.root}/elsewhere`;
      mkdirSync(`${p.root}/elsewhere`);
      await deploy(
        "dev",
        await p.options({ env: { PULUMI_BACKEND_URL: state, PULUMI_NODEJS_TRANSPILE_ONLY: "false" } }),
      );
      const envs = p.invocations().map((i) => i.env);
      expect(envs).to.have.length(FIRST_DEPLOY.length);
      for (const env of envs) {
        expect(env).to.deep.include({ PULUMI_BACKEND_URL: state, PULUMI_NODEJS_TRANSPILE_ONLY: "false" });
      }
    });
  });
});
