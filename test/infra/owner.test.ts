import { expect } from "chai";
import { KEY_ADMIN_ACTIONS } from "../../infra/access/grants";
import { INITIAL_VERSION_STAGE } from "../../infra/owner/secret";
import { devKeyPolicyStatements } from "../support/devKeyPolicy";
import { configWith, devRun, only, policyOf, runProgram } from "../support/program";

const SECRET_ARN = "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user-YAJGAS";
const EXEC_ROLE = "arn:aws:iam::222222222222:role/app-task-execution";

describe("owner account: ① key and ④ key policy", () => {
  it("GIVEN the dev example THEN the key is a symmetric customer-managed key with rotation, and an alias", async () => {
    const run = await devRun();
    const key = only(run, "aws:kms/key:Key");
    expect(key.inputs).to.deep.include({
      keyUsage: "ENCRYPT_DECRYPT",
      customerMasterKeySpec: "SYMMETRIC_DEFAULT",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      description: "Encrypts the Secrets Manager secret rds/dev/app_user shared by rds-secret-share",
    });
    // The policy is set by aws.kms.KeyPolicy once the secret exists, never on the key itself.
    expect(key.inputs.policy).to.equal(undefined);
    const alias = only(run, "aws:kms/alias:Alias");
    expect(alias.inputs.name).to.equal("alias/rds/dev/app_user");
    expect(alias.inputs.targetKeyId).to.equal("4ff3a99c-52ba-e682-11c6-2840d00343d2");
  });

  it("GIVEN the dev example THEN the key policy is root, administrators, and decrypt via Secrets Manager for the execution role", async () => {
    const run = await devRun();
    const keyPolicy = only(run, "aws:kms/keyPolicy:KeyPolicy");
    expect(keyPolicy.inputs.keyId).to.equal("4ff3a99c-52ba-e682-11c6-2840d00343d2");
    expect(policyOf(keyPolicy)).to.deep.equal({
      Version: "2012-10-17",
      Statement: devKeyPolicyStatements(SECRET_ARN),
    });
  });

  it("administrators manage the key but can never use it or hand out grants", () => {
    const uses = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:CreateGrant"];
    expect(KEY_ADMIN_ACTIONS.filter((a) => uses.includes(a) || a.includes("*"))).to.deep.equal([]);
  });
});

describe("owner account: ② secret, initial version and secret policy", () => {
  it("GIVEN the dev example THEN the secret is encrypted with the shared key and has a recovery window", async () => {
    const run = await devRun();
    expect(only(run, "aws:secretsmanager/secret:Secret").inputs).to.deep.include({
      name: "rds/dev/app_user",
      kmsKeyId: "arn:aws:kms:ap-northeast-1:111111111111:key/4ff3a99c-52ba-e682-11c6-2840d00343d2",
      recoveryWindowInDays: 30,
      description:
        "RDS credentials of app_user@app-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com/app, shared by rds-secret-share",
    });
  });

  it("the secret keeps the name it was created with: a rename would replace it and restore the initial password", async () => {
    const run = await devRun();
    expect(only(run, "aws:secretsmanager/secret:Secret").ignoreChanges).to.deep.equal(["name"]);
  });

  it("GIVEN a configured dbPassword THEN the initial version holds the RDS credentials JSON with it, as a secret", async () => {
    const password = "Configured-Password-1234567890!";
    const run = await runProgram(
      configWith((c) => (c["rds-secret-share:dbPassword"] = password)),
      { secretKeys: ["rds-secret-share:dbPassword"] },
    );
    const version = only(run, "aws:secretsmanager/secretVersion:SecretVersion");
    expect(JSON.parse(version.inputs.secretString as string)).to.deep.equal({
      username: "app_user",
      password,
      engine: "postgres",
      host: "app-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com",
      port: 5432,
      dbname: "app",
      dbInstanceIdentifier: "app-db",
    });
    expect(version.secretInputs).to.deep.equal(["secretString"]);
    expect(version.inputs.secretId).to.equal(SECRET_ARN);
    expect(run.registrations.filter((r) => r.type === "random:index/randomPassword:RandomPassword")).to.have.length(0);
  });

  it("GIVEN no dbPassword THEN a RandomPassword without forbidden characters is generated and used", async () => {
    const run = await devRun();
    const random = only(run, "random:index/randomPassword:RandomPassword");
    expect(random.inputs).to.deep.include({ length: 40, special: true, overrideSpecial: "!#$%&()*+,-.;<=>?[]^_{|}~" });
    expect(random.additionalSecretOutputs).to.include("result");
    for (const c of "/@\" :'\\`") {
      expect(random.inputs.overrideSpecial).not.to.include(c);
    }
    const version = only(run, "aws:secretsmanager/secretVersion:SecretVersion");
    expect(JSON.parse(version.inputs.secretString as string).password).to.match(/^Offline-[0-9a-f]{24}-Pw9!$/);
  });

  it("the initial version is written once: rotation owns its value and labels from then on", async () => {
    const run = await devRun();
    const version = only(run, "aws:secretsmanager/secretVersion:SecretVersion");
    expect(version.ignoreChanges).to.deep.equal(["secretString", "versionStages"]);
    expect(version.inputs.versionStages).to.deep.equal(["AWSCURRENT", INITIAL_VERSION_STAGE]);
    expect(version.additionalSecretOutputs).to.include("secretString");
  });

  it("GIVEN the dev example THEN the secret policy grants GetSecretValue to the execution role only, and blocks public policies", async () => {
    const run = await devRun();
    const policy = only(run, "aws:secretsmanager/secretPolicy:SecretPolicy");
    expect(policy.inputs.secretArn).to.equal(SECRET_ARN);
    expect(policy.inputs.blockPublicPolicy).to.equal(true);
    expect(policyOf(policy)).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ReadApp",
          Effect: "Allow",
          Principal: { AWS: EXEC_ROLE },
          Action: "secretsmanager:GetSecretValue",
          Resource: "*",
        },
      ],
    });
  });

  it("GIVEN protect: true THEN the key and the secret are protected and retained on delete, nothing else", async () => {
    const run = await runProgram(configWith((c) => (c["rds-secret-share:protect"] = true)));
    const kept = run.registrations.filter((r) => r.protect).map((r) => r.type);
    expect(kept).to.deep.equal(["aws:kms/key:Key", "aws:secretsmanager/secret:Secret"]);
    expect(run.registrations.filter((r) => r.retainOnDelete).map((r) => r.type)).to.deep.equal(kept);
  });

  it("GIVEN protect unset THEN nothing is protected", async () => {
    const run = await devRun();
    expect(run.registrations.filter((r) => r.protect || r.retainOnDelete)).to.deep.equal([]);
  });
});
