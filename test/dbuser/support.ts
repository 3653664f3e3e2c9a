// Helpers for the db-user tests: the local servers (skipped visibly when down, failing under
// CI=true), throwaway environments and names, a mocked Secrets Manager, and an independent check
// of PostgreSQL passwords (this machine's pg_hba trusts every local connection).

import { randomBytes, createHash, createHmac, timingSafeEqual } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import mysql from "mysql2/promise";
import { Client } from "pg";
import { parse, stringify } from "yaml";
import { PROJECT_ROOT } from "../../automation/environment";

export const PG = { host: "127.0.0.1", port: Number(process.env.DBUSER_TEST_PG_PORT ?? 5432), user: "postgres" };
export const MARIADB = {
  host: "127.0.0.1",
  port: Number(process.env.DBUSER_TEST_MYSQL_PORT ?? 3306),
  user: "root",
  password: "",
};

export const ENV = "dbutest";
export const SECRET_NAME = "rds/dbutest/app";
export const SECRET_ARN = `arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:${SECRET_NAME}-AbCdEf`;
export const MASTER_ARN = "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds!db-0123abcd-AbCdEf";

/** A name no other run uses: tests of several engineers may run at once against the same servers. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(3).toString("hex")}`;
}

/** Puts why on every test of `suite`, nested ones too: the reporter shows each skipped test with it. */
function markSkipped(suite: Mocha.Suite | undefined, why: string): void {
  for (const test of suite?.tests ?? []) {
    test.title = `${test.title} (SKIPPED: ${why})`;
  }
  suite?.suites.forEach((s) => markSkipped(s, why));
}

/**
 * Skips the suite when the server is down, with the reason in each skipped test's title (tests
 * print nothing themselves); under CI=true a down server fails the suite instead, so CI can
 * never pass without running these tests.
 */
export async function requireServer(ctx: Mocha.Context, name: string, probe: () => Promise<void>): Promise<void> {
  try {
    await probe();
  } catch (err) {
    const reason = `${name} is not reachable: ${(err as Error).message}`;
    if (process.env.CI === "true") {
      throw new Error(`${reason} (CI=true: the database tests must run)`);
    }
    markSkipped(ctx.test?.parent, `${reason}; set CI=true to make this a failure`);
    ctx.skip();
  }
}

export async function pgAdmin(database = "postgres"): Promise<Client> {
  const client = new Client({ ...PG, database, connectionTimeoutMillis: 3000 });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

export async function mariadbAdmin(): Promise<mysql.Connection> {
  const connection = await mysql.createConnection({ ...MARIADB, connectTimeout: 3000 });
  connection.on("error", () => undefined);
  return connection;
}

const roots: string[] = [];
// A root-level hook: the throwaway project roots go when the whole run ends.
after(() => {
  for (const root of roots.splice(0)) {
    rmSync(root, { recursive: true, force: true });
  }
});

/** The dev example's config with the database (and anything else) changed by `edit`. */
export function writeEnvironment(edit: (config: Record<string, any>) => void): string {
  const doc = parse(readFileSync(path.join(PROJECT_ROOT, "Pulumi.dev.yaml"), "utf8"));
  const config = doc.config;
  delete config["rds-secret-share:owner"].assumeRoleArn;
  config["rds-secret-share:secret"] = { name: SECRET_NAME };
  edit(config);
  const root = mkdtempSync(path.join(tmpdir(), "dbuser-"));
  roots.push(root);
  writeFileSync(path.join(root, `Pulumi.${ENV}.yaml`), stringify(doc));
  return root;
}

/** The database part of the config for a local server. */
export function localDatabase(
  engine: "postgres" | "mariadb",
  dbname: string,
  username: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const server = engine === "postgres" ? PG : MARIADB;
  return { engine, host: server.host, port: server.port, dbname, username, ...extra };
}

export interface SecretValue {
  readonly username: string;
  readonly password: string;
  readonly engine: string;
  readonly host: string;
  readonly port: number;
  readonly dbname: string;
}

/** Mocks GetSecretValue: the shared secret by name, the administrator's by ARN. */
export function mockSecrets(app: SecretValue, master?: { username: string; password: string }) {
  const mock = mockClient(SecretsManagerClient);
  mock
    .on(GetSecretValueCommand, { SecretId: SECRET_NAME, VersionStage: "AWSCURRENT" })
    .resolves({ ARN: SECRET_ARN, Name: SECRET_NAME, SecretString: JSON.stringify(app) });
  if (master) {
    mock
      .on(GetSecretValueCommand, { SecretId: MASTER_ARN, VersionStage: "AWSCURRENT" })
      .resolves({ ARN: MASTER_ARN, SecretString: JSON.stringify(master) });
  }
  return mock;
}

/** Administrator credentials through the documented environment variables. */
export function adminEnvironment(user: string, password = ""): Record<string, string> {
  return { RDS_SECRET_SHARE_ADMIN_USER: user, RDS_SECRET_SHARE_ADMIN_PASSWORD: password };
}

// node-pg's own SCRAM client: an implementation independent of automation/dbuser/scram.ts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sasl = require("pg/lib/crypto/sasl") as {
  startSession(mechanisms: string[]): { clientNonce: string; response: string };
  continueSession(session: object, password: string, serverData: string): Promise<void>;
  finalizeSession(session: object, serverData: string): void;
};

/**
 * A SCRAM-SHA-256 login against a stored verifier, as the server performs it: node-pg's client
 * computes the proof from `password`; the server side checks it against StoredKey and sends a
 * signature made with ServerKey, which the client checks in turn.
 */
export async function scramLogin(verifier: string, password: string): Promise<boolean> {
  const m = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(verifier);
  if (!m) {
    throw new Error(`not a SCRAM verifier: ${verifier.slice(0, 14)}…`);
  }
  const [, iterations, salt, storedKeyB64, serverKeyB64] = m;
  const session = sasl.startSession(["SCRAM-SHA-256"]);
  const nonce = session.clientNonce + randomBytes(18).toString("base64");
  const serverFirst = `r=${nonce},s=${salt},i=${iterations}`;
  await sasl.continueSession(session, password, serverFirst);
  const clientFinal = session.response;
  const withoutProof = clientFinal.replace(/,p=[^,]+$/, "");
  const proof = Buffer.from(/,p=([^,]+)$/.exec(clientFinal)?.[1] ?? "", "base64");
  const authMessage = `n=*,r=${session.clientNonce},${serverFirst},${withoutProof}`;
  const storedKey = Buffer.from(storedKeyB64, "base64");
  const clientSignature = createHmac("sha256", storedKey).update(authMessage).digest();
  const clientKey = Buffer.from(proof.map((b, i) => b ^ clientSignature[i]));
  const ok = proof.length === 32 && timingSafeEqual(createHash("sha256").update(clientKey).digest(), storedKey);
  if (ok) {
    const serverSignature = createHmac("sha256", Buffer.from(serverKeyB64, "base64")).update(authMessage).digest();
    sasl.finalizeSession(session, `v=${serverSignature.toString("base64")}`);
  }
  return ok;
}

/** The role's stored verifier, read as the superuser. */
export async function storedVerifier(admin: Client, role: string): Promise<string | null> {
  const r = await admin.query<{ rolpassword: string | null }>("SELECT rolpassword FROM pg_authid WHERE rolname = $1", [
    role,
  ]);
  if (r.rows.length === 0) {
    throw new Error(`no role ${role}`);
  }
  return r.rows[0].rolpassword;
}
