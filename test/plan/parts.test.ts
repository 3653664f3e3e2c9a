import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { environmentFile, EnvironmentError, PROJECT_NAME, toRuntimeConfig } from "../../automation/environment";
import { plan, planCommand, planConfig, planJson, Plan, renderPlan } from "../../automation/plan";
import { MASKED_PASSWORD } from "../../automation/plan/registrationInputs";
import { offlinePassword } from "../../automation/offline/values";
import { prepare } from "../../automation/driver/validation";
import { ConfigError, settingsSource } from "../../infra/config/problems";
import { validateConfig } from "../../infra/config/validate";
import { configWith } from "../support/program";
import { allStrings, CONSUMER, grantLines, OWNER, planDev, policyStatements, resourceNamed } from "./support";
import { failure, thrown } from "../support/errors";

const FROM_STACK_SECRET = "<arn of secret rds/dev/app_user (from stack dev-owner)>";
const FROM_STACK_KEY = "<arn of KMS key alias/rds/dev/app_user (from stack dev-owner)>";

/** The message a deploy of `stack` reports for `config`: validateConfig's, as the program runs it. */
function deployError(config: Record<string, unknown>, stack = "dev"): string {
  const err = thrown(() =>
    validateConfig(toRuntimeConfig(config), { project: PROJECT_NAME, stack, isSecret: () => false }),
  );
  expect(err).to.be.instanceOf(ConfigError);
  return err.message;
}

/** The same message under the line naming the settings file and the stack, as the driver prints it. */
function fileError(file: string, stack: string, config: Record<string, unknown>): string {
  return `${settingsSource(file, stack)}\n${deployError(config, stack)}`;
}

describe("plan: parts", () => {
  describe("GIVEN --part owner (stack dev-owner), as the driver deploys it", () => {
    let p: Plan;
    before(async () => {
      p = await planDev({ part: "owner" });
    });

    it("plans the owner account only, as the driver's owner stack", () => {
      expect([p.stack, p.part]).to.deep.equal(["dev-owner", "owner"]);
      expect(p.accounts.map((a) => [a.role, a.accountId])).to.deep.equal([["owner", OWNER]]);
      expect(p.accounts[0].resources.filter((r) => r.consumer !== undefined)).to.deep.equal([]);
      expect(Object.keys(p.outputs)).not.to.include("consumers");
    });

    it("generates no password: the driver keeps one in dev-owner's config before the first deploy", () => {
      const names = p.accounts[0].resources.map((r) => r.name);
      expect(names).not.to.include("share-owner-password");
      expect(resourceNamed(p, "share-owner-secret-initial").properties.secretString).to.have.property(
        "password",
        MASKED_PASSWORD,
      );
      expect(p.driverConfig).to.deep.equal([
        {
          key: "rds-secret-share:dbPassword",
          value: MASKED_PASSWORD,
          from: "the password the driver keeps in dev-owner's config, generated before its first deploy",
        },
      ]);
      expect(allStrings(planJson(p))).not.to.include(offlinePassword("rds-secret-share:dbPassword"));
    });

    it("still names the consumer's role in the owner's policies; the consumer's own allow is not here", () => {
      expect(grantLines(p).filter((l) => l.includes("app-task-execution"))).to.deep.equal([
        "iam role app-task-execution (existing, account 222222222222) → secretsmanager Secret rds/dev/app_user: secretsmanager:GetSecretValue [secret policy]",
        "iam role app-task-execution (existing, account 222222222222) → kms Key share-owner-kms-key: kms:Decrypt via Secrets Manager [key policy]",
      ]);
    });
  });

  describe("GIVEN --part consumer (stack dev-consumer), as the driver deploys it", () => {
    let p: Plan;
    before(async () => {
      p = await planDev({ part: "consumer" });
    });

    it("plans the consumer account only, with dev-owner's outputs in its config, so no stack is read", () => {
      expect([p.stack, p.part]).to.deep.equal(["dev-consumer", "consumer"]);
      expect(p.accounts.map((a) => [a.role, a.accountId, a.consumers])).to.deep.equal([
        ["consumer", CONSUMER, ["app"]],
      ]);
      expect(p.accounts[0].resources.filter((r) => r.name.startsWith("share-owner"))).to.deep.equal([]);
      expect(p.stackReferences).to.deep.equal([]);
      expect(p.driverConfig).to.deep.equal([
        {
          key: "rds-secret-share:secretArn",
          value: FROM_STACK_SECRET,
          from: "the output secretArn of dev-owner, filled in by the driver after dev-owner deploys",
        },
        {
          key: "rds-secret-share:kmsKeyArn",
          value: FROM_STACK_KEY,
          from: "the output kmsKeyArn of dev-owner, filled in by the driver after dev-owner deploys",
        },
      ]);
    });

    it("grants the execution role exactly the owner's secret and key, drawn in the owner's account", () => {
      expect(policyStatements(p, "share-consumer-app-read-secret")).to.deep.equal([
        {
          Sid: "ReadSharedSecret",
          Effect: "Allow",
          Action: "secretsmanager:GetSecretValue",
          Resource: FROM_STACK_SECRET,
        },
        {
          Sid: "DecryptSharedSecretViaSecretsManager",
          Effect: "Allow",
          Action: "kms:Decrypt",
          Resource: FROM_STACK_KEY,
          Condition: {
            StringEquals: {
              "kms:ViaService": "secretsmanager.ap-northeast-1.amazonaws.com",
              "kms:EncryptionContext:SecretARN": FROM_STACK_SECRET,
            },
          },
        },
      ]);
      expect(grantLines(p).slice(0, 2)).to.deep.equal([
        `iam role app-task-execution (existing, account 222222222222) → secret rds/dev/app_user (from stack dev-owner): secretsmanager:GetSecretValue [identity policy]`,
        `iam role app-task-execution (existing, account 222222222222) → KMS key alias/rds/dev/app_user (from stack dev-owner): kms:Decrypt via Secrets Manager [identity policy]`,
      ]);
      const secretNode = p.graph.nodes.find((n) => n.identifier === FROM_STACK_SECRET);
      expect([secretNode?.kind, secretNode?.account]).to.deep.equal(["existing", OWNER]);
    });

    it("injects the password and username from the owner's secret", () => {
      const task = resourceNamed(p, "share-consumer-app-task");
      const [container] = task.properties.containerDefinitions as { secrets: unknown[] }[];
      expect(container.secrets).to.deep.equal([
        { name: "SPRING_DATASOURCE_PASSWORD", valueFrom: `${FROM_STACK_SECRET}:password::` },
        { name: "SPRING_DATASOURCE_USERNAME", valueFrom: `${FROM_STACK_SECRET}:username::` },
      ]);
    });

    it("says in its header that the driver fills in the owner's ARNs", () => {
      const lines = renderPlan(p, "text").split("\n");
      expect(lines.slice(0, 5)).to.deep.equal([
        "Plan of environment dev: stack dev-consumer, part consumer",
        "Offline: nothing is deployed and no credentials are used. Values in <…> are known only after deployment.",
        "As the driver deploys it, with besides Pulumi.dev.yaml:",
        `  rds-secret-share:secretArn: ${FROM_STACK_SECRET} — the output secretArn of dev-owner, filled in by the driver after dev-owner deploys`,
        `  rds-secret-share:kmsKeyArn: ${FROM_STACK_KEY} — the output kmsKeyArn of dev-owner, filled in by the driver after dev-owner deploys`,
      ]);
    });

    it("shows no realistic-looking ARN for the owner's secret or key, in any format", () => {
      for (const format of ["text", "json", "mermaid"] as const) {
        const out = renderPlan(p, format);
        expect(out.match(/arn:aws:(secretsmanager|kms):[^"\s]*/g) ?? [], format).to.deep.equal([]);
        expect(out, format).not.to.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
      }
    });
  });

  describe("GIVEN the environment itself sets part consumer (a plain `pulumi up -s dev`)", () => {
    it("WHEN it names the owner stack THEN the program reads it through a StackReference", async () => {
      const p = await planConfig(
        configWith((c) => {
          c["rds-secret-share:part"] = "consumer";
          c["rds-secret-share:ownerStack"] = "dev-owner";
        }),
        "dev",
      );
      expect([p.stack, p.part, p.driverConfig]).to.deep.equal(["dev", "consumer", []]);
      expect(p.stackReferences).to.deep.equal([
        {
          name: "share-owner-stack",
          stack: "dev-owner",
          outputs: { secretArn: FROM_STACK_SECRET, kmsKeyArn: FROM_STACK_KEY },
        },
      ]);
      const [read, decrypt] = policyStatements(p, "share-consumer-app-read-secret") as { Resource: string }[];
      expect([read.Resource, decrypt.Resource]).to.deep.equal([FROM_STACK_SECRET, FROM_STACK_KEY]);
      const secretNode = p.graph.nodes.find((n) => n.identifier === FROM_STACK_SECRET);
      expect([secretNode?.kind, secretNode?.account]).to.deep.equal(["existing", OWNER]);
    });

    it("WHEN it gives the owner's ARNs THEN those are used and no stack is read", async () => {
      const secretArn = "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user-AbCdEf";
      const kmsKeyArn = "arn:aws:kms:ap-northeast-1:111111111111:key/0b5e8a4e-1111-2222-3333-444455556666";
      const p = await planConfig(
        configWith((c) => {
          c["rds-secret-share:part"] = "consumer";
          c["rds-secret-share:secretArn"] = secretArn;
          c["rds-secret-share:kmsKeyArn"] = kmsKeyArn;
        }),
        "dev",
      );
      expect(p.stackReferences).to.deep.equal([]);
      const [read, decrypt] = policyStatements(p, "share-consumer-app-read-secret") as { Resource: string }[];
      expect([read.Resource, decrypt.Resource]).to.deep.equal([secretArn, kmsKeyArn]);
    });
  });
});

describe("plan: errors, as a deploy reports them", () => {
  it("GIVEN an invalid account id THEN the ConfigError of validation, under the line naming the file and stack", async () => {
    const config = configWith((c) => (c["rds-secret-share:owner"].accountId = "1111"));
    const err = await failure(() => planConfig(config, "dev"));
    expect(err).to.be.instanceOf(ConfigError);
    expect(err.message).to.equal(fileError(environmentFile("dev"), "dev", config));
    expect(err.message.split("\n")).to.deep.equal([
      `${environmentFile("dev")}, for the stack dev:`,
      'rds-secret-share:owner.accountId: got "1111"; expected a 12-digit AWS account id written as a quoted string, e.g. "111111111111".',
    ]);
  });

  it("GIVEN several problems THEN every one, in the deploy's order", async () => {
    const config = configWith((c) => {
      c["rds-secret-share:consumers"][0].executionRoleArn = "arn:aws:iam::999999999999:role/x";
      c["rds-secret-share:rotation"].scheduleExpression = "rate(1 hours)";
    });
    const err = await failure(() => planConfig(config, "dev"));
    expect(err.message).to.equal(fileError(environmentFile("dev"), "dev", config));
    expect(err.message.split("\n")[1]).to.equal("2 configuration problems:");
  });

  it("GIVEN a plain-text dbPassword THEN refused as a deploy refuses it, the value not shown", async () => {
    const config = configWith((c) => (c["rds-secret-share:dbPassword"] = "Plain-text-Passw0rd-123"));
    const err = await failure(() => planConfig(config, "dev"));
    expect(err.message).to.equal(fileError(environmentFile("dev"), "dev", config));
    expect(err.message).not.to.include("Plain-text-Passw0rd-123");
  });

  it("GIVEN Pulumi.<env>.yaml with a bad value THEN plan <env> fails with the same message", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "plan-"));
    const config = configWith((c) => (c["rds-secret-share:database"].port = 70000));
    writeFileSync(path.join(root, "Pulumi.bad.yaml"), stringify({ config }));
    const err = await failure(() => plan("bad", { root }));
    expect(err).to.be.instanceOf(ConfigError);
    expect(err.message).to.equal(fileError(path.join(root, "Pulumi.bad.yaml"), "bad", config));
  });

  describe("GIVEN --part owner or consumer, which plan the driver's stacks", () => {
    /** Pulumi.bad.yaml in a fresh root, with `edit` applied to the dev config. */
    function environmentRoot(edit: (c: Record<string, any>) => void): string {
      const root = mkdtempSync(path.join(tmpdir(), "plan-"));
      writeFileSync(path.join(root, "Pulumi.bad.yaml"), stringify({ config: configWith(edit) }));
      return root;
    }
    const driverError = (root: string): Error => thrown(() => prepare("bad", root));

    for (const part of ["owner", "consumer"] as const) {
      it(`WHEN --part ${part} and the file holds an encrypted value THEN the driver's own refusal`, async () => {
        const root = environmentRoot((c) => (c["rds-secret-share:dbPassword"] = { secure: "v1:AAAAAAAA:BBBBBBBB" }));
        const err = await failure(() => plan("bad", { root, part }));
        expect(err).to.be.instanceOf(EnvironmentError);
        expect(err.message).to.equal(driverError(root).message);
      });
    }

    it("WHEN --part consumer and the owner's settings are wrong THEN the validation of dev-owner, first", async () => {
      const config = configWith((c) => (c["rds-secret-share:owner"].accountId = "1111"));
      const err = await failure(() => planConfig(config, "dev", { part: "consumer" }));
      expect(err).to.be.instanceOf(ConfigError);
      expect(err.message).to.equal(
        fileError(environmentFile("dev"), "dev-owner", { ...config, "rds-secret-share:part": "owner" }),
      );
    });

    for (const part of ["owner", "consumer"] as const) {
      it(`WHEN --part ${part} and a bad value THEN exactly the driver's message`, async () => {
        const root = environmentRoot((c) => (c["rds-secret-share:database"].port = 70000));
        const err = await failure(() => plan("bad", { root, part }));
        expect(err).to.be.instanceOf(ConfigError);
        expect(err.message).to.equal(driverError(root).message);
      });
    }
  });

  it("GIVEN an environment without a file THEN the environment error naming the file", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "plan-"));
    const err = await failure(() => plan("missing", { root }));
    expect(err).to.be.instanceOf(EnvironmentError);
    expect(err.message).to.equal(
      `no settings file Pulumi.missing.yaml in ${root}; environments here: none. Create it (see Pulumi.dev.yaml for a complete example) or name one of those.`,
    );
  });

  it("planCommand passes --part through", async () => {
    const { json } = await planCommand("dev", { part: "owner", format: "mermaid" });
    expect((json as { stack: string; accounts: { role: string }[] }).stack).to.equal("dev-owner");
    expect((json as { accounts: { role: string }[] }).accounts.map((a) => a.role)).to.deep.equal(["owner"]);
  });
});
