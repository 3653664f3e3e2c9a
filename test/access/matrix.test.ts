import { runSimulation } from "@cloud-copilot/iam-simulate";
import { expect } from "chai";
import { configWith, devRun, runProgram } from "../support/program";
import { evaluate, SharePolicies, sharePolicies } from "../support/simulate";
import { accessMatrix, Cell, evaluateMatrix, formatMatrix, otherSecretArn, Row } from "./matrix";
import { PATH_ROLE_ARN, SCENARIOS } from "./scenarios";
import { slug, writeReport } from "../support/reports";

/** One line per cell, so a failure shows exactly which requests differ. */
function lines(rows: readonly Row[], pick: (r: Row) => string): string[] {
  return rows.map(
    (r) => `${r.request.caller.label} | ${r.request.action} | ${r.resourceLabel} | ${r.contextLabel} => ${pick(r)}`,
  );
}

function cellFor(cells: readonly Cell[], label: string, action: string, contextLabel: string): Cell {
  const found = cells.filter(
    (c) =>
      c.request.caller.label === label &&
      c.request.action === action &&
      c.contextLabel === contextLabel &&
      c.resourceLabel !== "another secret (trusts the account)",
  );
  expect(found, `${label} ${action} ${contextLabel}`).to.have.length(1);
  return found[0];
}

describe("access matrix, by policy simulation of the registered policies", () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.title}: each request gets exactly the expected decision`, async () => {
      // GIVEN the policies the program registers
      const policies = await scenario.policies();
      // WHEN every request of the matrix is simulated
      const rows = await evaluateMatrix(accessMatrix(policies));
      const title = `Access matrix: ${scenario.title}`;
      writeReport(slug(title), formatMatrix(title, rows));
      // THEN each decision is the expected one
      expect(lines(rows, (r) => r.simulated)).to.deep.equal(lines(rows, (r) => r.expected));
      const allowed = rows.filter((r) => r.expected === "Allowed").length;
      expect(allowed, "allowed cells").to.be.greaterThan(0);
      expect(rows.length - allowed, "denied cells").to.be.greaterThan(allowed);
    });
  }

  describe("the simulation itself", () => {
    let dev: SharePolicies;
    before(async () => {
      dev = sharePolicies(await devRun());
    });

    it("collects each policy from the registrations: one identity policy per role, the rotation role's inline policy", () => {
      expect(dev.executionRoles.map((r) => [r.principal, r.identityPolicies.map((p) => p.name)])).to.deep.equal([
        ["arn:aws:sts::222222222222:assumed-role/app-task-execution/ecs-task", ["share-consumer-app-read-secret"]],
      ]);
      expect(dev.rotationRole?.principal).to.equal(
        "arn:aws:sts::111111111111:assumed-role/rds-dev-app_user-rotation-SecretsManagerRotationRole/rotation-lambda",
      );
      expect(dev.rotationRole?.identityPolicies.map((p) => p.name)).to.deep.equal(["share-owner-rotation-key-use"]);
      expect(dev.keyPolicy.Statement.map((s) => s.Sid)).to.deep.equal([
        "EnableOwnerAccountIamPolicies",
        "KeyAdministrators",
        "DecryptAppViaSecretsManager",
      ]);
      expect(dev.secretPolicy.Statement.map((s) => s.Sid)).to.deep.equal(["ReadApp"]);
    });

    it("evaluates kms:EncryptionContext:SecretARN, which runSimulation alone silently drops", async () => {
      const cells = accessMatrix(dev);
      const decrypt = cellFor(cells, "app: execution role", "kms:Decrypt", "via SM ap-northeast-1, this secret");
      const otherSecret = cellFor(cells, "app: execution role", "kms:Decrypt", "via SM, another secret");
      expect(otherSecret.request.context["kms:EncryptionContext:SecretARN"]).to.equal(otherSecretArn(dev));

      // The validating entry point drops the key, so the very request the share exists for is denied.
      const validated = await runSimulation(
        {
          request: {
            principal: decrypt.request.caller.principal,
            action: "kms:Decrypt",
            resource: { resource: decrypt.request.resource, accountId: decrypt.request.resourceAccount },
            contextVariables: { ...decrypt.request.context },
          },
          identityPolicies: [...decrypt.request.caller.identityPolicies],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          resourcePolicy: decrypt.request.resourcePolicy,
        },
        {},
      );
      if (validated.resultType !== "single") {
        throw new Error(`expected a single result, got ${validated.resultType}`);
      }
      expect(validated.result.ignoredContextKeys).to.deep.equal(["kms:EncryptionContext:SecretARN"]);
      expect(validated.overallResult).to.equal("ImplicitlyDenied");

      // `evaluate` keeps it: this secret's ARN decrypts, another secret's ARN or none does not.
      expect(await evaluate(decrypt.request)).to.deep.equal({
        decision: "Allowed",
        droppedByValidation: ["kms:EncryptionContext:SecretARN"],
      });
      expect((await evaluate(otherSecret.request)).decision).to.equal("ImplicitlyDenied");
      const withoutContext = Object.fromEntries(
        Object.entries(decrypt.request.context).filter(([k]) => k !== "kms:EncryptionContext:SecretARN"),
      );
      expect((await evaluate({ ...decrypt.request, context: withoutContext })).decision).to.equal("ImplicitlyDenied");
    });

    it("needs both sides across accounts: without the identity policy, or without the resource policy, the read is denied", async () => {
      const cells = accessMatrix(dev);
      const read = cellFor(cells, "app: execution role", "secretsmanager:GetSecretValue", "-");
      const decrypt = cellFor(cells, "app: execution role", "kms:Decrypt", "via SM ap-northeast-1, this secret");
      const reader = { AWS: "arn:aws:iam::222222222222:role/app-task-execution" };
      for (const cell of [read, decrypt]) {
        expect((await evaluate(cell.request)).decision).to.equal("Allowed");
        const noIdentity = { ...cell.request, caller: { ...cell.request.caller, identityPolicies: [] } };
        expect((await evaluate(noIdentity)).decision, `${cell.request.action} without identity policy`).to.equal(
          "ImplicitlyDenied",
        );
        const resourcePolicy = cell.request.resourcePolicy;
        const withoutReader = {
          ...cell.request,
          resourcePolicy: resourcePolicy && {
            ...resourcePolicy,
            Statement: resourcePolicy.Statement.filter((s) => JSON.stringify(s.Principal) !== JSON.stringify(reader)),
          },
        };
        expect((await evaluate(withoutReader)).decision, `${cell.request.action} without the resource grant`).to.equal(
          "ImplicitlyDenied",
        );
      }
    });

    it("matches the role behind an ECS session by name when the role has a path", async () => {
      const withPath = sharePolicies(
        await runProgram(configWith((c) => (c["rds-secret-share:consumers"][0].executionRoleArn = PATH_ROLE_ARN))),
      );
      expect(withPath.secretPolicy.Statement[0].Principal).to.deep.equal({ AWS: PATH_ROLE_ARN });
      const read = cellFor(accessMatrix(withPath), "app: execution role", "secretsmanager:GetSecretValue", "-");
      expect(read.request.caller.principal).to.equal(
        "arn:aws:sts::222222222222:assumed-role/app-task-execution/ecs-task",
      );
      expect((await evaluate(read.request)).decision).to.equal("Allowed");
    });
  });
});
