// `database` and `dbPassword`: the database whose credentials the secret holds.

import { readGrants } from "./grants";
import { passwordCharactersAllowed, passwordMaxLength, passwordRuleText, PASSWORD_MIN_LENGTH } from "./password";
import { PASSWORD_KEY } from "./keys";
import { Problems } from "./problems";
import { ObjectReader } from "./reader";
import * as rules from "./rules";
import { DatabaseSettings, Engine, ENGINES, OwnerSettings } from "./types";

/** The keys of `database`; anything else is a typo. */
export const DATABASE_KEYS = [
  "engine",
  "host",
  "port",
  "dbname",
  "username",
  "instanceIdentifier",
  "masterSecretArn",
  "masterSecretKmsKeyArn",
  "grants",
];
const DEFAULT_PORT: Readonly<Record<Engine, number>> = { postgres: 5432, mysql: 3306, mariadb: 3306 };
/** The longest user name each engine accepts. */
export const USERNAME_MAX: Readonly<Record<Engine, number>> = { postgres: 63, mysql: 32, mariadb: 32 };
const RESERVED_USERNAMES = ["rdsadmin", "rdsrepladmin", "rdsproxyadmin", "rds_superuser", "root", "postgres", "mysql"];
/**
 * Databases of the engine or of RDS, never the application's: its user would be granted ALL there.
 * `postgres` is PostgreSQL's default database, which applications may use, so it is allowed.
 */
export const SYSTEM_DATABASES: Readonly<Record<Engine, readonly string[]>> = {
  postgres: ["rdsadmin", "template0", "template1"],
  mysql: ["mysql", "sys", "performance_schema", "information_schema"],
  mariadb: ["mysql", "sys", "performance_schema", "information_schema"],
};

export function readDatabase(d: ObjectReader, owner: OwnerSettings | undefined): DatabaseSettings | undefined {
  const before = d.problems.count;
  const engine = d.string("engine", rules.oneOf(ENGINES)) as Engine | undefined;
  const host = d.string("host", rules.hostname);
  const port = d.integer("port", 1, 65535, engine ? DEFAULT_PORT[engine] : 5432);
  const dbname = d.string("dbname", rules.dbname);
  if (dbname && engine && SYSTEM_DATABASES[engine].includes(dbname.toLowerCase())) {
    d.problems.add(
      d.keyOf("dbname"),
      dbname,
      `the application's own database, not one of ${engine}'s system databases ${SYSTEM_DATABASES[engine].join(", ")} (in any letter case)`,
    );
  }
  const max = engine ? USERNAME_MAX[engine] : 63;
  const username = d.string(
    "username",
    rules.pattern(
      new RegExp(`^(?!(${RESERVED_USERNAMES.join("|")})$)[A-Za-z][A-Za-z0-9_]{0,${max - 1}}$`),
      `a user name of 1 to ${max} letters, digits and underscores starting with a letter, not one of ${RESERVED_USERNAMES.join(", ")}`,
    ),
  );
  const instanceIdentifier = d.optionalString("instanceIdentifier", rules.instanceIdentifier);
  const masterSecretArn = d.optionalString("masterSecretArn", rules.secretArn(owner?.accountId, owner?.region));
  const masterSecretKmsKeyArn = d.optionalString(
    "masterSecretKmsKeyArn",
    rules.kmsKeyArn(owner?.accountId, owner?.region),
  );
  if (masterSecretKmsKeyArn && !masterSecretArn) {
    d.problems.add(
      d.keyOf("masterSecretKmsKeyArn"),
      masterSecretKmsKeyArn,
      "only together with database.masterSecretArn",
    );
  }
  const grants = readGrants(d.problems, d, engine, dbname);
  if (!engine || !host || port === undefined || !dbname || !username || d.problems.count > before) {
    return undefined;
  }
  return { engine, host, port, dbname, username, instanceIdentifier, masterSecretArn, masterSecretKmsKeyArn, grants };
}

/** The value is checked but never shown: a problem names the rule, not the password. */
export function checkPassword(
  problems: Problems,
  value: unknown,
  engine: Engine | undefined,
  ctx: { readonly stack: string; readonly isSecret?: (key: string) => boolean },
): void {
  const key = PASSWORD_KEY;
  if (value === undefined || (typeof value === "object" && value !== null && "secure" in value)) {
    return; // absent (generated), or still encrypted in a stack file
  }
  if (ctx.isSecret !== undefined && !ctx.isSecret(key)) {
    problems.addSecret(
      key,
      `a secret: delete the plain-text value from the file and run \`pulumi config set --secret ${key} --stack ${ctx.stack}\`, which asks for the password and stores it encrypted (or leave dbPassword out to have one generated)`,
      "a value in plain text (not shown)",
    );
    return;
  }
  const ok =
    typeof value === "string" &&
    value.length >= PASSWORD_MIN_LENGTH &&
    value.length <= passwordMaxLength(engine) &&
    passwordCharactersAllowed(value);
  if (!ok) {
    problems.addSecret(key, passwordRuleText(engine));
  }
}
