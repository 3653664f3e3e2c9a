import { expect } from "chai";
import {
  deploy,
  destroy,
  outputs,
  preview,
  renderDestroy,
  renderOutputs,
  renderPreview,
} from "../../automation/driver";
import { isolateEnvironment, newProject } from "./support";
import { failure } from "../support/errors";

describe("preview, destroy and outputs", () => {
  isolateEnvironment();

  describe("GIVEN an environment never deployed WHEN preview runs", () => {
    const p = newProject();
    let result: Awaited<ReturnType<typeof preview>>;

    before(async () => {
      result = await preview("dev", await p.options());
    });

    it("THEN it previews the owner (with the password a deploy would use) and says why the consumer is not previewed", () => {
      expect(p.calls()).to.deep.equal([
        "stack select dev-owner",
        "stack init dev-owner",
        "config set rds-secret-share:dbPassword dev-owner --secret",
        "preview dev-owner",
        "stack output dev-owner",
        "stack output dev-owner --show-secrets",
      ]);
      expect(result.owner).to.deep.equal({ stack: "dev-owner", changes: { create: 9 } });
      const skipped =
        "dev-owner has never been deployed, so the secret and key dev-consumer refers to do not exist yet. " +
        "`npx rds-secret-share deploy dev` deploys both stacks; `npx rds-secret-share plan dev` shows every resource offline.";
      expect(result.consumer).to.deep.equal({ stack: "dev-consumer", skipped });
      expect(renderPreview(result).text).to.equal(`\ndev-owner: 9 to create\ndev-consumer: not previewed. ${skipped}`);
    });

    it("AND the preview's engine events reach the Automation API through its event server", () => {
      const run = p.invocations().find((i) => i.argv[0] === "preview");
      expect(run?.argv[run.argv.indexOf("--event-log") + 1]).to.match(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    });
  });

  describe("GIVEN a deployed environment", () => {
    const p = newProject();
    let deployed: Awaited<ReturnType<typeof deploy>>;

    before(async () => {
      deployed = await deploy("dev", await p.options({ env: { FAKE_PULUMI_SECRET_OUTPUTS: "usernameValueFrom" } }));
      p.clearLog();
    });

    it("WHEN preview runs THEN the consumer is previewed with the owner's current outputs", async () => {
      const result = await preview("dev", await p.options());
      expect(p.calls()).to.deep.equal([
        "stack select dev-owner",
        "preview dev-owner",
        "stack output dev-owner",
        "stack output dev-owner --show-secrets",
        "stack select dev-consumer",
        "preview dev-consumer",
      ]);
      expect(result.consumer).to.deep.equal({ stack: "dev-consumer", changes: { same: 4 } });
      const [config] = p.configAt("dev-consumer");
      expect(config["rds-secret-share:secretArn"]).to.equal(deployed.owner.outputs.secretArn.value);
      expect(config["rds-secret-share:kmsKeyArn"]).to.equal(deployed.owner.outputs.kmsKeyArn.value);
    });

    it("WHEN outputs runs THEN it shows both stacks' outputs with secrets masked", async () => {
      p.clearLog();
      const result = await outputs(
        "dev",
        await p.options({ env: { FAKE_PULUMI_SECRET_OUTPUTS: "usernameValueFrom" } }),
      );
      expect(p.calls()).to.deep.equal([
        "stack select dev-owner",
        "stack output dev-owner",
        "stack output dev-owner --show-secrets",
        "stack select dev-consumer",
        "stack output dev-consumer",
        "stack output dev-consumer --show-secrets",
      ]);
      const rendered = renderOutputs(result);
      const secretArn = "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user-AbCdEf";
      expect(rendered.text).to.include(`\n  usernameValueFrom  [secret]\n`);
      expect(rendered.text).to.include(`\n  passwordValueFrom  ${secretArn}:password::\n`);
      expect(rendered.text).to.include(
        "dev-consumer\n  consumers.app.taskDefinitionArn  arn:aws:ecs:ap-northeast-1:222222222222:task-definition/app:1\n",
      );
      expect(JSON.stringify(rendered.json)).not.to.include(`${secretArn}:username::`);
      expect(
        (rendered.json as { owner: { outputs: Record<string, unknown> } }).owner.outputs.usernameValueFrom,
      ).to.equal("[secret]");
    });

    it("WHEN destroy runs and is not confirmed THEN nothing runs", async () => {
      p.clearLog();
      const questions: string[] = [];
      const confirm = (q: string) => (questions.push(q), Promise.resolve(false));
      const err = await failure(async () => destroy("dev", await p.options({ confirm })));
      expect(err.message).to.equal("Not confirmed: nothing was changed.");
      expect(questions).to.deep.equal([
        `Destroy every resource of dev-consumer, then of dev-owner (the secret and KMS key are scheduled for deletion), state in file://${p.root}/.pulumi-state?`,
      ]);
      expect(p.calls()).to.deep.equal([]);
    });

    it("WHEN destroy runs THEN the consumer is destroyed before the owner", async () => {
      p.clearLog();
      const result = await destroy("dev", await p.options({ confirm: () => Promise.resolve(true) }));
      expect(p.calls()).to.deep.equal([
        "stack select dev-consumer",
        "destroy dev-consumer",
        "stack history dev-consumer",
        "stack select dev-owner",
        "destroy dev-owner",
        "stack history dev-owner",
      ]);
      const deleted = (n: number) => ({ created: 0, updated: 0, replaced: 0, deleted: n, unchanged: 0 });
      expect(result.stacks).to.deep.equal([
        { stack: "dev-consumer", destroyed: true, changes: deleted(4) },
        { stack: "dev-owner", destroyed: true, changes: deleted(9) },
      ]);
      expect(renderDestroy(result).text).to.equal("\ndev-consumer: 4 deleted\ndev-owner: 9 deleted");
      const after = await outputs("dev", await p.options());
      expect([after.owner.outputs, after.consumer.outputs]).to.deep.equal([{}, {}]);
    });
  });

  describe("GIVEN a deployed environment with protect: true", () => {
    const p = newProject();

    it("WHEN destroy runs THEN the consumer is destroyed and the owner stops with Pulumi's own message", async () => {
      p.editEnvironment((c) => (c["rds-secret-share:protect"] = true));
      await deploy("dev", await p.options());
      p.clearLog();
      const err = await failure(async () => destroy("dev", await p.options()));
      const urn =
        "urn:pulumi:dev-owner::rds-secret-share::rds-secret-share:index:SecretShare$rds-secret-share:owner:Owner$aws:kms/key:Key::share-key";
      expect(err.message).to.equal(
        [
          "dev-owner: pulumi destroy failed:",
          "  pulumi:pulumi:Stack (rds-secret-share-dev-owner):",
          `    error: unable to delete resource "${urn}"`,
          "    as it is currently marked for protection. To unprotect the resource, remove the `protect` flag from the resource in your Pulumi program and run `pulumi up` or use the command:",
          `    \`pulumi state unprotect '${urn}'\``,
          "dev-consumer is destroyed; once the cause is fixed, destroy again: it converges.",
        ].join("\n"),
      );
      expect(p.calls().filter((c) => c.startsWith("destroy"))).to.deep.equal([
        "destroy dev-consumer",
        "destroy dev-owner",
      ]);
    });
  });

  describe("GIVEN only the owner stack exists (the consumer's first deploy failed before it was created)", () => {
    const p = newProject();

    it("WHEN destroy runs THEN it says there is no consumer stack and destroys the owner", async () => {
      const fail = { "stack init dev-consumer": { stderr: "error: could not create stack" } };
      await failure(async () => deploy("dev", await p.options({ fail })));
      p.clearLog();
      const result = await destroy("dev", await p.options());
      expect(result.stacks).to.deep.equal([
        { stack: "dev-consumer", destroyed: false },
        {
          stack: "dev-owner",
          destroyed: true,
          changes: { created: 0, updated: 0, replaced: 0, deleted: 9, unchanged: 0 },
        },
      ]);
      expect(p.progress.join("")).to.include(
        `\n=== dev-consumer: no such stack in file://${p.root}/.pulumi-state; nothing to destroy ===\n`,
      );
      expect(p.calls()).to.deep.equal([
        "stack select dev-consumer",
        "stack select dev-owner",
        "destroy dev-owner",
        "stack history dev-owner",
      ]);
    });
  });

  describe("GIVEN an environment never deployed", () => {
    const p = newProject();

    it("WHEN destroy runs THEN it fails saying neither stack exists", async () => {
      const err = await failure(async () => destroy("dev", await p.options()));
      expect(err.message).to.equal(
        `Neither dev-consumer nor dev-owner exists in file://${p.root}/.pulumi-state: nothing to destroy. ` +
          "Check the environment name, or set PULUMI_BACKEND_URL to the backend that holds the stacks.",
      );
    });
  });
});
