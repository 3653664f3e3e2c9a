// `cli.ts db-user <env>`: flags, the printed report, and one run through the command on the local
// PostgreSQL (the command line's path, with --no-tls).

import { expect } from "chai";
import { Client } from "pg";
import { dbUserCommand, dbUserOptions, DbUserResult, renderDbUser } from "../../automation/dbuser";
import { ENV, localDatabase, mockSecrets, PG, pgAdmin, requireServer, uniqueName, writeEnvironment } from "./support";
import { failure } from "../support/errors";

describe("db-user command: flags", () => {
  it("GIVEN no flags THEN TLS is required and changes are made", () => {
    expect(dbUserOptions({})).to.deep.equal({ tls: true, dryRun: false });
  });

  it("GIVEN --no-tls --dry-run --json --yes THEN TLS is off and nothing is changed", () => {
    expect(dbUserOptions({ "no-tls": true, "dry-run": true, json: true, yes: true })).to.deep.equal({
      tls: false,
      dryRun: true,
    });
  });

  it("GIVEN --ca-bundle <file> THEN that file is the trust store", () => {
    expect(dbUserOptions({ "ca-bundle": "global-bundle.pem" })).to.deep.equal({
      tls: true,
      dryRun: false,
      caBundle: "global-bundle.pem",
    });
  });
});

describe("db-user command: the report", () => {
  const base: DbUserResult = {
    env: "dev",
    engine: "postgres",
    host: "app-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com",
    port: 5432,
    dbname: "app",
    tls: "TLS, verified against Amazon RDS's CAs and Node's",
    secretArn: "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user-AbCdEf",
    awsCredentials:
      "the role arn:aws:iam::111111111111:role/deployer (rds-secret-share:owner.assumeRoleArn), assumed as session rds-secret-share-dev-db-user with the ambient AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, an SSO login or an instance role)",
    admin: {
      username: "master",
      source: "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds!db-0123abcd-AbCdEf",
    },
    username: "app_user",
    user: "created",
    passwordCheck: "none: the user did not exist",
    grants: [
      { database: "app", on: 'DATABASE "app"', privileges: ["CONNECT", "CREATE", "TEMPORARY"], status: "granted" },
      { database: "app", on: 'SCHEMA "public"', privileges: ["USAGE", "CREATE"], status: "held" },
      {
        database: "app",
        on: 'ALL TABLES IN SCHEMA "public"',
        privileges: ["ALL"],
        status: "granted",
        objects: { count: 3, noun: "table" },
      },
      {
        database: "app",
        on: 'ALL SEQUENCES IN SCHEMA "public"',
        privileges: ["ALL"],
        status: "no-objects",
        objects: { count: 0, noun: "sequence" },
      },
    ],
    changed: true,
    dryRun: false,
    notes: ['server: no privileges were granted for "t"'],
  };

  it("GIVEN a first run THEN every line says what was done, and the summary says it is done", () => {
    expect(renderDbUser(base)).to.equal(
      [
        "db-user dev: postgres app-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com:5432/app, TLS, verified against Amazon RDS's CAs and Node's",
        "  secret: arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user-AbCdEf (AWSCURRENT)",
        "  AWS credentials: the role arn:aws:iam::111111111111:role/deployer (rds-secret-share:owner.assumeRoleArn), assumed as session rds-secret-share-dev-db-user with the ambient AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, an SSO login or an instance role)",
        "  administrator: master (from arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds!db-0123abcd-AbCdEf)",
        "  user app_user: created",
        '  grant CONNECT, CREATE, TEMPORARY on DATABASE "app": granted',
        '  grant USAGE, CREATE on SCHEMA "public" in database app: already held',
        '  grant ALL on ALL TABLES IN SCHEMA "public" in database app: granted (3 tables)',
        '  grant ALL on ALL SEQUENCES IN SCHEMA "public" in database app: nothing to grant (no sequences yet)',
        '  note: server: no privileges were granted for "t"',
        "Done.",
      ].join("\n"),
    );
  });

  it("GIVEN a second run THEN the summary says nothing changed", () => {
    const again: DbUserResult = {
      ...base,
      user: "unchanged",
      passwordCheck: "compared with the role's stored password verifier",
      grants: base.grants.map((g) => ({ ...g, status: g.status === "no-objects" ? g.status : "held" })),
      changed: false,
      notes: [],
    };
    const lines = renderDbUser(again).split("\n");
    expect(lines[4]).to.equal(
      "  user app_user: unchanged: password already the secret's (compared with the role's stored password verifier)",
    );
    expect(lines[lines.length - 1]).to.equal(
      "Nothing changed: the user and its grants already match the secret and database.grants.",
    );
  });

  it("GIVEN a dry run with a changed password THEN it says what would be done and that nothing was", () => {
    const dry: DbUserResult = { ...base, user: "password-updated", passwordCheck: "a login was refused", dryRun: true };
    const lines = renderDbUser(dry).split("\n");
    expect(lines[0]).to.match(/ \(dry run\)$/);
    expect(lines[4]).to.equal("  user app_user: password would be updated to the secret's (a login was refused)");
    expect(lines[5]).to.equal('  grant CONNECT, CREATE, TEMPORARY on DATABASE "app": would be granted');
    expect(lines[lines.length - 1]).to.equal("Dry run: the changes above would be made; nothing was changed.");
  });

  it("GIVEN a password that cannot be compared THEN the line says it was set and why it cannot tell", () => {
    const set: DbUserResult = { ...base, user: "password-set", passwordCheck: "the server did not ask" };
    expect(renderDbUser(set).split("\n")[4]).to.equal(
      "  user app_user: password set to the secret's; whether it differed cannot be told (the server did not ask)",
    );
  });
});

describe("db-user command: a run on the local PostgreSQL", function () {
  let admin: Client;
  let dbname: string;
  const role = uniqueName("dbu_cmd");
  let mock: ReturnType<typeof mockSecrets> | undefined;

  before(async function () {
    await requireServer(this, `PostgreSQL at ${PG.host}:${PG.port}`, async () => (await pgAdmin()).end());
    admin = await pgAdmin();
    dbname = uniqueName("dbu_cmd");
    await admin.query(`CREATE DATABASE ${dbname}`);
  });

  after(async () => {
    mock?.restore();
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${dbname} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });

  it("GIVEN --no-tls --json THEN the text reports the creation and the JSON is the result, without the password", async () => {
    const root = writeEnvironment((c) => {
      c["rds-secret-share:database"] = localDatabase("postgres", dbname, role);
    });
    const password = "Command-line-password-42";
    mock = mockSecrets({ username: role, password, engine: "postgres", host: PG.host, port: PG.port, dbname });
    process.env.RDS_SECRET_SHARE_ADMIN_USER = "postgres";
    process.env.RDS_SECRET_SHARE_ADMIN_PASSWORD = "";
    try {
      const failed = await failure(() => dbUserCommand(ENV, {}, { root }));
      const out = await dbUserCommand(ENV, { "no-tls": true, json: true }, { root });

      expect(failed.message).to.include("with TLS failed: The server does not support SSL connections.");
      const lines = out.text.split("\n");
      expect(lines[0]).to.equal(`db-user ${ENV}: postgres ${PG.host}:${PG.port}/${dbname}, TLS off (--no-tls)`);
      expect(lines[2]).to.equal(
        "  AWS credentials: the ambient AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, an SSO login or an instance role)",
      );
      expect(lines[4]).to.equal(`  user ${role}: created`);
      expect(lines[lines.length - 1]).to.equal("Done.");
      expect((out.json as DbUserResult).user).to.equal("created");
      expect(out.text + JSON.stringify(out.json)).not.to.include(password);
    } finally {
      delete process.env.RDS_SECRET_SHARE_ADMIN_USER;
      delete process.env.RDS_SECRET_SHARE_ADMIN_PASSWORD;
    }
  });
});
