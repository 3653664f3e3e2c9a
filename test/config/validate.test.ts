// validateConfig called directly, without mocks or the Pulumi runtime.

import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { toRuntimeConfig } from "../../automation/environment";
import { ConfigError, describeValue } from "../../infra/config/problems";
import { ConfigContext, envOf, validateConfig } from "../../infra/config/validate";
import { configWith, devConfig } from "../support/program";
import { K } from "./corpus";
import { setAt } from "./edit";
import { thrown } from "../support/errors";

const DEV: ConfigContext = { project: "rds-secret-share", stack: "dev" };

function rejection(config: Record<string, unknown>, ctx: ConfigContext = DEV): ConfigError {
  const err = thrown(() => validateConfig(toRuntimeConfig(config), ctx));
  expect(err).to.be.instanceOf(ConfigError);
  return err as ConfigError;
}

const edited = (...edits: [string, unknown][]): Record<string, unknown> =>
  configWith((c) => edits.forEach(([path, value]) => setAt(c, path, value)));

describe("validateConfig", () => {
  describe("GIVEN the dev example", () => {
    it("THEN it yields the settings, with every default applied", () => {
      const s = validateConfig(toRuntimeConfig(devConfig()), DEV);
      expect([s.project, s.stack, s.env, s.part, s.protect, s.hasDbPassword]).to.deep.equal([
        "rds-secret-share",
        "dev",
        "dev",
        "all",
        false,
        false,
      ]);
      expect(s.owner).to.deep.equal({
        accountId: "111111111111",
        region: "ap-northeast-1",
        assumeRoleArn: "arn:aws:iam::111111111111:role/deployer",
        profile: undefined,
        keyAdminArns: [
          "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_perm-app_0123456789abcdef",
        ],
      });
      expect(s.secret).to.deep.equal({
        name: "rds/dev/app_user",
        description:
          "RDS credentials of app_user@app-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com/app, shared by rds-secret-share",
        kmsAliasName: "alias/rds/dev/app_user",
        recoveryWindowInDays: 30,
        kmsDeletionWindowInDays: 30,
      });
      expect(s.rotation).to.deep.equal({
        scheduleExpression: "cron(0 16 ? * SUN *)",
        strategy: "single-user",
        subnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
        securityGroupIds: ["sg-0123456789abcdef0"],
        duration: undefined,
        functionName: "rds-dev-app_user-rotation",
      });
      expect(s.consumers[0].executionRoleName).to.equal("app-task-execution");
      expect(s.consumers[0].taskDefinition).to.deep.equal({
        family: "app",
        image: "222222222222.dkr.ecr.ap-northeast-1.amazonaws.com/app:1.0.0",
        cpu: 512,
        memory: 1024,
        containerName: "app",
        containerPort: 8080,
        passwordEnvName: "SPRING_DATASOURCE_PASSWORD",
        usernameEnvName: "SPRING_DATASOURCE_USERNAME",
        urlEnvName: "SPRING_DATASOURCE_URL",
        environment: {},
        taskRoleArn: undefined,
        logGroupName: "/ecs/dev/app",
        logRetentionInDays: 30,
      });
      expect(s.ownerReference).to.equal(undefined);
    });

    it("WHEN given as parsed YAML instead of the runtime's JSON text THEN the settings are the same", () => {
      expect(validateConfig(devConfig(), DEV)).to.deep.equal(validateConfig(toRuntimeConfig(devConfig()), DEV));
    });

    it("WHEN the stack is dev-owner THEN the environment, and the names derived from it, are dev", () => {
      const s = validateConfig(toRuntimeConfig(edited(["part", "owner"])), { ...DEV, stack: "dev-owner" });
      expect([envOf("dev-owner"), envOf("dev-consumer"), envOf("dev")]).to.deep.equal(["dev", "dev", "dev"]);
      expect([s.env, s.secret.name, s.consumers[0].taskDefinition.logGroupName]).to.deep.equal([
        "dev",
        "rds/dev/app_user",
        "/ecs/dev/app",
      ]);
    });

    it("WHEN the engine is mysql without a port THEN the port is 3306", () => {
      const s = validateConfig(
        toRuntimeConfig(edited(["database.engine", "mysql"], ["database.port", undefined])),
        DEV,
      );
      expect(s.database.port).to.equal(3306);
    });

    it("WHEN dbname is postgres, PostgreSQL's default database, or another engine's system database THEN it is accepted", () => {
      const postgres = validateConfig(toRuntimeConfig(edited(["database.dbname", "postgres"])), DEV);
      expect(postgres.database.dbname).to.equal("postgres");
      const mysql = validateConfig(
        toRuntimeConfig(edited(["database.engine", "mysql"], ["database.dbname", "template1"])),
        DEV,
      );
      expect(mysql.database.dbname).to.equal("template1");
      const pg = validateConfig(toRuntimeConfig(edited(["database.dbname", "sys"])), DEV);
      expect(pg.database.dbname).to.equal("sys");
    });

    it("WHEN protect arrives as the text the CLI stores THEN it is a boolean", () => {
      expect(validateConfig({ ...toRuntimeConfig(devConfig()), [K("protect")]: "true" }, DEV).protect).to.equal(true);
    });

    it("WHEN keys of other namespaces are present THEN they are left alone", () => {
      const s = validateConfig({ ...toRuntimeConfig(devConfig()), "aws:region": "us-east-1", "myapp:x": "1" }, DEV);
      expect(s.owner.region).to.equal("ap-northeast-1");
    });
  });

  describe("GIVEN part consumer", () => {
    const consumer = (...edits: [string, unknown][]): Record<string, unknown> => edited(["part", "consumer"], ...edits);

    it("WHEN secretArn and kmsKeyArn are set THEN they are the owner reference", () => {
      const secretArn = "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user-AbCdEf";
      const kmsKeyArn = "arn:aws:kms:ap-northeast-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
      const s = validateConfig(toRuntimeConfig(consumer(["secretArn", secretArn], ["kmsKeyArn", kmsKeyArn])), DEV);
      expect(s.ownerReference).to.deep.equal({ kind: "config", secretArn, kmsKeyArn });
    });

    it("WHEN the stack is dev-consumer and nothing else is set THEN the owner stack is dev-owner", () => {
      const s = validateConfig(toRuntimeConfig(consumer()), { ...DEV, stack: "dev-consumer" });
      expect(s.ownerReference).to.deep.equal({ kind: "stack", stackName: "dev-owner" });
    });

    it("WHEN ownerStack names a fully qualified stack THEN that is the owner reference", () => {
      const s = validateConfig(toRuntimeConfig(consumer(["ownerStack", "acme/rds-secret-share/dev-owner"])), DEV);
      expect(s.ownerReference).to.deep.equal({ kind: "stack", stackName: "acme/rds-secret-share/dev-owner" });
    });
  });

  describe("GIVEN several bad values", () => {
    it("THEN one ConfigError lists them all, in config order, each with key, value and what is allowed", () => {
      const err = rejection(
        edited(["part", "both"], ["owner.region", "tokyo"], ["consumers[0].taskDefinition.cpu", 300]),
      );
      expect(err.problems.map((p) => p.key)).to.deep.equal([
        K("part"),
        K("owner.region"),
        K("consumers[0].taskDefinition.cpu"),
      ]);
      expect(err.message).to.equal(
        [
          "3 configuration problems:",
          '  - rds-secret-share:part: got "both"; expected one of "all", "owner", "consumer".',
          '  - rds-secret-share:owner.region: got "tokyo"; expected an AWS region of the commercial partition, e.g. "ap-northeast-1".',
          "  - rds-secret-share:consumers[0].taskDefinition.cpu: got 300; expected one of 256, 512, 1024, 2048, 4096, 8192, 16384.",
        ].join("\n"),
      );
    });

    it("THEN the error is a RunError, which `pulumi up` prints without a stack trace", () => {
      expect(pulumi.RunError.isInstance(rejection(edited(["part", "both"])))).to.equal(true);
    });

    it("THEN a long value is shown cut at 120 characters", () => {
      const long = `arn:aws:iam::111111111111:role/${"x".repeat(200)}`;
      const err = rejection(edited(["owner.assumeRoleArn", long]));
      expect(err.problems[0].received).to.equal(`${JSON.stringify(long).slice(0, 120)}…`);
      expect(describeValue(undefined)).to.equal("nothing");
    });
  });

  describe("GIVEN a dbPassword", () => {
    const password = "Valid-Passw0rd-For#Tests";
    const secretCtx: ConfigContext = { ...DEV, isSecret: (k) => k === K("dbPassword") };

    it("WHEN it is a valid secret THEN it is accepted, and only its presence enters the settings", () => {
      const s = validateConfig(toRuntimeConfig(edited(["dbPassword", password])), secretCtx);
      expect(s.hasDbPassword).to.equal(true);
      expect(JSON.stringify(s)).not.to.include(password);
    });

    it("WHEN it is still encrypted ({secure: …}, as in a stack file) THEN it is not checked here", () => {
      const s = validateConfig(edited(["dbPassword", { secure: "v1:abc" }]), secretCtx);
      expect(s.hasDbPassword).to.equal(true);
    });

    it("WHEN it is plain text THEN it is refused, and the message does not show it", () => {
      const err = rejection(edited(["dbPassword", password]), { ...DEV, isSecret: () => false });
      expect(err.message).to.equal(
        "rds-secret-share:dbPassword: got a value in plain text (not shown); expected a secret: delete the plain-text value from the file and run `pulumi config set --secret rds-secret-share:dbPassword --stack dev`, which asks for the password and stores it encrypted (or leave dbPassword out to have one generated).",
      );
      expect(err.message).not.to.include(password);
    });

    it("WHEN it breaks the rules THEN the message names the rule, never the value", () => {
      for (const bad of ["a@b/c d:e'f\\g", "short", "x".repeat(200)]) {
        const err = rejection(edited(["dbPassword", bad]), secretCtx);
        expect(err.message).to.equal(
          "rds-secret-share:dbPassword: got a secret value (not shown); expected 8 to 128 printable ASCII characters without / \" @ space : ' \\ or backtick.",
        );
        expect(err.message).not.to.include(bad);
        expect(JSON.stringify(err.problems)).not.to.include(bad);
      }
    });
  });
});
