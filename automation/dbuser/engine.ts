// What `db-user` asks of a database engine. The flow (inspect, then change only what differs)
// is one piece of code in dbuser.ts; postgres.ts and mysql.ts only speak their SQL.

import { GrantSettings } from "../../infra/config/types";
import { TlsChoice } from "./connection";
import { AdminCredentials, AppCredentials } from "./secrets";

/** Whether the user's current password is the secret's, and how that was told. */
export interface PasswordCheck {
  readonly state: "same" | "differs" | "unknown";
  /** e.g. "compared with the stored SCRAM verifier", or why it could not be told. */
  readonly how: string;
}

export interface UserState {
  readonly exists: boolean;
  /** PostgreSQL: the role has LOGIN. Always true for MySQL and MariaDB accounts. */
  readonly canLogin: boolean;
  /** Meaningful only when the user exists. */
  readonly password: PasswordCheck;
}

/** One GRANT statement `db-user` would run, with what the user already holds. */
export interface GrantStep {
  readonly database: string;
  /** What is granted on, as the report shows it, e.g. `DATABASE "app"`. */
  readonly on: string;
  /** The privileges the statement grants; "ALL" for every privilege of its kind. */
  readonly privileges: readonly string[];
  /** True when the user holds them all already: the statement is not run. */
  readonly held: boolean;
  /** For grants on all tables or sequences of a schema: how many there are now. */
  readonly objects?: { readonly count: number; readonly noun: string };
  readonly apply: () => Promise<void>;
}

export interface EngineSession {
  inspectUser(): Promise<UserState>;
  createUser(): Promise<void>;
  /** Sets the password; with `enableLogin`, also gives the role LOGIN (PostgreSQL). */
  updateUser(enableLogin: boolean): Promise<void>;
  /** The statements the grants need, in order; a grant's database and schemas must exist. */
  grantSteps(grants: readonly GrantSettings[], keyOf: GrantKeyOf): Promise<GrantStep[]>;
  /** Messages the server sent while statements ran (e.g. PostgreSQL warnings). */
  notices(): readonly string[];
  close(): Promise<void>;
}

export interface SessionArgs {
  readonly app: AppCredentials;
  readonly admin: AdminCredentials;
  readonly tls: TlsChoice;
}

/** Milliseconds a connection attempt may take before it is reported as unreachable. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** The config key a grant's database or schemas came from, for errors naming it. */
export type GrantKeyOf = (index: number, field: "database" | "schemas") => string;
