// PostgreSQL: the connections, the role and its password (sent as a SCRAM verifier, never in
// clear); the grants are in postgres-grants.ts. Names go through pgIdentifier, literals through
// escapeLiteral or a parameter.

import { Client, ClientConfig, escapeLiteral } from "pg";
import { GrantSettings } from "../../infra/config/types";
import { connectError } from "./connection";
import { CONNECT_TIMEOUT_MS } from "./engine";
import type { EngineSession, GrantKeyOf, GrantStep, PasswordCheck, SessionArgs, UserState } from "./engine";
import { driverCode, redact, stepError } from "./errors";
import { pgIdentifier, PostgresAdmin, postgresGrantSteps } from "./postgres-grants";
import { scramVerifier, storedPasswordMatches } from "./scram";

const APPLICATION_NAME = "rds-secret-share db-user";
const STATEMENT_TIMEOUT_MS = 60_000;
export async function openPostgres(args: SessionArgs): Promise<EngineSession> {
  const session = new PostgresSession(args);
  await session.adminFor(args.app.dbname);
  return session;
}

class PostgresSession implements EngineSession, PostgresAdmin {
  private readonly clients = new Map<string, Client>();
  private readonly messages: string[] = [];
  private verifier?: string;

  constructor(private readonly args: SessionArgs) {}

  get user(): string {
    return this.args.app.username;
  }

  get host(): string {
    return `${this.args.app.host}:${this.args.app.port}`;
  }

  get mainDatabase(): string {
    return this.args.app.dbname;
  }

  private get secrets(): string[] {
    return [this.args.app.password, this.args.admin.password, this.verifier ?? ""];
  }

  private config(database: string, user: string, password: ClientConfig["password"]): ClientConfig {
    const { app, tls } = this.args;
    return {
      host: app.host,
      port: app.port,
      database,
      user,
      password,
      ssl: tls.enabled ? { rejectUnauthorized: true, ca: tls.ca } : false,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: APPLICATION_NAME,
    };
  }

  /** An administrator connection to `database`, opened once. */
  async adminFor(database: string): Promise<Client> {
    const open = this.clients.get(database);
    if (open) {
      return open;
    }
    const { app, admin, tls } = this.args;
    const client = new Client({
      ...this.config(database, admin.username, admin.password),
      statement_timeout: STATEMENT_TIMEOUT_MS,
    });
    // A dropped connection fails the next query, which reports it; the event must not crash the process.
    client.on("error", () => undefined);
    client.on("notice", (n) => this.messages.push(redact(n.message ?? "", this.secrets)));
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => undefined);
      const at = { engine: "postgres", host: app.host, port: app.port, database, user: admin.username };
      throw connectError({ ...at, role: `the administrator (from ${admin.source})` }, tls, err, this.secrets);
    }
    this.clients.set(database, client);
    return client;
  }

  private get main(): Client {
    return this.clients.get(this.args.app.dbname) as Client;
  }

  async query<R extends object>(
    client: Client,
    what: string,
    sql: string,
    values: unknown[] = [],
    carriesPassword = false,
  ): Promise<R[]> {
    try {
      return (await client.query<R>(sql, values)).rows;
    } catch (err) {
      throw stepError(what, err, this.secrets, carriesPassword);
    }
  }

  async inspectUser(): Promise<UserState> {
    const rows = await this.query<{ rolcanlogin: boolean }>(
      this.main,
      `looking up role "${this.user}"`,
      "SELECT rolcanlogin FROM pg_roles WHERE rolname = $1",
      [this.user],
    );
    if (rows.length === 0) {
      return { exists: false, canLogin: false, password: { state: "differs", how: "the role does not exist" } };
    }
    return { exists: true, canLogin: rows[0].rolcanlogin, password: await this.checkPassword() };
  }

  /** Compares with the stored verifier when the administrator may read it, else tries a login. */
  private async checkPassword(): Promise<PasswordCheck> {
    let stored: { rolpassword: string | null } | undefined;
    try {
      const result = await this.main.query<{ rolpassword: string | null }>(
        "SELECT rolpassword FROM pg_authid WHERE rolname = $1",
        [this.user],
      );
      stored = result.rows[0];
    } catch (err) {
      if ((err as { code?: string }).code === "42501") {
        return this.tryLogin("pg_authid is not readable by the administrator (as on RDS)");
      }
      throw stepError(`reading the password verifier of "${this.user}"`, err, this.secrets);
    }
    const match = storedPasswordMatches(stored?.rolpassword ?? null, this.user, this.args.app.password);
    if (match === undefined) {
      return this.tryLogin("the stored password verifier has an unknown format");
    }
    return { state: match ? "same" : "differs", how: "compared with the role's stored password verifier" };
  }

  /** A login as the user tells only when the server asks for a password (not with trust). */
  private async tryLogin(why: string): Promise<PasswordCheck> {
    const { app } = this.args;
    let asked = false;
    const password = (): string => {
      asked = true;
      return app.password;
    };
    const client = new Client(this.config(app.dbname, this.user, password));
    client.on("error", () => undefined);
    const login = `a login as "${this.user}" with the secret's password`;
    try {
      await client.connect();
    } catch (err) {
      if ((err as { code?: string }).code === "28P01") {
        return { state: "differs", how: `${why}; ${login} was refused` };
      }
      const message = redact(err instanceof Error ? err.message : String(err), this.secrets);
      return { state: "unknown", how: `${why}, and ${login} failed: ${driverCode(err) ?? "error"}: ${message}` };
    } finally {
      await client.end().catch(() => undefined);
    }
    return asked
      ? { state: "same", how: `${why}; ${login} succeeded` }
      : { state: "unknown", how: `${why}, and the server let "${this.user}" in without asking for a password` };
  }

  /** The password as a SCRAM verifier: the statement, and any log of it, never holds the password. */
  private passwordLiteral(): string {
    this.verifier ??= scramVerifier(this.args.app.password);
    return escapeLiteral(this.verifier);
  }

  async createUser(): Promise<void> {
    const sql = `CREATE ROLE ${pgIdentifier(this.user, "role")} LOGIN PASSWORD ${this.passwordLiteral()}`;
    await this.query(this.main, `creating role "${this.user}"`, sql, [], true);
  }

  async updateUser(enableLogin: boolean): Promise<void> {
    const login = enableLogin ? "LOGIN " : "";
    const sql = `ALTER ROLE ${pgIdentifier(this.user, "role")} ${login}PASSWORD ${this.passwordLiteral()}`;
    await this.query(this.main, `setting the password of role "${this.user}"`, sql, [], true);
  }

  async grantSteps(grants: readonly GrantSettings[], keyOf: GrantKeyOf): Promise<GrantStep[]> {
    return postgresGrantSteps(this, grants, keyOf);
  }

  notices(): readonly string[] {
    return this.messages;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.end().catch(() => undefined)));
    this.clients.clear();
  }
}
