// Which AWS credentials db-user reads the owner account's secrets with: owner.assumeRoleArn assumed
// (from owner.profile or the ambient credentials), the profile alone, or the ambient credentials.
// The real client from ownerClient signs each request; a last middleware takes the signed request
// and answers it, so nothing leaves the machine. STS is mocked on the exact class that
// @aws-sdk/credential-providers loads.

import { AssumeRoleCommand, STSClient, STSServiceException } from "@aws-sdk/nested-clients/sts";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { dbUser, DbUserError } from "../../automation/dbuser";
import { ownerClient } from "../../automation/dbuser/credentials";
import { readAdminCredentials, readAppCredentials } from "../../automation/dbuser/secrets";
import { PROJECT_ROOT, toRuntimeConfig } from "../../automation/environment";
import { Settings } from "../../infra/config/types";
import { validateConfig } from "../../infra/config/validate";
import { ENV, MASTER_ARN, SECRET_ARN, SECRET_NAME, writeEnvironment } from "./support";
import { clearAwsVariables } from "../support/awsVariables";
import { failure } from "../support/errors";

const ROLE = "arn:aws:iam::111111111111:role/deployer";
const SESSION = "rds-secret-share-dbutest-db-user";
const TEMPORARY = {
  AccessKeyId: "ASIATEMPORARYEXAMPLE",
  SecretAccessKey: "temporary-secret",
  SessionToken: "temp-token",
};
const PROFILE_KEY = "AKIAPROFILEEXAMPLE00";
const AMBIENT_KEY = "AKIAAMBIENTEXAMPLE00";
const APP = {
  username: "app_user",
  password: "Secret-password-never-shown-1234",
  engine: "postgres",
  host: "app-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com",
  port: 5432,
  dbname: "app",
};
type Owner = { profile?: string; assumeRoleArn?: string };

function settings(owner: Owner): Settings {
  const config = parse(readFileSync(path.join(PROJECT_ROOT, "Pulumi.dev.yaml"), "utf8")).config;
  const o = config["rds-secret-share:owner"];
  delete o.assumeRoleArn;
  Object.assign(o, owner);
  config["rds-secret-share:secret"] = { name: SECRET_NAME };
  return validateConfig(toRuntimeConfig(config), { project: "rds-secret-share", stack: "dbutest-owner" });
}

interface SignedRequest {
  readonly body: string;
  readonly authorization: string;
  readonly securityToken: string | undefined;
  readonly amzDate: string;
}

/** Answers every request of `client` once it is signed, with the secret its body asks for. */
function answerSigned(client: SecretsManagerClient): SignedRequest[] {
  const seen: SignedRequest[] = [];
  const values: Record<string, { ARN: string; SecretString: string }> = {
    [SECRET_NAME]: { ARN: SECRET_ARN, SecretString: JSON.stringify(APP) },
    [MASTER_ARN]: { ARN: MASTER_ARN, SecretString: JSON.stringify({ username: "master", password: "master-pass" }) },
  };
  client.middlewareStack.add(
    () => (args) => {
      const request = args.request as { headers: Record<string, string>; body: Uint8Array };
      // TextDecoder: the SDK's body is a Uint8Array that warns when used as a string.
      const body = new TextDecoder().decode(request.body);
      seen.push({
        body,
        authorization: request.headers.authorization,
        securityToken: request.headers["x-amz-security-token"],
        amzDate: request.headers["x-amz-date"],
      });
      const payload = JSON.stringify(values[(JSON.parse(body) as { SecretId: string }).SecretId]);
      const response = {
        statusCode: 200,
        headers: { "content-type": "application/x-amz-json-1.1" },
        body: new TextEncoder().encode(payload),
      };
      return Promise.resolve({ response });
    },
    // The innermost step: after signing, where the HTTP handler would send the request.
    { step: "deserialize", priority: "low", name: "answerSignedRequest" },
  );
  return seen;
}

const credentialOf = (r: SignedRequest) =>
  /Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/.exec(r.authorization);

function stsError(name: string, message: string): STSServiceException {
  return new STSServiceException({ name, message, $fault: "client", $metadata: {} });
}

describe("db-user: the AWS credentials the secrets are read with", () => {
  let sts: AwsClientStub<STSClient> | undefined;
  let dir: string;
  let restore = (): void => undefined;

  before(() => {
    // The STS client class fromTemporaryCredentials loads, resolved from where that package sits.
    const providers = createRequire(require.resolve("@aws-sdk/credential-providers"));
    const loaded = (providers("@aws-sdk/nested-clients/sts") as { STSClient: unknown }).STSClient;
    if (loaded !== STSClient) {
      throw new Error("@aws-sdk/credential-providers loads another copy of STSClient: mock that one");
    }
    // Only the files and variables written here: nothing of this machine's AWS setup is read.
    dir = mkdtempSync(path.join(tmpdir(), "dbuser-aws-"));
    writeFileSync(path.join(dir, "config"), "[profile owner-dev]\nregion = us-west-2\n");
    writeFileSync(
      path.join(dir, "credentials"),
      `[owner-dev]\naws_access_key_id = ${PROFILE_KEY}\naws_secret_access_key = profile-secret\n`,
    );
    restore = clearAwsVariables();
    process.env.AWS_CONFIG_FILE = path.join(dir, "config");
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, "credentials");
    process.env.AWS_ACCESS_KEY_ID = AMBIENT_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = "ambient-secret";
  });

  beforeEach(() => {
    sts = mockClient(STSClient);
    sts.on(AssumeRoleCommand).resolves({
      Credentials: { ...TEMPORARY, Expiration: new Date(Date.now() + 3600_000) },
    });
  });

  afterEach(() => sts?.restore());

  after(() => {
    restore();
    rmSync(dir, { recursive: true, force: true });
  });

  it("GIVEN owner.assumeRoleArn WHEN both secrets are read THEN the role is assumed once and both requests are signed with its credentials", async () => {
    const s = settings({ assumeRoleArn: ROLE });
    const client = ownerClient(s);
    const signed = answerSigned(client);

    const app = await readAppCredentials(client, s);
    const admin = await readAdminCredentials(client, s, {});
    client.destroy();

    expect(sts!.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input)).to.deep.equal([
      { RoleArn: ROLE, RoleSessionName: SESSION },
    ]);
    const stsClient = sts!.commandCalls(AssumeRoleCommand)[0].thisValue as STSClient;
    expect(await stsClient.config.region()).to.equal("ap-northeast-1");
    expect((await stsClient.config.credentials()).accessKeyId).to.equal(AMBIENT_KEY);
    expect(signed.map((r) => r.body)).to.deep.equal([
      JSON.stringify({ SecretId: SECRET_NAME, VersionStage: "AWSCURRENT" }),
      JSON.stringify({ SecretId: MASTER_ARN, VersionStage: "AWSCURRENT" }),
    ]);
    for (const r of signed) {
      expect(credentialOf(r)?.slice(1)).to.deep.equal([
        TEMPORARY.AccessKeyId,
        r.amzDate.slice(0, 8),
        "ap-northeast-1",
        "secretsmanager",
      ]);
      expect(r.securityToken).to.equal(TEMPORARY.SessionToken);
    }
    expect([app.secretArn, app.username, admin.username]).to.deep.equal([SECRET_ARN, "app_user", "master"]);
  });

  it("GIVEN owner.assumeRoleArn and owner.profile THEN the role is assumed with the profile's credentials", async () => {
    const s = settings({ assumeRoleArn: ROLE, profile: "owner-dev" });
    const client = ownerClient(s);
    const signed = answerSigned(client);

    await readAppCredentials(client, s);
    client.destroy();

    const calls = sts!.commandCalls(AssumeRoleCommand);
    expect(calls.map((c) => c.args[0].input)).to.deep.equal([{ RoleArn: ROLE, RoleSessionName: SESSION }]);
    const stsClient = calls[0].thisValue as STSClient;
    expect(await stsClient.config.region()).to.equal("ap-northeast-1");
    expect((await stsClient.config.credentials()).accessKeyId).to.equal(PROFILE_KEY);
    expect(signed.map((r) => [credentialOf(r)?.[1], r.securityToken])).to.deep.equal([
      [TEMPORARY.AccessKeyId, TEMPORARY.SessionToken],
    ]);
  });

  it("GIVEN owner.profile alone THEN nothing is assumed and the request is signed with the profile's keys", async () => {
    const s = settings({ profile: "owner-dev" });
    const client = ownerClient(s);
    const signed = answerSigned(client);
    // Without the ambient keys: with both, the SDK warns (and still takes the profile).
    delete process.env.AWS_ACCESS_KEY_ID;
    try {
      await readAppCredentials(client, s);
    } finally {
      process.env.AWS_ACCESS_KEY_ID = AMBIENT_KEY;
    }
    client.destroy();

    expect(sts!.commandCalls(AssumeRoleCommand)).to.have.length(0);
    expect(signed.map((r) => [credentialOf(r)?.[1], credentialOf(r)?.[3], r.securityToken])).to.deep.equal([
      [PROFILE_KEY, "ap-northeast-1", undefined],
    ]);
  });

  it("GIVEN neither THEN nothing is assumed and the request is signed with the ambient credentials", async () => {
    const s = settings({});
    const client = ownerClient(s);
    const signed = answerSigned(client);

    await readAppCredentials(client, s);
    client.destroy();

    expect(sts!.commandCalls(AssumeRoleCommand)).to.have.length(0);
    expect(signed.map((r) => [credentialOf(r)?.[1], r.securityToken])).to.deep.equal([[AMBIENT_KEY, undefined]]);
  });

  describe("a failed AssumeRole becomes a DbUserError naming the role and owner.assumeRoleArn", () => {
    const cases: [string, Owner, Error, string][] = [
      [
        "AccessDenied on sts:AssumeRole",
        { assumeRoleArn: ROLE },
        stsError(
          "AccessDenied",
          `User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`,
        ),
        `db-user: could not assume the role ${ROLE} (rds-secret-share:owner.assumeRoleArn) with the ambient AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, an SSO login or an instance role) to read the shared secret "${SECRET_NAME}": AccessDenied: User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole on resource: ${ROLE}. The source credentials need sts:AssumeRole on ${ROLE}, and the role's trust policy must trust them; or correct rds-secret-share:owner.assumeRoleArn.`,
      ],
      [
        "expired source credentials",
        { assumeRoleArn: ROLE, profile: "owner-dev" },
        stsError("ExpiredToken", "The security token included in the request is expired"),
        `db-user: could not assume the role ${ROLE} (rds-secret-share:owner.assumeRoleArn) with the profile "owner-dev" (rds-secret-share:owner.profile) to read the shared secret "${SECRET_NAME}": ExpiredToken: The security token included in the request is expired. The source credentials are missing, expired or not valid. Check that the profile "owner-dev" exists in ~/.aws/config and its credentials are current (e.g. aws sso login --profile owner-dev), or correct rds-secret-share:owner.profile.`,
      ],
      [
        "an unreachable STS",
        { assumeRoleArn: ROLE },
        Object.assign(new Error("connect ETIMEDOUT 52.119.0.1:443"), { name: "TimeoutError" }),
        `db-user: could not assume the role ${ROLE} (rds-secret-share:owner.assumeRoleArn) with the ambient AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, an SSO login or an instance role) to read the shared secret "${SECRET_NAME}": TimeoutError: connect ETIMEDOUT 52.119.0.1:443. Check that STS is reachable in region ap-northeast-1 and that rds-secret-share:owner.assumeRoleArn is right.`,
      ],
    ];
    for (const [what, owner, error, message] of cases) {
      it(`GIVEN ${what} THEN: ${message.slice(9, 80)}…`, async () => {
        sts!.on(AssumeRoleCommand).rejects(error);
        const s = settings(owner);
        const client = ownerClient(s);
        const signed = answerSigned(client);

        const err = await failure(() => readAppCredentials(client, s));
        client.destroy();

        expect(err.name).to.equal("DbUserError");
        expect(err.message).to.equal(message);
        // Exit 2, as preflight and doctor exit when a role cannot be assumed.
        expect((err as DbUserError).exitCode).to.equal(2);
        expect(sts!.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input)).to.deep.equal([
          { RoleArn: ROLE, RoleSessionName: SESSION },
        ]);
        expect(signed).to.deep.equal([]);
      });
    }

    it("GIVEN a profile that does not exist THEN the real STS client fails on its source credentials, before any request", async () => {
      sts!.restore(); // the real client: it must fail while signing, with nothing sent
      const s = settings({ assumeRoleArn: ROLE, profile: "no-such-profile" });
      const client = ownerClient(s);
      const signed = answerSigned(client);

      const err = await failure(() => readAppCredentials(client, s));
      client.destroy();

      expect(err.name).to.equal("DbUserError");
      expect(err.message).to.equal(
        `db-user: could not assume the role ${ROLE} (rds-secret-share:owner.assumeRoleArn) with the profile "no-such-profile" (rds-secret-share:owner.profile) to read the shared secret "${SECRET_NAME}": CredentialsProviderError: Could not resolve credentials using profile: [no-such-profile] in configuration/credentials file(s). The source credentials are missing, expired or not valid. Check that the profile "no-such-profile" exists in ~/.aws/config and its credentials are current (e.g. aws sso login --profile no-such-profile), or correct rds-secret-share:owner.profile.`,
      );
      expect(signed).to.deep.equal([]);
    });

    it("GIVEN dbUser and a denied AssumeRole THEN the DbUserError reaches the caller, with no stack in its message", async () => {
      sts!.on(AssumeRoleCommand).rejects(stsError("AccessDenied", "not authorized to perform: sts:AssumeRole"));
      const root = writeEnvironment((c) => (c["rds-secret-share:owner"].assumeRoleArn = ROLE));

      const err = await failure(() => dbUser(ENV, { root, tls: false, environment: {} }));

      expect(err.name).to.equal("DbUserError");
      expect(err.message).to.equal(
        `db-user: could not assume the role ${ROLE} (rds-secret-share:owner.assumeRoleArn) with the ambient AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, an SSO login or an instance role) to read the shared secret "${SECRET_NAME}": AccessDenied: not authorized to perform: sts:AssumeRole. The source credentials need sts:AssumeRole on ${ROLE}, and the role's trust policy must trust them; or correct rds-secret-share:owner.assumeRoleArn.`,
      );
      expect(sts!.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input)).to.deep.equal([
        { RoleArn: ROLE, RoleSessionName: SESSION },
      ]);
    });
  });
});
