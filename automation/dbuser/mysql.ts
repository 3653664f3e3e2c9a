// MySQL and MariaDB: the account 'user'@'%', its password and its grants on `db`.*. Values go
// through mysql2's escape (as ? placeholders), names through escapeId; one statement per query.

import mysql, { Connection, FieldPacket, RowDataPacket } from "mysql2/promise";
import { GrantSettings } from "../../infra/config/types";
import { connectError, TlsChoice } from "./connection";
import { CONNECT_TIMEOUT_MS } from "./engine";
import type { EngineSession, GrantKeyOf, GrantStep, PasswordCheck, SessionArgs, UserState } from "./engine";
import { DbUserError, driverCode, redact, stepError } from "./errors";

/** The account's host part: the application connects from tasks whose addresses change. */
export const ACCOUNT_HOST = "%";

/** The columns of mysql.db that hold each privilege `database.grants` may name. */
const PRIVILEGE_COLUMNS: Readonly<Record<string, string>> = {
  SELECT: "Select_priv",
  INSERT: "Insert_priv",
  UPDATE: "Update_priv",
  DELETE: "Delete_priv",
  CREATE: "Create_priv",
  DROP: "Drop_priv",
  ALTER: "Alter_priv",
  INDEX: "Index_priv",
  REFERENCES: "References_priv",
  "CREATE TEMPORARY TABLES": "Create_tmp_table_priv",
  "LOCK TABLES": "Lock_tables_priv",
  EXECUTE: "Execute_priv",
  "CREATE VIEW": "Create_view_priv",
  "SHOW VIEW": "Show_view_priv",
  "CREATE ROUTINE": "Create_routine_priv",
  "ALTER ROUTINE": "Alter_routine_priv",
  EVENT: "Event_priv",
  TRIGGER: "Trigger_priv",
};

/**
 * The database name as GRANT reads it: `_` and `%` are wildcards there, so `app_db` would also
 * grant on `appXdb`; escaped, the grant covers exactly the one database.
 */
export function grantPattern(database: string): string {
  return database.replace(/[\\_%]/g, "\\$&");
}

function sslOf(tls: TlsChoice): mysql.SslOptions | undefined {
  return tls.enabled ? { ca: tls.ca, rejectUnauthorized: true, verifyIdentity: true } : undefined;
}

export async function openMysql(args: SessionArgs, engine: string): Promise<EngineSession> {
  const { app, admin, tls } = args;
  const secrets = [app.password, admin.password];
  let connection: Connection;
  try {
    connection = await mysql.createConnection({
      host: app.host,
      port: app.port,
      user: admin.username,
      password: admin.password,
      ssl: sslOf(tls),
      connectTimeout: CONNECT_TIMEOUT_MS,
      multipleStatements: false,
      charset: "utf8mb4",
    });
  } catch (err) {
    const at = { engine, host: app.host, port: app.port, user: admin.username };
    throw connectError({ ...at, role: `the administrator (from ${admin.source})` }, tls, err, secrets);
  }
  // A dropped connection fails the next query, which reports it; the event must not crash the process.
  connection.on("error", () => undefined);
  try {
    await requireBackslashEscapes(connection);
  } catch (err) {
    await connection.end().catch(() => undefined);
    throw stepError("reading or setting sql_mode", err, secrets);
  }
  return new MysqlSession(args, connection);
}

/** mysql2 escapes with backslashes, which NO_BACKSLASH_ESCAPES would turn into literal text. */
export async function requireBackslashEscapes(connection: Connection): Promise<void> {
  const [rows] = await connection.query<RowDataPacket[]>("SELECT @@SESSION.sql_mode AS mode");
  const modes = String(rows[0].mode).split(",");
  if (modes.includes("NO_BACKSLASH_ESCAPES")) {
    const kept = modes.filter((m) => m !== "NO_BACKSLASH_ESCAPES").join(",");
    await connection.query(connection.format("SET SESSION sql_mode = ?", [kept]));
  }
}

class MysqlSession implements EngineSession {
  constructor(
    private readonly args: SessionArgs,
    private readonly connection: Connection,
  ) {}

  private get user(): string {
    return this.args.app.username;
  }

  private get account(): string {
    return `'${this.user}'@'${ACCOUNT_HOST}'`;
  }

  private get secrets(): string[] {
    return [this.args.app.password, this.args.admin.password];
  }

  private async query(
    what: string,
    sql: string,
    values: unknown[] = [],
    carriesPassword = false,
  ): Promise<[RowDataPacket[], FieldPacket[]]> {
    try {
      const text = values.length > 0 ? this.connection.format(sql, values) : sql;
      return await this.connection.query<RowDataPacket[]>(text);
    } catch (err) {
      throw stepError(what, err, this.secrets, carriesPassword);
    }
  }

  async inspectUser(): Promise<UserState> {
    const [rows] = await this.query(
      `looking up account ${this.account} (the administrator needs SELECT on mysql.user)`,
      "SELECT COUNT(*) AS n FROM mysql.user WHERE User = ? AND Host = ?",
      [this.user, ACCOUNT_HOST],
    );
    if (Number(rows[0].n) === 0) {
      return { exists: false, canLogin: true, password: { state: "differs", how: "the account does not exist" } };
    }
    return { exists: true, canLogin: true, password: await this.tryLogin() };
  }

  /** MySQL's verifiers are salted per plugin; a login with the secret's password tells for every plugin. */
  private async tryLogin(): Promise<PasswordCheck> {
    const { app, tls } = this.args;
    const login = `a login as ${this.account} with the secret's password`;
    try {
      const probe = await mysql.createConnection({
        host: app.host,
        port: app.port,
        user: this.user,
        password: app.password,
        ssl: sslOf(tls),
        connectTimeout: CONNECT_TIMEOUT_MS,
      });
      probe.on("error", () => undefined);
      await probe.end();
    } catch (err) {
      if ((err as { code?: string }).code === "ER_ACCESS_DENIED_ERROR") {
        return { state: "differs", how: `${login} was refused` };
      }
      const message = redact(err instanceof Error ? err.message : String(err), this.secrets);
      return { state: "unknown", how: `${login} failed: ${driverCode(err) ?? "error"}: ${message}` };
    }
    return { state: "same", how: `${login} succeeded` };
  }

  async createUser(): Promise<void> {
    await this.query(
      `creating account ${this.account}`,
      "CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?",
      [this.user, ACCOUNT_HOST, this.args.app.password],
      true,
    );
  }

  async updateUser(): Promise<void> {
    await this.query(
      `setting the password of account ${this.account}`,
      "ALTER USER ?@? IDENTIFIED BY ?",
      [this.user, ACCOUNT_HOST, this.args.app.password],
      true,
    );
  }

  async grantSteps(grants: readonly GrantSettings[], keyOf: GrantKeyOf): Promise<GrantStep[]> {
    const steps: GrantStep[] = [];
    for (const [i, grant] of grants.entries()) {
      const [schemata] = await this.query(
        `looking up database "${grant.database}"`,
        "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?",
        [grant.database],
      );
      if (schemata.length === 0) {
        const key = keyOf(i, "database");
        const { host, port } = this.args.app;
        throw new DbUserError(
          `db-user: database "${grant.database}" (${key}) does not exist on ${host}:${port}. Create it first, or correct ${key}.`,
        );
      }
      steps.push(await this.databaseStep(grant));
    }
    return steps;
  }

  private async databaseStep(grant: GrantSettings): Promise<GrantStep> {
    const pattern = grantPattern(grant.database);
    // A row for the unescaped name (granted by hand) is a wildcard that covers the database too.
    const [rows, fields] = await this.query(
      `reading the privileges of ${this.account} on \`${grant.database}\` (the administrator needs SELECT on mysql.db)`,
      "SELECT * FROM mysql.db WHERE User = ? AND Host = ? AND Db IN (?, ?)",
      [this.user, ACCOUNT_HOST, pattern, grant.database],
    );
    const held = (column: string): boolean => rows.some((row) => row[column] === "Y");
    const all = grant.privileges.includes("ALL");
    // ALL PRIVILEGES on a database is every *_priv column of mysql.db but Grant_priv, whatever the version.
    const allColumns = fields.map((f) => f.name).filter((n) => n.endsWith("_priv") && n !== "Grant_priv");
    const missing = all ? [] : grant.privileges.filter((p) => !held(PRIVILEGE_COLUMNS[p]));
    const heldAll = all ? allColumns.every(held) : missing.length === 0;
    const on = `${mysql.escapeId(pattern)}.*`;
    const list = all ? "ALL PRIVILEGES" : missing.join(", ");
    // The account is escaped on its own: no placeholder may follow an identifier that holds a ?.
    const sql = `GRANT ${list} ON ${on} TO ${mysql.escape(this.user)}@${mysql.escape(ACCOUNT_HOST)}`;
    return {
      database: grant.database,
      on: `DATABASE ${mysql.escapeId(grant.database)} (${on})`,
      privileges: grant.privileges,
      held: heldAll,
      apply: async () => {
        await this.query(`granting ${list} on ${on} to ${this.account}`, sql);
      },
    };
  }

  notices(): readonly string[] {
    return [];
  }

  async close(): Promise<void> {
    await this.connection.end().catch(() => undefined);
  }
}
