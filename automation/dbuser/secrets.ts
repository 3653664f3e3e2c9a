// The two secrets `db-user` reads in the owner account: the shared secret's current value (the
// application user's credentials) and, when configured, the administrator's RDS-managed secret.

import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { accountOf, parseArn } from "../../infra/arn";
import { PASSWORD_MIN_LENGTH } from "../../infra/config/password";
import { CLONE_SUFFIX } from "../../infra/config/rotation";
import { ConfigError, formatProblem, Problems } from "../../infra/config/problems";
import * as rules from "../../infra/config/rules";
import { Engine, Settings } from "../../infra/config/types";
import { CREDENTIAL_ERRORS } from "../aws/credentials";
import { AssumeRoleFailure, assumeRoleError, credentialsInUse, refreshHint } from "./credentials";
import { requireConfiguredEndpoint } from "./endpoint";
import { DbUserError } from "./errors";

/** What the shared secret says about the application user and where its database is. */
export interface AppCredentials {
  readonly secretArn: string;
  readonly username: string;
  readonly password: string;
  readonly engine: Engine;
  readonly host: string;
  readonly port: number;
  readonly dbname: string;
}

/** Credentials `db-user` connects with to create the user and grant privileges. */
export interface AdminCredentials {
  readonly username: string;
  readonly password: string;
  /** Where they came from, for the report: the secret ARN or the environment variables. */
  readonly source: string;
}

export const ADMIN_USER_ENV = "RDS_SECRET_SHARE_ADMIN_USER";
export const ADMIN_PASSWORD_ENV = "RDS_SECRET_SHARE_ADMIN_PASSWORD";

/** Passwords `db-user` sets: printable ASCII, where SASLprep and character sets change nothing. */
export const USER_PASSWORD_MAX_LENGTH = 128;

/** Reads AWSCURRENT of the shared secret (by name) and checks it belongs to the owner account. */
export async function readAppCredentials(client: SecretsManagerClient, settings: Settings): Promise<AppCredentials> {
  const id = settings.secret.name;
  const { arn, value } = await readJson(client, id, "the shared secret", settings);
  const parsed = parseArn(arn);
  const account = parsed?.service === "secretsmanager" ? accountOf(arn) : undefined;
  if (account !== settings.owner.accountId) {
    throw new DbUserError(
      `db-user: the secret "${id}" was read from account ${account ?? "unknown"} (${arn}) with ${credentialsInUse(settings)}, but rds-secret-share:owner.accountId is ${settings.owner.accountId}. ${ownerAccountHint(settings)}`,
    );
  }
  return checkAppFields(id, arn, value, settings);
}

/**
 * The administrator: from the environment variables when RDS_SECRET_SHARE_ADMIN_USER is set (an
 * explicit choice for this run), else from database.masterSecretArn (RDS-managed: username, password).
 */
export async function readAdminCredentials(
  client: SecretsManagerClient,
  settings: Settings,
  environment: Readonly<Record<string, string | undefined>>,
): Promise<AdminCredentials> {
  const user = environment[ADMIN_USER_ENV];
  const password = environment[ADMIN_PASSWORD_ENV];
  if (user !== undefined || password !== undefined) {
    if (!user || password === undefined) {
      throw new DbUserError(
        `db-user: set both ${ADMIN_USER_ENV} (not empty) and ${ADMIN_PASSWORD_ENV} (empty for none), or neither to use rds-secret-share:database.masterSecretArn.`,
      );
    }
    return { username: user, password, source: `environment variables ${ADMIN_USER_ENV}, ${ADMIN_PASSWORD_ENV}` };
  }
  const arn = settings.database.masterSecretArn;
  if (!arn) {
    throw new DbUserError(
      `db-user: no administrator credentials: set rds-secret-share:database.masterSecretArn (the RDS-managed secret of the master user) or the environment variables ${ADMIN_USER_ENV} and ${ADMIN_PASSWORD_ENV}.`,
    );
  }
  const { value } = await readJson(client, arn, "the administrator's secret (database.masterSecretArn)", settings);
  const problems = new Problems();
  const key = `secret "${arn}"`;
  if (typeof value.username !== "string" || value.username === "") {
    problems.add(`${key}.username`, value.username, "the administrator's user name");
  }
  if (typeof value.password !== "string") {
    problems.addSecret(`${key}.password`, "the administrator's password, a string");
  }
  throwAsDbUserError(problems);
  return { username: value.username as string, password: value.password as string, source: arn };
}

async function readJson(
  client: SecretsManagerClient,
  secretId: string,
  what: string,
  settings: Settings,
): Promise<{ arn: string; value: Record<string, unknown> }> {
  let response;
  try {
    response = await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: "AWSCURRENT" }));
  } catch (err) {
    throw secretsManagerError(err, what, secretId, settings);
  }
  let value: unknown;
  try {
    value = JSON.parse(response.SecretString ?? "");
  } catch {
    value = undefined; // the text is not shown: it may be the password itself
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DbUserError(
      `db-user: ${what} "${secretId}" does not hold a JSON object in SecretString (an "RDS database credentials" secret does); its value is not shown.`,
    );
  }
  return { arn: response.ARN ?? secretId, value: value as Record<string, unknown> };
}

/** Turns the SDK's errors into messages that say which credentials were used and what to do. */
export function secretsManagerError(err: unknown, what: string, secretId: string, settings: Settings): DbUserError {
  if (err instanceof AssumeRoleFailure) {
    return assumeRoleError(err, what, secretId, settings);
  }
  const name = err instanceof Error ? err.name : "";
  const message = err instanceof Error ? err.message : String(err);
  const where = `account ${settings.owner.accountId}, region ${settings.owner.region}`;
  const used = credentialsInUse(settings);
  if (CREDENTIAL_ERRORS.includes(name)) {
    return new DbUserError(
      `db-user: no usable AWS credentials for the owner account ${settings.owner.accountId} to read ${what} "${secretId}" with ${used}: ${name}: ${message.replace(/\.$/, "")}. ${refreshHint(settings)}`,
      2,
    );
  }
  switch (name) {
    case "AccessDeniedException":
      return new DbUserError(
        `db-user: access denied reading ${what} "${secretId}" (${where}) with ${used}. ${grantHint(settings, "secretsmanager:GetSecretValue on the secret and kms:Decrypt on its KMS key")}`,
      );
    case "DecryptionFailure":
      return new DbUserError(
        `db-user: ${what} "${secretId}" could not be decrypted (${where}) with ${used}. ${grantHint(settings, "kms:Decrypt on the secret's KMS key through Secrets Manager")}`,
      );
    case "ResourceNotFoundException":
      return new DbUserError(
        `db-user: ${what} "${secretId}" was not found in region ${settings.owner.region} of the account of ${used}. Deploy the owner stack first (npx rds-secret-share deploy ${settings.env}) or check the name.${settings.owner.assumeRoleArn ? "" : ` ${ownerAccountHint(settings)}`}`,
      );
    default:
      return new DbUserError(
        `db-user: reading ${what} "${secretId}" (${where}) with ${used} failed: ${name || "error"}: ${message}`,
      );
  }
}

/** What to grant, and to whom, when the credentials in use were refused. */
function grantHint(settings: Settings, need: string): string {
  const role = settings.owner.assumeRoleArn;
  return role
    ? `The role needs ${need}: grant it, or set rds-secret-share:owner.assumeRoleArn to a role that has it.`
    : `They need ${need}. ${ownerAccountHint(settings)}`;
}

/** How to choose credentials of the owner account. */
function ownerAccountHint(settings: Settings): string {
  const account = settings.owner.accountId;
  return settings.owner.assumeRoleArn
    ? `Set rds-secret-share:owner.assumeRoleArn to a role of account ${account}.`
    : `Use credentials of the owner account ${account}: set rds-secret-share:owner.assumeRoleArn (a role to assume) or rds-secret-share:owner.profile.`;
}

function checkAppFields(id: string, arn: string, value: Record<string, unknown>, settings: Settings): AppCredentials {
  const db = settings.database;
  const problems = new Problems();
  const key = `secret "${id}"`;
  const usernames = [
    db.username,
    ...(settings.rotation?.strategy === "alternating-users" ? [db.username + CLONE_SUFFIX] : []),
  ];
  if (typeof value.username !== "string" || !usernames.includes(value.username)) {
    problems.add(
      `${key}.username`,
      value.username,
      `${usernames.map((u) => JSON.stringify(u)).join(" or ")}, from rds-secret-share:database.username`,
    );
  }
  if (!passwordAcceptable(value.password)) {
    problems.addSecret(
      `${key}.password`,
      `${PASSWORD_MIN_LENGTH} to ${USER_PASSWORD_MAX_LENGTH} printable ASCII characters (space to ~); other characters are hashed differently by different clients`,
    );
  }
  if (value.engine !== undefined && value.engine !== db.engine) {
    problems.add(
      `${key}.engine`,
      value.engine,
      `${JSON.stringify(db.engine)}, the value of rds-secret-share:database.engine`,
    );
  }
  const host = typeof value.host === "string" && rules.hostname.test(value.host) ? value.host : undefined;
  if (!host) {
    problems.add(`${key}.host`, value.host, rules.hostname.allowed);
  }
  const port = typeof value.port === "string" && /^\d+$/.test(value.port) ? Number(value.port) : value.port;
  if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) {
    problems.add(`${key}.port`, value.port, "a whole number from 1 to 65535");
  }
  const dbname = typeof value.dbname === "string" && rules.dbname.test(value.dbname) ? value.dbname : undefined;
  if (!dbname) {
    problems.add(`${key}.dbname`, value.dbname, rules.dbname.allowed);
  }
  throwAsDbUserError(problems);
  requireConfiguredEndpoint(id, host as string, port as number, settings);
  return {
    secretArn: arn,
    username: value.username as string,
    password: value.password as string,
    engine: db.engine,
    // The validated config, never the secret: whoever may write the secret must not be able to
    // send db-user, with the administrator's password, to a server of their own.
    host: db.host,
    port: db.port,
    dbname: dbname as string,
  };
}

export function passwordAcceptable(password: unknown): password is string {
  return (
    typeof password === "string" &&
    password.length >= PASSWORD_MIN_LENGTH &&
    password.length <= USER_PASSWORD_MAX_LENGTH &&
    /^[\x20-\x7e]*$/.test(password)
  );
}

/** Problems found in a secret's value: the same wording as config problems, raised as DbUserError. */
function throwAsDbUserError(problems: Problems): void {
  try {
    problems.throwIfAny();
  } catch (err) {
    if (!(err instanceof ConfigError)) {
      throw err;
    }
    const list = err.problems.map(formatProblem);
    throw new DbUserError(
      list.length === 1
        ? `db-user: ${list[0]}`
        : [`db-user: ${list.length} problems in secrets:`, ...list.map((l) => `  - ${l}`)].join("\n"),
    );
  }
}
