// `db-user` (step ③): create or update the database user from the shared secret's current value,
// then grant what `database.grants` describes. Inspects first and changes only what differs, so a
// second run changes nothing.

import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { NAMESPACE } from "../../infra/config/keys";
import { Engine, Settings } from "../../infra/config/types";
import { readEnvironment } from "../environment";
import { ownerStack } from "../environmentStacks";
import { tlsChoice } from "./connection";
import { EngineSession, GrantKeyOf, SessionArgs, UserState } from "./engine";
import { DbUserError } from "./errors";
import { openMysql } from "./mysql";
import { openPostgres } from "./postgres";
import { credentialsInUse, ownerClient } from "./credentials";
import { AdminCredentials, AppCredentials, readAdminCredentials, readAppCredentials } from "./secrets";

export interface DbUserOptions {
  /** The project root holding Pulumi.<env>.yaml. @default the project root */
  readonly root?: string;
  /** Require TLS with certificate and host name verification; false only for a local server. @default true */
  readonly tls?: boolean;
  /** A PEM file of the CAs to trust instead of the defaults. @default Amazon RDS's CAs and Node's */
  readonly caBundle?: string;
  /** Inspect and report what would change, change nothing. @default false */
  readonly dryRun?: boolean;
  /** Where RDS_SECRET_SHARE_ADMIN_USER / _PASSWORD are read. @default process.env */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /**
   * The Secrets Manager client. @default one in the owner region that assumes owner.assumeRoleArn
   * when set, with owner.profile (when set) or the ambient credentials as the source
   */
  readonly secretsManager?: SecretsManagerClient;
}

/** What happened to the user: created, password changed, set without knowing, or nothing. */
export type UserAction = "created" | "password-updated" | "password-set" | "login-enabled" | "unchanged";

export interface GrantOutcome {
  readonly database: string;
  readonly on: string;
  readonly privileges: readonly string[];
  /** `no-objects`: a grant on all tables (or sequences) of a schema that has none yet. */
  readonly status: "granted" | "held" | "no-objects";
  readonly objects?: { readonly count: number; readonly noun: string };
}

/** What `db-user` did (or, with dryRun, would do). Never holds a password. */
export interface DbUserResult {
  readonly env: string;
  readonly engine: Engine;
  readonly host: string;
  readonly port: number;
  readonly dbname: string;
  readonly tls: string;
  /** The shared secret read (its AWSCURRENT version). */
  readonly secretArn: string;
  /** The AWS credentials the secrets were read with: the role assumed, the profile or the ambient ones. */
  readonly awsCredentials: string;
  readonly admin: { readonly username: string; readonly source: string };
  readonly username: string;
  readonly user: UserAction;
  /** How the current password was compared with the secret's. */
  readonly passwordCheck: string;
  readonly grants: readonly GrantOutcome[];
  readonly changed: boolean;
  readonly dryRun: boolean;
  readonly notes: readonly string[];
}

export async function dbUser(env: string, options: DbUserOptions = {}): Promise<DbUserResult> {
  const { settings, keyOf } = loadSettings(env, options.root);
  const tls = tlsChoice(options.tls ?? true, options.caBundle);
  const { app, admin } = await readCredentials(settings, options);
  if (admin.username === app.username) {
    throw new DbUserError(
      `db-user: the administrator and the application user are both "${app.username}"; db-user never changes the administrator's password. Use the master user's credentials.`,
    );
  }
  const args: SessionArgs = { app, admin, tls };
  const session = app.engine === "postgres" ? await openPostgres(args) : await openMysql(args, app.engine);
  try {
    const dryRun = options.dryRun === true;
    const state = await session.inspectUser();
    const user = userAction(state);
    // Grants are resolved first: a grant naming a missing database or schema stops the run
    // before the user is created or its password changed.
    const steps = await session.grantSteps(settings.database.grants, keyOf);
    if (!dryRun) {
      await applyUser(session, state, user);
    }
    const grants: GrantOutcome[] = [];
    for (const step of steps) {
      const status = step.objects?.count === 0 ? "no-objects" : step.held ? "held" : "granted";
      if (status === "granted" && !dryRun) {
        await step.apply();
      }
      const { database, on, privileges, objects } = step;
      grants.push({ database, on, privileges, status, ...(objects ? { objects } : {}) });
    }
    return {
      env,
      engine: app.engine,
      host: app.host,
      port: app.port,
      dbname: app.dbname,
      tls: tls.description,
      secretArn: app.secretArn,
      awsCredentials: options.secretsManager
        ? "those of the Secrets Manager client passed as options.secretsManager"
        : credentialsInUse(settings),
      admin: { username: admin.username, source: admin.source },
      username: app.username,
      user,
      passwordCheck: state.exists ? state.password.how : "none: the user did not exist",
      grants,
      changed: user !== "unchanged" || grants.some((g) => g.status === "granted"),
      dryRun,
      notes: [...notesOf(settings, app), ...session.notices().map((n) => `server: ${n}`)],
    };
  } finally {
    await session.close();
  }
}

/** The environment validated as its owner stack `<env>-owner` is validated by a deploy. */
function loadSettings(env: string, root: string | undefined): { settings: Settings; keyOf: GrantKeyOf } {
  const environment = readEnvironment(env, root);
  // As a deploy validates it: a dbPassword written in plain text in the file is refused.
  const { settings } = ownerStack(environment);
  const database = environment.config[`${NAMESPACE}:database`] as { grants?: unknown } | undefined;
  const configured = database?.grants !== undefined && database.grants !== null;
  const keyOf: GrantKeyOf = configured
    ? (i, field) => `${NAMESPACE}:database.grants[${i}].${field}`
    : (_i, field) =>
        field === "database"
          ? `${NAMESPACE}:database.dbname`
          : `${NAMESPACE}:database.grants (absent: ALL on database.dbname, schema public)`;
  return { settings, keyOf };
}

async function readCredentials(
  settings: Settings,
  options: DbUserOptions,
): Promise<{ app: AppCredentials; admin: AdminCredentials }> {
  const client = options.secretsManager ?? ownerClient(settings);
  try {
    const app = await readAppCredentials(client, settings);
    const admin = await readAdminCredentials(client, settings, options.environment ?? process.env);
    return { app, admin };
  } finally {
    if (!options.secretsManager) {
      client.destroy();
    }
  }
}

function userAction(state: UserState): UserAction {
  if (!state.exists) {
    return "created";
  }
  switch (state.password.state) {
    case "differs":
      return "password-updated";
    case "unknown":
      return "password-set";
    default:
      return state.canLogin ? "unchanged" : "login-enabled";
  }
}

async function applyUser(session: EngineSession, state: UserState, action: UserAction): Promise<void> {
  if (action === "created") {
    await session.createUser();
  } else if (action !== "unchanged") {
    await session.updateUser(!state.canLogin);
  }
}

function notesOf(settings: Settings, app: AppCredentials): string[] {
  const db = settings.database;
  const notes: string[] = [];
  // Host and port are the configured ones (the secret's must match them); dbname may differ.
  if (app.dbname !== db.dbname) {
    notes.push(
      `the secret's dbname ${app.dbname} differs from ${NAMESPACE}:database.dbname ${db.dbname}; db-user used the secret's.`,
    );
  }
  return notes;
}
