// Where db-user connects: only to the database the validated config names. The shared secret's
// host and port are written by whoever may call PutSecretValue on it; trusting them would let that
// person receive the administrator's password on a server of their own.

import { Settings } from "../../infra/config/types";
import { DbUserError } from "./errors";

/** The secret's host and port must be the configured ones; a difference stops before any connection. */
export function requireConfiguredEndpoint(secretName: string, host: string, port: number, settings: Settings): void {
  const db = settings.database;
  // DNS names are case-insensitive; the port must be the same number.
  if (host.toLowerCase() === db.host.toLowerCase() && port === db.port) {
    return;
  }
  throw new DbUserError(
    `db-user: the secret "${secretName}" names the database ${host}:${port}, but rds-secret-share:database.host and .port are ${db.host}:${db.port}; ` +
      `db-user connects only to the configured database, so it did not connect. If the configuration is right, write ${db.host} and ${db.port} back into the secret's host and port, ` +
      `keeping its password and other fields (aws secretsmanager get-secret-value piped through jq into put-secret-value, as "What a later deploy does not change" in docs/driver.md shows); ` +
      `if the database moved, correct rds-secret-share:database.host and .port as well.`,
  );
}
