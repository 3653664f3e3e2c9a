// db-user against the real PostgreSQL of this machine (127.0.0.1:5432, trust). Trust accepts any
// password, so passwords are checked on the stored SCRAM verifier with node-pg's SCRAM client.

import { expect } from "chai";
import { Client } from "pg";
import { dbUser, DbUserResult } from "../../automation/dbuser";
import { openPostgres } from "../../automation/dbuser/postgres";
import { scramVerifier, storedPasswordMatches } from "../../automation/dbuser/scram";
import {
  adminEnvironment,
  ENV,
  localDatabase,
  mockSecrets,
  PG,
  pgAdmin,
  requireServer,
  scramLogin,
  SecretValue,
  storedVerifier,
  uniqueName,
  writeEnvironment,
} from "./support";
import { failure } from "../support/errors";

const PASSWORD_1 = "Initial-password-0123456789";
const PASSWORD_2 = "Rotated!password#9876543210";

describe("db-user on PostgreSQL", function () {
  let admin: Client;
  let dbname: string;
  const roles: string[] = [];
  let mock: ReturnType<typeof mockSecrets> | undefined;

  before(async function () {
    await requireServer(this, `PostgreSQL at ${PG.host}:${PG.port}`, async () => (await pgAdmin()).end());
    admin = await pgAdmin();
    dbname = uniqueName("dbu");
    await admin.query(`CREATE DATABASE ${dbname}`);
    const db = await pgAdmin(dbname);
    await db.query("CREATE TABLE items (id serial PRIMARY KEY, name text)");
    await db.query("CREATE SCHEMA reports");
    await db.end();
  });

  afterEach(() => {
    mock?.restore();
    mock = undefined;
  });

  after(async function () {
    if (!admin) {
      return;
    }
    // Dropping the database first removes the grants and default privileges that name the roles.
    await admin.query(`DROP DATABASE IF EXISTS ${dbname} WITH (FORCE)`);
    for (const role of roles) {
      await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(role)}`);
    }
    await admin.end();
  });

  function newRole(prefix = "dbu_app"): string {
    const role = uniqueName(prefix);
    roles.push(role);
    return role;
  }

  function secret(username: string, password: string): SecretValue {
    return { username, password, engine: "postgres", host: PG.host, port: PG.port, dbname };
  }

  /** dbUser with the local server's database, username and optional grants, TLS off. */
  function run(username: string, password: string, extra: Record<string, unknown> = {}, dryRun = false) {
    const root = writeEnvironment((c) => {
      c["rds-secret-share:database"] = localDatabase("postgres", dbname, username, extra);
    });
    mock?.restore();
    mock = mockSecrets(secret(username, password));
    return dbUser(ENV, { root, tls: false, dryRun, environment: adminEnvironment("postgres") });
  }

  async function privileges(role: string): Promise<Record<string, boolean>> {
    const db = await pgAdmin(dbname);
    const r = await db.query(
      `SELECT has_database_privilege($1, $2, 'CONNECT') AS connect,
              has_database_privilege($1, $2, 'CREATE') AS create_db,
              has_schema_privilege($1, 'public', 'USAGE') AS usage,
              has_schema_privilege($1, 'public', 'CREATE') AS create_schema,
              has_table_privilege($1, 'public.items', 'SELECT') AS select,
              has_table_privilege($1, 'public.items', 'INSERT') AS insert,
              has_table_privilege($1, 'public.items', 'DELETE') AS delete,
              has_sequence_privilege($1, 'public.items_id_seq', 'USAGE') AS sequence`,
      [role, dbname],
    );
    await db.end();
    return r.rows[0];
  }

  const ALL_GRANTS = (): DbUserResult["grants"] => [
    { database: dbname, on: `DATABASE "${dbname}"`, privileges: ["CONNECT", "CREATE", "TEMPORARY"], status: "granted" },
    { database: dbname, on: 'SCHEMA "public"', privileges: ["USAGE", "CREATE"], status: "granted" },
    {
      database: dbname,
      on: 'ALL TABLES IN SCHEMA "public"',
      privileges: ["ALL"],
      status: "granted",
      objects: { count: 1, noun: "table" },
    },
    {
      database: dbname,
      on: 'ALL SEQUENCES IN SCHEMA "public"',
      privileges: ["ALL"],
      status: "granted",
      objects: { count: 1, noun: "sequence" },
    },
    {
      database: dbname,
      on: 'TABLES created later by "postgres" IN SCHEMA "public"',
      privileges: ["ALL"],
      status: "granted",
    },
    {
      database: dbname,
      on: 'SEQUENCES created later by "postgres" IN SCHEMA "public"',
      privileges: ["ALL"],
      status: "granted",
    },
  ];

  it("GIVEN no role WHEN db-user runs THEN it creates the role with the secret's password and grants ALL on dbname", async () => {
    const role = newRole();
    const result = await run(role, PASSWORD_1);

    expect(result).to.deep.include({
      engine: "postgres",
      host: PG.host,
      port: PG.port,
      dbname,
      tls: "TLS off (--no-tls)",
      username: role,
      user: "created",
      passwordCheck: "none: the user did not exist",
      changed: true,
      dryRun: false,
      notes: [],
    });
    expect(result.admin).to.deep.equal({
      username: "postgres",
      source: "environment variables RDS_SECRET_SHARE_ADMIN_USER, RDS_SECRET_SHARE_ADMIN_PASSWORD",
    });
    expect(result.grants).to.deep.equal(ALL_GRANTS());
    const verifier = await storedVerifier(admin, role);
    expect(verifier).to.match(/^SCRAM-SHA-256\$4096:/);
    expect(await scramLogin(verifier as string, PASSWORD_1)).to.equal(true);
    expect(await scramLogin(verifier as string, PASSWORD_2)).to.equal(false);
    expect(await privileges(role)).to.deep.equal({
      connect: true,
      create_db: true,
      usage: true,
      create_schema: true,
      select: true,
      insert: true,
      delete: true,
      sequence: true,
    });
    expect(JSON.stringify(result)).not.to.include(PASSWORD_1);
  });

  it("GIVEN the role made by db-user WHEN it runs again THEN nothing changes, not even the stored verifier", async () => {
    const role = newRole();
    await run(role, PASSWORD_1);
    const before = await storedVerifier(admin, role);

    const again = await run(role, PASSWORD_1);

    expect(again.user).to.equal("unchanged");
    expect(again.passwordCheck).to.equal("compared with the role's stored password verifier");
    expect(again.changed).to.equal(false);
    expect(again.grants.map((g) => g.status)).to.deep.equal(["held", "held", "held", "held", "held", "held"]);
    expect(await storedVerifier(admin, role)).to.equal(before);
  });

  it("GIVEN a rotated secret WHEN db-user runs THEN the new password logs in and the old one fails", async () => {
    const role = newRole();
    await run(role, PASSWORD_1);

    const result = await run(role, PASSWORD_2);

    expect(result.user).to.equal("password-updated");
    expect(result.changed).to.equal(true);
    expect(result.grants.every((g) => g.status === "held")).to.equal(true);
    const verifier = (await storedVerifier(admin, role)) as string;
    expect(await scramLogin(verifier, PASSWORD_2)).to.equal(true);
    expect(await scramLogin(verifier, PASSWORD_1)).to.equal(false);
  });

  it("GIVEN a creation and a password change THEN no statement sent to the server holds a password", async () => {
    const role = newRole();
    const sent: string[] = [];
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as is; called through apply with its this
    const original = Client.prototype.query;
    // Records every statement text; the server's statement log would hold the same.
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      sent.push(typeof args[0] === "string" ? args[0] : JSON.stringify(args[0]));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
    try {
      await run(role, PASSWORD_1);
      await run(role, PASSWORD_2);
    } finally {
      Client.prototype.query = original;
    }

    const setters = sent.filter((sql) => /^(CREATE|ALTER) ROLE/.test(sql));
    expect(setters).to.have.length(2);
    expect(setters.every((sql) => /PASSWORD 'SCRAM-SHA-256\$4096:[^']+'$/.test(sql))).to.equal(true);
    expect(sent.filter((sql) => sql.includes(PASSWORD_1) || sql.includes(PASSWORD_2))).to.deep.equal([]);
  });

  it("GIVEN a role with NOLOGIN and another password WHEN db-user runs THEN it gets LOGIN and the password", async () => {
    const role = newRole();
    await admin.query(`CREATE ROLE ${role} NOLOGIN PASSWORD 'something-else-entirely'`);

    const result = await run(role, PASSWORD_1);

    expect(result.user).to.equal("password-updated");
    const r = await admin.query("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1", [role]);
    expect(r.rows[0].rolcanlogin).to.equal(true);
    expect(await scramLogin((await storedVerifier(admin, role)) as string, PASSWORD_1)).to.equal(true);
  });

  it("GIVEN --dry-run WHEN the role is missing THEN it reports what it would do and creates nothing", async () => {
    const role = newRole();

    const result = await run(role, PASSWORD_1, {}, true);

    expect(result.dryRun).to.equal(true);
    expect(result.user).to.equal("created");
    expect(result.changed).to.equal(true);
    expect(result.grants).to.deep.equal(ALL_GRANTS());
    const r = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    expect(r.rowCount).to.equal(0);
  });

  it("GIVEN grants of SELECT, INSERT on two schemas WHEN db-user runs THEN exactly those are granted", async () => {
    const role = newRole();
    const grants = [{ database: dbname, privileges: ["SELECT", "INSERT"], schemas: ["public", "reports"] }];

    const result = await run(role, PASSWORD_1, { grants });

    expect(result.grants.map((g) => [g.on, g.privileges.join(", "), g.status])).to.deep.equal([
      [`DATABASE "${dbname}"`, "CONNECT", "granted"],
      ['SCHEMA "public"', "USAGE", "granted"],
      ['ALL TABLES IN SCHEMA "public"', "SELECT, INSERT", "granted"],
      ['ALL SEQUENCES IN SCHEMA "public"', "USAGE, SELECT", "granted"],
      ['TABLES created later by "postgres" IN SCHEMA "public"', "SELECT, INSERT", "granted"],
      ['SEQUENCES created later by "postgres" IN SCHEMA "public"', "USAGE, SELECT", "granted"],
      ['SCHEMA "reports"', "USAGE", "granted"],
      ['ALL TABLES IN SCHEMA "reports"', "SELECT, INSERT", "no-objects"],
      ['ALL SEQUENCES IN SCHEMA "reports"', "USAGE, SELECT", "no-objects"],
      ['TABLES created later by "postgres" IN SCHEMA "reports"', "SELECT, INSERT", "granted"],
      ['SEQUENCES created later by "postgres" IN SCHEMA "reports"', "USAGE, SELECT", "granted"],
    ]);
    expect(await privileges(role)).to.deep.equal({
      connect: true,
      create_db: false,
      usage: true,
      create_schema: false,
      select: true,
      insert: true,
      delete: false,
      sequence: true,
    });
    // A table the administrator creates later is usable through the default privileges.
    const db = await pgAdmin(dbname);
    await db.query("CREATE TABLE reports.daily (day date)");
    const later = await db.query("SELECT has_table_privilege($1, 'reports.daily', 'SELECT') AS s", [role]);
    await db.end();
    expect(later.rows[0].s).to.equal(true);
  });

  it("GIVEN the role made by db-user WHEN the application logs in THEN it can create and use tables", async () => {
    const role = newRole();
    await run(role, PASSWORD_1);

    const app = new Client({ ...PG, user: role, password: PASSWORD_1, database: dbname });
    await app.connect();
    await app.query("CREATE TABLE app_owned (id int)");
    await app.query("INSERT INTO items (name) VALUES ('from the app')");
    const r = await app.query("SELECT count(*)::int AS n FROM items");
    await app.end();
    expect(r.rows[0].n).to.be.greaterThan(0);
  });

  it("GIVEN a grant on a schema that does not exist THEN the error names the config key", async () => {
    const role = newRole();
    const grants = [{ database: dbname, privileges: ["ALL"], schemas: ["missing_schema"] }];

    const err = await failure(() => run(role, PASSWORD_1, { grants }));

    expect(err.message).to.equal(
      `db-user: schema "missing_schema" (rds-secret-share:database.grants[0].schemas) does not exist in database "${dbname}". Create it first, or correct rds-secret-share:database.grants[0].schemas.`,
    );
  });

  it("GIVEN a grant on a database that does not exist THEN the error names the config key", async () => {
    const role = newRole();
    const grants = [{ database: "no_such_database_dbu", privileges: ["ALL"] }];

    const err = await failure(() => run(role, PASSWORD_1, { grants }));

    expect(err.message).to.equal(
      `db-user: database "no_such_database_dbu" (rds-secret-share:database.grants[0].database) does not exist on ${PG.host}:${PG.port}. Create it first, or correct rds-secret-share:database.grants[0].database.`,
    );
  });

  it("GIVEN a dbname that does not exist THEN connecting fails with a message naming database.dbname", async () => {
    const role = newRole();
    const root = writeEnvironment((c) => {
      c["rds-secret-share:database"] = localDatabase("postgres", "no_such_db_dbu", role);
    });
    mock = mockSecrets({ ...secret(role, PASSWORD_1), dbname: "no_such_db_dbu" });

    const err = await failure(() => dbUser(ENV, { root, tls: false, environment: adminEnvironment("postgres") }));

    expect(err.message).to.equal(
      `db-user: connecting to postgres at ${PG.host}:${PG.port} (database "no_such_db_dbu") as "postgres", the administrator (from environment variables RDS_SECRET_SHARE_ADMIN_USER, RDS_SECRET_SHARE_ADMIN_PASSWORD), without TLS failed: 3D000: database "no_such_db_dbu" does not exist. Create the database first, or correct rds-secret-share:database.dbname.`,
    );
  });

  it("GIVEN owner.assumeRoleArn THEN the role is reported", async () => {
    const role = newRole();
    const root = writeEnvironment((c) => {
      c["rds-secret-share:owner"].assumeRoleArn = "arn:aws:iam::111111111111:role/deployer";
      c["rds-secret-share:database"] = localDatabase("postgres", dbname, role);
    });
    mock = mockSecrets(secret(role, PASSWORD_1));

    const result = await dbUser(ENV, { root, tls: false, environment: adminEnvironment("postgres") });

    expect(result.awsCredentials).to.equal(
      "the role arn:aws:iam::111111111111:role/deployer (rds-secret-share:owner.assumeRoleArn), assumed as session rds-secret-share-dbutest-db-user with the ambient AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, an SSO login or an instance role)",
    );
    expect(result.notes).to.deep.equal([]);
  });

  it("GIVEN the administrator is the application user THEN db-user refuses to touch it", async () => {
    const root = writeEnvironment((c) => {
      c["rds-secret-share:database"] = localDatabase("postgres", dbname, "app_admin");
    });
    mock = mockSecrets(secret("app_admin", PASSWORD_1));

    const err = await failure(() => dbUser(ENV, { root, tls: false, environment: adminEnvironment("app_admin") }));

    expect(err.message).to.equal(
      "db-user: the administrator and the application user are both \"app_admin\"; db-user never changes the administrator's password. Use the master user's credentials.",
    );
  });

  it("GIVEN the default TLS WHEN the server has no TLS THEN db-user stops and says to pass --no-tls", async () => {
    const role = newRole();
    const root = writeEnvironment((c) => {
      c["rds-secret-share:database"] = localDatabase("postgres", dbname, role);
    });
    mock = mockSecrets(secret(role, PASSWORD_1));

    const err = await failure(() => dbUser(ENV, { root, environment: adminEnvironment("postgres") }));

    expect(err.name).to.equal("DbUserError");
    expect(err.message).to.equal(
      `db-user: connecting to postgres at ${PG.host}:${PG.port} (database "${dbname}") as "postgres", the administrator (from environment variables RDS_SECRET_SHARE_ADMIN_USER, RDS_SECRET_SHARE_ADMIN_PASSWORD), with TLS failed: The server does not support SSL connections. RDS always offers TLS; for a local server without TLS, pass --no-tls.`,
    );
    const r = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    expect(r.rowCount).to.equal(0);
  });

  it("GIVEN the administrator's secret (database.masterSecretArn) THEN db-user connects with it", async () => {
    const role = newRole();
    const root = writeEnvironment((c) => {
      c["rds-secret-share:database"] = localDatabase("postgres", dbname, role, {
        masterSecretArn: "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds!db-0123abcd-AbCdEf",
      });
    });
    mock = mockSecrets(secret(role, PASSWORD_1), { username: "postgres", password: "master-password-unused" });

    const result = await dbUser(ENV, { root, tls: false, environment: {} });

    expect(result.admin).to.deep.equal({
      username: "postgres",
      source: "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds!db-0123abcd-AbCdEf",
    });
    expect(result.user).to.equal("created");
  });

  describe("hostile names and passwords", () => {
    const HOSTILE_PASSWORD = `it's a "test"\\; DROP ROLE postgres; --%_x`;

    it("GIVEN a password with quotes, backslashes, semicolons and percent signs THEN it is set exactly", async () => {
      const role = newRole();

      const created = await run(role, HOSTILE_PASSWORD);
      const again = await run(role, HOSTILE_PASSWORD);

      expect([created.user, again.user]).to.deep.equal(["created", "unchanged"]);
      const verifier = (await storedVerifier(admin, role)) as string;
      expect(await scramLogin(verifier, HOSTILE_PASSWORD)).to.equal(true);
      expect(await scramLogin(verifier, "it's a test")).to.equal(false);
      const r = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = 'postgres'");
      expect(r.rowCount).to.equal(1);
    });

    it("GIVEN a role name with quotes, backslash, semicolon, percent and non-ASCII THEN the SQL layer quotes it", async () => {
      const role = `a"b'c\\d;e%?f_é${uniqueName("")}`;
      roles.push(role);
      const session = await openPostgres({
        app: { ...secret(role, HOSTILE_PASSWORD), engine: "postgres", secretArn: "arn" },
        admin: { username: "postgres", password: "", source: "test" },
        tls: { enabled: false, description: "off" },
      });
      try {
        expect((await session.inspectUser()).exists).to.equal(false);
        await session.createUser();
        expect((await session.inspectUser()).password.state).to.equal("same");
        const steps = await session.grantSteps(
          [{ database: dbname, privileges: ["ALL"], schemas: ["public"] }],
          () => "k",
        );
        for (const step of steps) {
          await step.apply();
        }
      } finally {
        await session.close();
      }
      const r = await admin.query("SELECT rolname FROM pg_roles WHERE rolname = $1", [role]);
      expect(r.rows.map((row) => row.rolname)).to.deep.equal([role]);
      expect(await scramLogin((await storedVerifier(admin, role)) as string, HOSTILE_PASSWORD)).to.equal(true);
      expect((await privileges(role)).insert).to.equal(true);
    });

    it("GIVEN a role name longer than 63 bytes THEN the SQL layer refuses it instead of truncating it", async () => {
      const role = `é${"x".repeat(62)}`;
      const session = await openPostgres({
        app: { ...secret(role, PASSWORD_1), engine: "postgres", secretArn: "arn" },
        admin: { username: "postgres", password: "", source: "test" },
        tls: { enabled: false, description: "off" },
      });
      try {
        const err = await failure(() => session.createUser());
        expect(err.message).to.equal(
          `db-user: role "${role}": expected 1 to 63 bytes without NUL (PostgreSQL would truncate or refuse it).`,
        );
      } finally {
        await session.close();
      }
    });

    it("GIVEN a non-ASCII password in the secret THEN db-user refuses it without showing it", async () => {
      const role = newRole();
      const password = "pässwörd-mit-umlauten";

      const err = await failure(() => run(role, password));

      expect(err.message).to.equal(
        `db-user: secret "rds/dbutest/app".password: got a secret value (not shown); expected 8 to 128 printable ASCII characters (space to ~); other characters are hashed differently by different clients.`,
      );
    });
  });

  describe("when the administrator cannot read pg_authid (as on RDS)", () => {
    let limited: string;
    let owned: string;

    before(async () => {
      limited = newRole("dbu_admin");
      owned = uniqueName("dbu_owned");
      await admin.query(`CREATE ROLE ${limited} LOGIN CREATEROLE`);
      await admin.query(`CREATE DATABASE ${owned} OWNER ${limited}`);
    });

    after(async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${owned} WITH (FORCE)`);
    });

    it("THEN it sets the password on every run and says why it cannot tell (trust never asks for one)", async () => {
      const role = newRole();
      const root = writeEnvironment((c) => {
        c["rds-secret-share:database"] = localDatabase("postgres", owned, role);
      });
      const go = () => {
        mock?.restore();
        mock = mockSecrets({ ...secret(role, PASSWORD_1), dbname: owned });
        return dbUser(ENV, { root, tls: false, environment: adminEnvironment(limited) });
      };

      const first = await go();
      const second = await go();

      expect(first.user).to.equal("created");
      expect(second.user).to.equal("password-set");
      expect(second.passwordCheck).to.equal(
        `pg_authid is not readable by the administrator (as on RDS), and the server let "${role}" in without asking for a password`,
      );
      expect(second.grants.every((g) => g.status === "held" || g.status === "no-objects")).to.equal(true);
      expect(await scramLogin((await storedVerifier(admin, role)) as string, PASSWORD_1)).to.equal(true);
    });
  });

  describe("password verifiers", () => {
    it("GIVEN verifiers PostgreSQL made itself (SCRAM and md5) THEN storedPasswordMatches agrees with the server", async () => {
      const role = newRole("dbu_verifier");
      await admin.query(`CREATE ROLE ${role} PASSWORD 'server-hashed-password'`);
      const scram = await storedVerifier(admin, role);
      await admin.query("SET password_encryption = 'md5'");
      await admin.query(`ALTER ROLE ${role} PASSWORD 'server-hashed-password'`);
      await admin.query("RESET password_encryption");
      const md5 = await storedVerifier(admin, role);

      expect(storedPasswordMatches(scram, role, "server-hashed-password")).to.equal(true);
      expect(storedPasswordMatches(scram, role, "server-hashed-passwore")).to.equal(false);
      expect(await scramLogin(scram as string, "server-hashed-password")).to.equal(true);
      expect(md5).to.match(/^md5[0-9a-f]{32}$/);
      expect(storedPasswordMatches(md5, role, "server-hashed-password")).to.equal(true);
      expect(storedPasswordMatches(md5, role, "another")).to.equal(false);
      expect(storedPasswordMatches(null, role, "x")).to.equal(false);
      expect(storedPasswordMatches("plain-text-format", role, "x")).to.equal(undefined);
    });

    it("GIVEN a verifier db-user computed THEN PostgreSQL stores it as given and node-pg's SCRAM client logs in with it", async () => {
      const role = newRole("dbu_verifier");
      const verifier = scramVerifier(PASSWORD_2);
      await admin.query(`CREATE ROLE ${role} PASSWORD ${admin.escapeLiteral(verifier)}`);

      expect(await storedVerifier(admin, role)).to.equal(verifier);
      expect(await scramLogin(verifier, PASSWORD_2)).to.equal(true);
      expect(await scramLogin(verifier, PASSWORD_1)).to.equal(false);
    });
  });
});
