// db-user against the real MariaDB of this machine (127.0.0.1:3306, root without a password).
// MariaDB checks passwords, so logins are real: the new password logs in, the old one is refused.

import { expect } from "chai";
import mysql from "mysql2/promise";
import { dbUser } from "../../automation/dbuser";
import { openMysql, requireBackslashEscapes } from "../../automation/dbuser/mysql";
import {
  adminEnvironment,
  ENV,
  localDatabase,
  MARIADB,
  mariadbAdmin,
  mockSecrets,
  requireServer,
  SecretValue,
  uniqueName,
  writeEnvironment,
} from "./support";
import { failure } from "../support/errors";

const PASSWORD_1 = "Initial-password-0123456789";
const PASSWORD_2 = "Rotated!password#9876543210";

describe("db-user on MariaDB", function () {
  let admin: mysql.Connection;
  let dbname: string;
  /** A database whose name `dbname` would match if its underscore were a GRANT wildcard. */
  let lookalike: string;
  const users: string[] = [];
  let mock: ReturnType<typeof mockSecrets> | undefined;

  before(async function () {
    await requireServer(this, `MariaDB at ${MARIADB.host}:${MARIADB.port}`, async () => (await mariadbAdmin()).end());
    admin = await mariadbAdmin();
    dbname = uniqueName("dbu");
    lookalike = dbname.replace("_", "x");
    await admin.query(`CREATE DATABASE \`${dbname}\``);
    await admin.query(`CREATE DATABASE \`${lookalike}\``);
  });

  afterEach(() => {
    mock?.restore();
    mock = undefined;
  });

  after(async function () {
    if (!admin) {
      return;
    }
    for (const user of users) {
      await admin.query(admin.format("DROP USER IF EXISTS ?@'%'", [user]));
    }
    await admin.query(`DROP DATABASE IF EXISTS \`${dbname}\``);
    await admin.query(`DROP DATABASE IF EXISTS \`${lookalike}\``);
    await admin.end();
  });

  function newUser(): string {
    // MySQL allows 32 characters in a user name.
    const user = `dbu_${process.pid % 100000}_${users.length}_${Math.random().toString(36).slice(2, 8)}`;
    users.push(user);
    return user;
  }

  function secret(username: string, password: string): SecretValue {
    return { username, password, engine: "mariadb", host: MARIADB.host, port: MARIADB.port, dbname };
  }

  function run(username: string, password: string, extra: Record<string, unknown> = {}, dryRun = false) {
    const root = writeEnvironment((c) => {
      c["rds-secret-share:database"] = localDatabase("mariadb", dbname, username, extra);
    });
    mock?.restore();
    mock = mockSecrets(secret(username, password));
    return dbUser(ENV, { root, tls: false, dryRun, environment: adminEnvironment("root") });
  }

  async function login(user: string, password: string, database?: string): Promise<string> {
    try {
      const c = await mysql.createConnection({ host: MARIADB.host, port: MARIADB.port, user, password, database });
      await c.end();
      return "ok";
    } catch (err) {
      return (err as { code: string }).code;
    }
  }

  async function grantsOf(user: string): Promise<string[]> {
    const [rows] = await admin.query<mysql.RowDataPacket[]>(admin.format("SHOW GRANTS FOR ?@'%'", [user]));
    return rows.map((r) => String(Object.values(r)[0]));
  }

  const escaped = () => dbname.replace(/_/g, "\\_");

  it("GIVEN no account WHEN db-user runs THEN it creates 'user'@'%' with the secret's password and ALL on exactly dbname", async () => {
    const user = newUser();

    const result = await run(user, PASSWORD_1);

    expect(result).to.deep.include({ engine: "mariadb", username: user, user: "created", changed: true, notes: [] });
    expect(result.grants).to.deep.equal([
      { database: dbname, on: `DATABASE \`${dbname}\` (\`${escaped()}\`.*)`, privileges: ["ALL"], status: "granted" },
    ]);
    const grants = await grantsOf(user);
    expect(grants).to.have.length(2);
    expect(grants[0]).to.match(
      new RegExp(`^GRANT USAGE ON \\*\\.\\* TO \`${user}\`@\`%\` IDENTIFIED BY PASSWORD '\\*[0-9A-F]{40}'$`),
    );
    expect(grants[1]).to.equal(`GRANT ALL PRIVILEGES ON \`${escaped()}\`.* TO \`${user}\`@\`%\``);
    expect(await login(user, PASSWORD_1, dbname)).to.equal("ok");
    expect(await login(user, PASSWORD_1, lookalike)).to.equal("ER_DBACCESS_DENIED_ERROR");
    expect(JSON.stringify(result)).not.to.include(PASSWORD_1);
  });

  it("GIVEN the account made by db-user WHEN it runs again THEN nothing changes", async () => {
    const user = newUser();
    await run(user, PASSWORD_1);
    const before = await grantsOf(user);

    const again = await run(user, PASSWORD_1);

    expect(again.user).to.equal("unchanged");
    expect(again.passwordCheck).to.equal(`a login as '${user}'@'%' with the secret's password succeeded`);
    expect(again.grants.map((g) => g.status)).to.deep.equal(["held"]);
    expect(again.changed).to.equal(false);
    expect(await grantsOf(user)).to.deep.equal(before);
  });

  it("GIVEN a rotated secret WHEN db-user runs THEN the new password logs in and the old one is refused", async () => {
    const user = newUser();
    await run(user, PASSWORD_1);

    const result = await run(user, PASSWORD_2);

    expect(result.user).to.equal("password-updated");
    expect(result.passwordCheck).to.equal(`a login as '${user}'@'%' with the secret's password was refused`);
    expect(await login(user, PASSWORD_2)).to.equal("ok");
    expect(await login(user, PASSWORD_1)).to.equal("ER_ACCESS_DENIED_ERROR");
  });

  it("GIVEN --dry-run WHEN the account is missing THEN nothing is created", async () => {
    const user = newUser();

    const result = await run(user, PASSWORD_1, {}, true);

    expect([result.dryRun, result.user, result.grants[0].status]).to.deep.equal([true, "created", "granted"]);
    const [rows] = await admin.query<mysql.RowDataPacket[]>("SELECT User FROM mysql.user WHERE User = ?", [user]);
    expect(rows).to.have.length(0);
  });

  it("GIVEN grants of SELECT, INSERT then one more privilege THEN only the missing one is granted", async () => {
    const user = newUser();
    const first = await run(user, PASSWORD_1, { grants: [{ privileges: ["SELECT", "INSERT"] }] });
    expect(await grantsOf(user)).to.include(`GRANT SELECT, INSERT ON \`${escaped()}\`.* TO \`${user}\`@\`%\``);

    const second = await run(user, PASSWORD_1, { grants: [{ privileges: ["SELECT", "INSERT", "UPDATE"] }] });
    const third = await run(user, PASSWORD_1, { grants: [{ privileges: ["SELECT", "INSERT", "UPDATE"] }] });

    expect(first.grants[0].status).to.equal("granted");
    expect([second.grants[0].status, second.changed]).to.deep.equal(["granted", true]);
    expect([third.grants[0].status, third.changed]).to.deep.equal(["held", false]);
    expect(await grantsOf(user)).to.include(`GRANT SELECT, INSERT, UPDATE ON \`${escaped()}\`.* TO \`${user}\`@\`%\``);
  });

  it("GIVEN the default TLS WHEN the server has no TLS THEN db-user stops and says to pass --no-tls", async () => {
    const user = newUser();
    const root = writeEnvironment((c) => {
      c["rds-secret-share:database"] = localDatabase("mariadb", dbname, user);
    });
    mock = mockSecrets(secret(user, PASSWORD_1));

    const err = await failure(() => dbUser(ENV, { root, environment: adminEnvironment("root") }));

    expect(err.message).to.equal(
      `db-user: connecting to mariadb at ${MARIADB.host}:${MARIADB.port} as "root", the administrator (from environment variables RDS_SECRET_SHARE_ADMIN_USER, RDS_SECRET_SHARE_ADMIN_PASSWORD), with TLS failed: HANDSHAKE_NO_SSL_SUPPORT: Server does not support secure connection. RDS always offers TLS; for a local server without TLS, pass --no-tls.`,
    );
  });

  it("GIVEN a grant on a database that does not exist THEN the error names the config key", async () => {
    const user = newUser();

    const err = await failure(() => run(user, PASSWORD_1, { grants: [{ database: "no_such_db_dbu" }] }));

    expect(err.message).to.equal(
      `db-user: database "no_such_db_dbu" (rds-secret-share:database.grants[0].database) does not exist on ${MARIADB.host}:${MARIADB.port}. Create it first, or correct rds-secret-share:database.grants[0].database.`,
    );
  });

  describe("hostile names and passwords", () => {
    const HOSTILE_PASSWORD = `it's a "test"\\; DROP USER root; --%_x`;

    it("GIVEN a password with quotes, backslashes, semicolons and percent signs THEN it is set exactly", async () => {
      const user = newUser();

      const created = await run(user, HOSTILE_PASSWORD);
      const again = await run(user, HOSTILE_PASSWORD);

      expect([created.user, again.user]).to.deep.equal(["created", "unchanged"]);
      expect(await login(user, HOSTILE_PASSWORD)).to.equal("ok");
      expect(await login(user, "it's a test")).to.equal("ER_ACCESS_DENIED_ERROR");
      const [rows] = await admin.query<mysql.RowDataPacket[]>("SELECT User FROM mysql.user WHERE User = 'root'");
      expect(rows.length).to.be.greaterThan(0);
    });

    it("GIVEN a user name with quotes, backslash, semicolon, percent and non-ASCII THEN the SQL layer quotes it", async () => {
      const user = `a"b'c\\d;e%?é${users.length}${Math.random().toString(36).slice(2, 6)}`;
      users.push(user);
      const session = await openMysql(
        {
          app: { ...secret(user, HOSTILE_PASSWORD), engine: "mariadb", secretArn: "arn" },
          admin: { username: "root", password: "", source: "test" },
          tls: { enabled: false, description: "off" },
        },
        "mariadb",
      );
      try {
        expect((await session.inspectUser()).exists).to.equal(false);
        await session.createUser();
        expect((await session.inspectUser()).password.state).to.equal("same");
        for (const step of await session.grantSteps([{ database: dbname, privileges: ["ALL"] }], () => "k")) {
          await step.apply();
        }
      } finally {
        await session.close();
      }
      const [rows] = await admin.query<mysql.RowDataPacket[]>("SELECT User, Host FROM mysql.user WHERE User = ?", [
        user,
      ]);
      expect(rows.map((r) => [r.User, r.Host])).to.deep.equal([[user, "%"]]);
      expect(await login(user, HOSTILE_PASSWORD, dbname)).to.equal("ok");
    });

    it("GIVEN a session with NO_BACKSLASH_ESCAPES THEN db-user turns it off before escaping with backslashes", async () => {
      const c = await mariadbAdmin();
      try {
        await c.query("SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES'");
        await requireBackslashEscapes(c);
        const [rows] = await c.query<mysql.RowDataPacket[]>(
          c.format("SELECT @@SESSION.sql_mode AS mode, ? AS v", [HOSTILE_PASSWORD]),
        );
        expect([rows[0].mode, rows[0].v]).to.deep.equal(["STRICT_TRANS_TABLES", HOSTILE_PASSWORD]);
      } finally {
        await c.end();
      }
    });
  });
});
