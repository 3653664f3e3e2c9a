// The AWS side of db-user, with aws-sdk-client-mock: which secret is read and how, and what an
// SDK error becomes. No database is needed.

import {
  GetSecretValueCommand,
  SecretsManagerClient,
  SecretsManagerServiceException,
} from "@aws-sdk/client-secrets-manager";
import { expect } from "chai";
import { parse } from "yaml";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { dbUser } from "../../automation/dbuser";
import { ownerClient } from "../../automation/dbuser/credentials";
import { readAdminCredentials, readAppCredentials } from "../../automation/dbuser/secrets";
import { PROJECT_ROOT, toRuntimeConfig } from "../../automation/environment";
import { Settings } from "../../infra/config/types";
import { validateConfig } from "../../infra/config/validate";
import { ENV, MASTER_ARN, SECRET_ARN, SECRET_NAME, writeEnvironment } from "./support";
import { failure } from "../support/errors";
import { DbUserError } from "../../automation/dbuser/errors";

const PASSWORD = "Secret-password-never-shown-1234";

const ROLE = "arn:aws:iam::111111111111:role/deployer";
const AMBIENT = "the ambient AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, an SSO login or an instance role)";
const ROLE_AMBIENT = `the role ${ROLE} (rds-secret-share:owner.assumeRoleArn), assumed as session rds-secret-share-dbutest-db-user with ${AMBIENT}`;
const PROFILE_OTHER = 'the profile "other" (rds-secret-share:owner.profile)';

/** An edit giving the owner exactly these credential settings. */
function owner(credentials: { profile?: string; assumeRoleArn?: string }) {
  return (config: Record<string, any>) => {
    delete config["rds-secret-share:owner"].assumeRoleArn;
    Object.assign(config["rds-secret-share:owner"], credentials);
  };
}

function settings(edit: (config: Record<string, any>) => void = () => undefined): Settings {
  const config = parse(readFileSync(path.join(PROJECT_ROOT, "Pulumi.dev.yaml"), "utf8")).config;
  config["rds-secret-share:secret"] = { name: SECRET_NAME };
  edit(config);
  return validateConfig(toRuntimeConfig(config), { project: "rds-secret-share", stack: "dbutest-owner" });
}

const APP = {
  username: "app_user",
  password: PASSWORD,
  engine: "postgres",
  host: "app-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com",
  port: 5432,
  dbname: "app",
  dbInstanceIdentifier: "app-db",
};

function serviceError(name: string, message: string): SecretsManagerServiceException {
  return new SecretsManagerServiceException({ name, message, $fault: "client", $metadata: {} });
}

describe("db-user: reading the secrets", () => {
  // Made in before(), not at load: the mock replaces send() of every client while it is active.
  let sm: AwsClientStub<SecretsManagerClient>;
  const client = new SecretsManagerClient({ region: "ap-northeast-1" });

  before(() => {
    sm = mockClient(SecretsManagerClient);
  });
  afterEach(() => sm.reset());
  after(() => sm.restore());

  it("GIVEN owner.profile and no role THEN the client is in the owner region with the owner profile", async () => {
    const c = ownerClient(settings(owner({ profile: "owner-dev" })));
    expect(await c.config.region()).to.equal("ap-northeast-1");
    expect(c.config.profile).to.equal("owner-dev");
    c.destroy();
  });

  it("GIVEN the shared secret THEN AWSCURRENT is read by name and its fields are returned", async () => {
    sm.on(GetSecretValueCommand).resolves({ ARN: SECRET_ARN, SecretString: JSON.stringify(APP) });

    const app = await readAppCredentials(client, settings());

    expect(sm.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).to.deep.equal([
      { SecretId: SECRET_NAME, VersionStage: "AWSCURRENT" },
    ]);
    expect(app).to.deep.equal({
      secretArn: SECRET_ARN,
      username: "app_user",
      password: PASSWORD,
      engine: "postgres",
      host: APP.host,
      port: 5432,
      dbname: "app",
    });
  });

  it("GIVEN alternating-users rotation THEN the secret may name the clone user", async () => {
    sm.on(GetSecretValueCommand).resolves({
      ARN: SECRET_ARN,
      SecretString: JSON.stringify({ ...APP, username: "app_user_clone" }),
    });
    const s = settings((cfg) => (cfg["rds-secret-share:rotation"].strategy = "alternating-users"));

    expect((await readAppCredentials(client, s)).username).to.equal("app_user_clone");
  });

  it("GIVEN a secret of another account THEN it is refused, naming both accounts and the credentials", async () => {
    const other = SECRET_ARN.replace("111111111111", "333333333333");
    sm.on(GetSecretValueCommand).resolves({ ARN: other, SecretString: JSON.stringify(APP) });

    const err = await failure(() => readAppCredentials(client, settings(owner({ profile: "other" }))));

    expect(err.message).to.equal(
      `db-user: the secret "${SECRET_NAME}" was read from account 333333333333 (${other}) with ${PROFILE_OTHER}, but rds-secret-share:owner.accountId is 111111111111. Use credentials of the owner account 111111111111: set rds-secret-share:owner.assumeRoleArn (a role to assume) or rds-secret-share:owner.profile.`,
    );
  });

  it("GIVEN bad fields in the secret THEN every problem is named, and the password is never shown", async () => {
    const bad = {
      username: "someone_else",
      password: "short",
      engine: "mysql",
      host: "bad host",
      port: "x",
      dbname: "a-b",
    };
    sm.on(GetSecretValueCommand).resolves({ ARN: SECRET_ARN, SecretString: JSON.stringify(bad) });

    const err = await failure(() => readAppCredentials(client, settings()));

    expect(err.message).to.equal(
      [
        "db-user: 6 problems in secrets:",
        `  - secret "${SECRET_NAME}".username: got "someone_else"; expected "app_user", from rds-secret-share:database.username.`,
        `  - secret "${SECRET_NAME}".password: got a secret value (not shown); expected 8 to 128 printable ASCII characters (space to ~); other characters are hashed differently by different clients.`,
        `  - secret "${SECRET_NAME}".engine: got "mysql"; expected "postgres", the value of rds-secret-share:database.engine.`,
        `  - secret "${SECRET_NAME}".host: got "bad host"; expected a DNS host name, e.g. "app-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com".`,
        `  - secret "${SECRET_NAME}".port: got "x"; expected a whole number from 1 to 65535.`,
        `  - secret "${SECRET_NAME}".dbname: got "a-b"; expected a database name of 1 to 63 letters, digits and underscores, not starting with a digit.`,
      ].join("\n"),
    );
  });

  describe("GIVEN a secret whose host or port differ from the config (anyone who may write the secret could set them)", () => {
    const configured = `${APP.host}:5432`;
    const refusal = (endpoint: string): string =>
      `db-user: the secret "${SECRET_NAME}" names the database ${endpoint}, but rds-secret-share:database.host and .port are ${configured}; ` +
      `db-user connects only to the configured database, so it did not connect. If the configuration is right, write ${APP.host} and 5432 back into the secret's host and port, ` +
      `keeping its password and other fields (aws secretsmanager get-secret-value piped through jq into put-secret-value, as "What a later deploy does not change" in docs/driver.md shows); ` +
      `if the database moved, correct rds-secret-share:database.host and .port as well.`;

    for (const [what, edit, endpoint] of [
      ["another host", { host: "db.attacker.example" }, "db.attacker.example:5432"],
      ["another port", { port: 15432 }, `${APP.host}:15432`],
    ] as const) {
      it(`WHEN it names ${what} THEN db-user refuses, naming both values and how to correct the secret`, async () => {
        sm.on(GetSecretValueCommand).resolves({ ARN: SECRET_ARN, SecretString: JSON.stringify({ ...APP, ...edit }) });

        const err = await failure(() => readAppCredentials(client, settings()));

        expect(err.name).to.equal("DbUserError");
        expect(err.message).to.equal(refusal(endpoint));
        expect(err.message).not.to.include(PASSWORD);
      });
    }

    it("WHEN only the host's case differs THEN it is the same host, and the configured one is used", async () => {
      sm.on(GetSecretValueCommand).resolves({
        ARN: SECRET_ARN,
        SecretString: JSON.stringify({ ...APP, host: APP.host.toUpperCase() }),
      });

      const app = await readAppCredentials(client, settings());

      expect([app.host, app.port]).to.deep.equal([APP.host, 5432]);
    });
  });

  it("GIVEN a secret that is not JSON THEN its text is not shown", async () => {
    sm.on(GetSecretValueCommand).resolves({ ARN: SECRET_ARN, SecretString: PASSWORD });

    const err = await failure(() => readAppCredentials(client, settings()));

    expect(err.message).to.equal(
      `db-user: the shared secret "${SECRET_NAME}" does not hold a JSON object in SecretString (an "RDS database credentials" secret does); its value is not shown.`,
    );
  });

  describe("SDK errors become messages that say which credentials were used and what to do", () => {
    const withRole = owner({ assumeRoleArn: ROLE });
    const withProfile = owner({ profile: "other" });
    const cases: [string, (config: Record<string, any>) => void, Error, string][] = [
      [
        "AccessDeniedException, role assumed",
        withRole,
        serviceError("AccessDeniedException", "User: arn:aws:sts::111111111111:assumed-role/x is not authorized"),
        `db-user: access denied reading the shared secret "${SECRET_NAME}" (account 111111111111, region ap-northeast-1) with ${ROLE_AMBIENT}. The role needs secretsmanager:GetSecretValue on the secret and kms:Decrypt on its KMS key: grant it, or set rds-secret-share:owner.assumeRoleArn to a role that has it.`,
      ],
      [
        "AccessDeniedException, a profile",
        withProfile,
        serviceError("AccessDeniedException", "User: arn:aws:iam::333333333333:user/x is not authorized"),
        `db-user: access denied reading the shared secret "${SECRET_NAME}" (account 111111111111, region ap-northeast-1) with ${PROFILE_OTHER}. They need secretsmanager:GetSecretValue on the secret and kms:Decrypt on its KMS key. Use credentials of the owner account 111111111111: set rds-secret-share:owner.assumeRoleArn (a role to assume) or rds-secret-share:owner.profile.`,
      ],
      [
        "ResourceNotFoundException, role assumed",
        withRole,
        serviceError("ResourceNotFoundException", "Secrets Manager can't find the specified secret."),
        `db-user: the shared secret "${SECRET_NAME}" was not found in region ap-northeast-1 of the account of ${ROLE_AMBIENT}. Deploy the owner stack first (npx rds-secret-share deploy dbutest) or check the name.`,
      ],
      [
        "ResourceNotFoundException, the ambient credentials",
        owner({}),
        serviceError("ResourceNotFoundException", "Secrets Manager can't find the specified secret."),
        `db-user: the shared secret "${SECRET_NAME}" was not found in region ap-northeast-1 of the account of ${AMBIENT}. Deploy the owner stack first (npx rds-secret-share deploy dbutest) or check the name. Use credentials of the owner account 111111111111: set rds-secret-share:owner.assumeRoleArn (a role to assume) or rds-secret-share:owner.profile.`,
      ],
      [
        "DecryptionFailure, role assumed",
        withRole,
        serviceError("DecryptionFailure", "Access to KMS is not allowed"),
        `db-user: the shared secret "${SECRET_NAME}" could not be decrypted (account 111111111111, region ap-northeast-1) with ${ROLE_AMBIENT}. The role needs kms:Decrypt on the secret's KMS key through Secrets Manager: grant it, or set rds-secret-share:owner.assumeRoleArn to a role that has it.`,
      ],
      [
        "CredentialsProviderError, the ambient credentials",
        owner({}),
        Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }),
        `db-user: no usable AWS credentials for the owner account 111111111111 to read the shared secret "${SECRET_NAME}" with ${AMBIENT}: CredentialsProviderError: Could not load credentials from any providers. Provide credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or aws sso login), or set rds-secret-share:owner.profile to a profile of account 111111111111.`,
      ],
      [
        "ExpiredTokenException, a profile",
        withProfile,
        serviceError("ExpiredTokenException", "The security token included in the request is expired"),
        `db-user: no usable AWS credentials for the owner account 111111111111 to read the shared secret "${SECRET_NAME}" with ${PROFILE_OTHER}: ExpiredTokenException: The security token included in the request is expired. Check that the profile "other" exists in ~/.aws/config and its credentials are current (e.g. aws sso login --profile other), or correct rds-secret-share:owner.profile.`,
      ],
      [
        "ExpiredToken, a profile",
        withProfile,
        serviceError("ExpiredToken", "The security token included in the request is expired"),
        `db-user: no usable AWS credentials for the owner account 111111111111 to read the shared secret "${SECRET_NAME}" with ${PROFILE_OTHER}: ExpiredToken: The security token included in the request is expired. Check that the profile "other" exists in ~/.aws/config and its credentials are current (e.g. aws sso login --profile other), or correct rds-secret-share:owner.profile.`,
      ],
      [
        "InternalServiceError, role assumed",
        withRole,
        serviceError("InternalServiceError", "try again"),
        `db-user: reading the shared secret "${SECRET_NAME}" (account 111111111111, region ap-northeast-1) with ${ROLE_AMBIENT} failed: InternalServiceError: try again`,
      ],
    ];
    for (const [name, edit, error, message] of cases) {
      it(`GIVEN ${name} THEN: ${message.slice(9, 60)}…`, async () => {
        sm.on(GetSecretValueCommand).rejects(error);

        const err = await failure(() => readAppCredentials(client, settings(edit)));

        expect(err.name).to.equal("DbUserError");
        expect(err.message).to.equal(message);
        // Missing or unusable credentials exit 2, as preflight and doctor do; the rest exit 1.
        expect((err as DbUserError).exitCode).to.equal(message.includes("no usable AWS credentials") ? 2 : 1);
      });
    }
  });

  describe("the administrator's credentials", () => {
    it("GIVEN database.masterSecretArn THEN its AWSCURRENT username and password are read by ARN", async () => {
      sm.on(GetSecretValueCommand, { SecretId: MASTER_ARN }).resolves({
        ARN: MASTER_ARN,
        SecretString: JSON.stringify({ username: "master", password: "master-pass" }),
      });

      const admin = await readAdminCredentials(client, settings(), {});

      expect(admin).to.deep.equal({ username: "master", password: "master-pass", source: MASTER_ARN });
      expect(sm.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).to.deep.equal([
        { SecretId: MASTER_ARN, VersionStage: "AWSCURRENT" },
      ]);
    });

    it("GIVEN the environment variables THEN they win over masterSecretArn and nothing is read", async () => {
      const admin = await readAdminCredentials(client, settings(), {
        RDS_SECRET_SHARE_ADMIN_USER: "admin",
        RDS_SECRET_SHARE_ADMIN_PASSWORD: "",
      });

      expect(admin.username).to.equal("admin");
      expect(sm.commandCalls(GetSecretValueCommand)).to.have.length(0);
    });

    it("GIVEN only one of the two variables THEN the error says to set both", async () => {
      const err = await failure(() =>
        readAdminCredentials(client, settings(), { RDS_SECRET_SHARE_ADMIN_PASSWORD: "x" }),
      );
      expect(err.message).to.equal(
        "db-user: set both RDS_SECRET_SHARE_ADMIN_USER (not empty) and RDS_SECRET_SHARE_ADMIN_PASSWORD (empty for none), or neither to use rds-secret-share:database.masterSecretArn.",
      );
    });

    it("GIVEN neither masterSecretArn nor the variables THEN the error names both ways", async () => {
      const s = settings((cfg) => delete cfg["rds-secret-share:database"].masterSecretArn);
      const err = await failure(() => readAdminCredentials(client, s, {}));
      expect(err.message).to.equal(
        "db-user: no administrator credentials: set rds-secret-share:database.masterSecretArn (the RDS-managed secret of the master user) or the environment variables RDS_SECRET_SHARE_ADMIN_USER and RDS_SECRET_SHARE_ADMIN_PASSWORD.",
      );
    });

    it("GIVEN the administrator's secret is denied THEN the message names database.masterSecretArn", async () => {
      sm.on(GetSecretValueCommand, { SecretId: MASTER_ARN }).rejects(serviceError("AccessDeniedException", "no"));
      const err = await failure(() => readAdminCredentials(client, settings(), {}));
      expect(err.message).to.match(
        /^db-user: access denied reading the administrator's secret \(database\.masterSecretArn\) "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds!db-0123abcd-AbCdEf" \(account 111111111111/,
      );
    });

    it("GIVEN an administrator's secret without a password THEN the problem is named and nothing shown", async () => {
      sm.on(GetSecretValueCommand, { SecretId: MASTER_ARN }).resolves({
        ARN: MASTER_ARN,
        SecretString: JSON.stringify({ username: "master", pass: "master-pass" }),
      });
      const err = await failure(() => readAdminCredentials(client, settings(), {}));
      expect(err.message).to.equal(
        `db-user: secret "${MASTER_ARN}".password: got a secret value (not shown); expected the administrator's password, a string.`,
      );
    });
  });

  it("GIVEN dbUser and a secret it may not read THEN the mapped error reaches the caller before any connection", async () => {
    const root = writeEnvironment(() => undefined);
    sm.on(GetSecretValueCommand).rejects(serviceError("ResourceNotFoundException", "not found"));

    const err = await failure(() => dbUser(ENV, { root, tls: false, environment: {} }));

    expect(err.message).to.equal(
      `db-user: the shared secret "${SECRET_NAME}" was not found in region ap-northeast-1 of the account of ${AMBIENT}. Deploy the owner stack first (npx rds-secret-share deploy dbutest) or check the name. Use credentials of the owner account 111111111111: set rds-secret-share:owner.assumeRoleArn (a role to assume) or rds-secret-share:owner.profile.`,
    );
  });

  it("GIVEN any failure above THEN no message ever held the password", async () => {
    // Each case: a secret with the password and something wrong elsewhere.
    const variants = [
      { ...APP, host: "bad host" },
      { ...APP, username: "x" },
      { ...APP, password: `${PASSWORD}\u00e9` },
    ];
    for (const v of variants) {
      sm.reset();
      sm.on(GetSecretValueCommand).resolves({ ARN: SECRET_ARN, SecretString: JSON.stringify(v) });
      const err = await failure(() => readAppCredentials(client, settings()));
      expect(err.message).not.to.include(PASSWORD);
    }
  });
});
