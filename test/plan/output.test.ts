import { expect } from "chai";
import { planCommand, planConfig, planJson, Plan, renderPlan } from "../../automation/plan";
import { MASKED_PASSWORD } from "../../automation/plan/registrationInputs";
import { exampleValues, offlinePassword, resourceState } from "../../automation/offline/values";
import { planRun } from "../../automation/plan/plan";
import { configWith, devConfig } from "../support/program";
import { allStrings, CONSUMER, OWNER, planDev, SECRET } from "./support";

const FORMATS = ["text", "json", "mermaid"] as const;

describe("plan: output", () => {
  let p: Plan;
  before(async () => {
    p = await planDev();
  });

  describe("--json", () => {
    it("prints the plan as data: accounts, stack references, outputs, the steps and the graph", () => {
      const json = JSON.parse(renderPlan(p, "json")) as Record<string, any>;
      expect(Object.keys(json)).to.deep.equal([
        "env",
        "stack",
        "part",
        "placeholders",
        "steps",
        "accounts",
        "stackReferences",
        "driverConfig",
        "outputs",
        "graph",
        "warnings",
      ]);
      expect(json).to.deep.equal(JSON.parse(JSON.stringify(planJson(p))));
      expect(json.steps.map((s: { id: string }) => s.id)).to.deep.equal([
        "①",
        "②",
        "③",
        "④",
        "⑤",
        "⑥",
        "⑦",
        "cross-account",
        "restart",
      ]);
      expect(json.accounts.map((a: Record<string, unknown>) => Object.keys(a))).to.deep.equal([
        ["role", "accountId", "region", "provider", "assumeRoleArn", "consumers", "resources", "dataSources"],
        ["role", "accountId", "region", "provider", "assumeRoleArn", "consumers", "resources", "dataSources"],
      ]);
      const policy = json.accounts[0].resources.find((r: { name: string }) => r.name === "share-owner-secret-policy");
      expect(policy).to.deep.equal({
        type: "aws:secretsmanager/secretPolicy:SecretPolicy",
        name: "share-owner-secret-policy",
        step: "②",
        role: "the secret policy: GetSecretValue for each execution role",
        properties: { blockPublicPolicy: true, secretArn: SECRET },
        policies: [
          {
            input: "policy",
            document: {
              Version: "2012-10-17",
              Statement: [
                {
                  Sid: "ReadApp",
                  Effect: "Allow",
                  Principal: { AWS: "arn:aws:iam::222222222222:role/app-task-execution" },
                  Action: "secretsmanager:GetSecretValue",
                  Resource: "*",
                },
              ],
            },
          },
        ],
        secretInputs: [],
        options: {
          protect: false,
          retainOnDelete: false,
          ignoreChanges: [],
          additionalSecretOutputs: [],
          dependsOn: ["share-owner-secret-secret", "share-owner-kms-key"],
        },
      });
      expect(Object.keys(json.graph)).to.deep.equal(["nodes", "edges"]);
      expect(json.graph.edges.find((e: { kind: string }) => e.kind === "grant")).to.deep.equal({
        from: "e_222222222222_iam_role_app_task_execution",
        to: "r_share_owner_secret_secret",
        kind: "grant",
        label: "secretsmanager:GetSecretValue",
        actions: ["secretsmanager:GetSecretValue"],
        grantedBy: [
          { resource: "share-owner-secret-policy", input: "policy", policy: "secret policy", sid: "ReadApp" },
          {
            resource: "share-consumer-app-read-secret",
            input: "policy",
            policy: "identity policy",
            sid: "ReadSharedSecret",
          },
        ],
      });
    });

    it("planCommand: --json and --format json give the same JSON text; json is the same plan as data", async () => {
      const byJson = await planCommand("dev", { json: true });
      const byFormat = await planCommand("dev", { format: "json" });
      expect(byJson.text).to.equal(byFormat.text);
      expect(JSON.parse(byJson.text)).to.deep.equal(JSON.parse(JSON.stringify(byJson.json)));
      expect(byJson.text).to.equal(renderPlan(p, "json"));
    });
  });

  describe("text", () => {
    it("heads each account and marks each resource with its step, owner first", () => {
      const text = renderPlan(p, "text");
      const headings = text.split("\n").filter((l) => l.startsWith("══"));
      expect(headings.map((h) => h.replace(/ ═+$/, ""))).to.deep.equal([
        `══ Owner account ${OWNER} · ap-northeast-1`,
        `══ Consumer account (app) ${CONSUMER} · ap-northeast-1`,
        "══ Grants, as the policies above state them",
        "══ Stack outputs",
      ]);
      const marks = text.split("\n").filter((l) => /^\S+ (aws|random):/.test(l));
      expect(marks.slice(0, 3)).to.deep.equal([
        "① aws:kms/key:Key  share-owner-kms-key",
        "① aws:kms/alias:Alias  share-owner-kms-alias",
        "② aws:secretsmanager/secret:Secret  share-owner-secret-secret",
      ]);
      expect(marks).to.include("⑥ aws:iam/rolePolicy:RolePolicy  share-owner-rotation-key-use");
      expect(marks).to.include("+ aws:iam/rolePolicy:RolePolicy  share-consumer-app-read-secret  (consumer app)");
      expect(marks).to.include("⑦ aws:ecs/taskDefinition:TaskDefinition  share-consumer-app-task  (consumer app)");
      expect(marks.filter((l) => l.startsWith("?"))).to.deep.equal([]);
    });

    it("pretty-prints each policy under its input", () => {
      const text = renderPlan(p, "text");
      const start = text.indexOf("② aws:secretsmanager/secretPolicy:SecretPolicy");
      const block = text.slice(start, text.indexOf("\n\n", start));
      expect(block).to.equal(
        [
          "② aws:secretsmanager/secretPolicy:SecretPolicy  share-owner-secret-policy",
          "    the secret policy: GetSecretValue for each execution role",
          "    blockPublicPolicy: true",
          `    secretArn: ${SECRET}`,
          "    policy:",
          "      {",
          '        "Version": "2012-10-17",',
          '        "Statement": [',
          "          {",
          '            "Sid": "ReadApp",',
          '            "Effect": "Allow",',
          '            "Principal": {',
          '              "AWS": "arn:aws:iam::222222222222:role/app-task-execution"',
          "            },",
          '            "Action": "secretsmanager:GetSecretValue",',
          '            "Resource": "*"',
          "          }",
          "        ]",
          "      }",
          "    options: dependsOn [share-owner-secret-secret, share-owner-kms-key]",
        ].join("\n"),
      );
    });
  });

  describe("secrets and placeholders, in every format", () => {
    it("never shows the generated password", async () => {
      const password = offlinePassword("share-owner-password");
      // The offline runtime did generate it, so its absence below means it was masked.
      const { run } = await planRun({ name: "dev", file: "Pulumi.dev.yaml", config: devConfig(), otherConfig: {} });
      expect(run.registrations.find((r) => r.name === "share-owner-password")?.state.result).to.equal(password);
      for (const format of FORMATS) {
        const out = renderPlan(p, format);
        expect(out, format).not.to.include(password);
        expect(out, format).not.to.include(password.slice(8, 32));
      }
      expect(renderPlan(p, "text")).to.include(`"password": "${MASKED_PASSWORD}"`);
    });

    it("GIVEN an encrypted dbPassword THEN the configured password is used (no RandomPassword) and never shown", async () => {
      const q = await planConfig(
        configWith((c) => (c["rds-secret-share:dbPassword"] = { secure: "v1:AAAAAAAA:BBBBBBBB" })),
        "dev",
      );
      const names = q.accounts.flatMap((a) => a.resources.map((r) => r.name));
      expect(names).not.to.include("share-owner-password");
      const standIn = offlinePassword("rds-secret-share:dbPassword");
      for (const format of FORMATS) {
        const out = renderPlan(q, format);
        expect(out, format).not.to.include(standIn);
        expect(out, format).not.to.include("v1:AAAAAAAA:BBBBBBBB");
      }
      expect(
        q.accounts[0].resources.find((r) => r.name === "share-owner-secret-initial")?.properties.secretString,
      ).to.have.property("password", MASKED_PASSWORD);
    });

    it("shows no realistic-looking ARN or id for a value AWS assigns: no key id, no secret suffix", () => {
      const keyArn = resourceState(
        "aws:kms/key:Key",
        "share-owner-kms-key",
        {},
        { account: OWNER, region: "ap-northeast-1" },
        exampleValues,
      );
      const strings = allStrings(planJson(p));
      expect(strings.filter((s) => /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/.test(s))).to.deep.equal([]);
      expect(strings.filter((s) => /:secret:rds\/dev\/app_user-/.test(s))).to.deep.equal([]);
      expect(strings).not.to.include(keyArn.arn);
      for (const format of FORMATS) {
        expect(renderPlan(p, format), format).not.to.include(String(keyArn.keyId));
      }
    });
  });
});
