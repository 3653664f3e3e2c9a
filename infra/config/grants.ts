// `database.grants`: what `db-user` grants the application user. Validated with the rest of the
// config so a bad grant stops a deploy as early as any other bad value.

import { ObjectReader } from "./reader";
import { Problems } from "./problems";
import { dbname, oneOf, pattern } from "./rules";
import { Engine, GrantSettings } from "./types";

const MYSQL_PRIVILEGES = [
  "ALL",
  "SELECT",
  "INSERT",
  "UPDATE",
  "DELETE",
  "CREATE",
  "DROP",
  "ALTER",
  "INDEX",
  "REFERENCES",
  "CREATE TEMPORARY TABLES",
  "LOCK TABLES",
  "EXECUTE",
  "CREATE VIEW",
  "SHOW VIEW",
  "CREATE ROUTINE",
  "ALTER ROUTINE",
  "EVENT",
  "TRIGGER",
];

/** PostgreSQL privileges on the database itself; the rest apply to the tables of `schemas`. */
export const POSTGRES_DATABASE_PRIVILEGES = ["CONNECT", "CREATE", "TEMPORARY"];
export const POSTGRES_TABLE_PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"];

/** Privileges `db-user` knows how to grant, per engine. */
export const GRANT_PRIVILEGES: Readonly<Record<Engine, readonly string[]>> = {
  postgres: ["ALL", ...POSTGRES_DATABASE_PRIVILEGES, ...POSTGRES_TABLE_PRIVILEGES],
  mysql: MYSQL_PRIVILEGES,
  mariadb: MYSQL_PRIVILEGES,
};

/** The schemas a PostgreSQL grant covers when `schemas` is left out. */
export const DEFAULT_SCHEMAS: readonly string[] = ["public"];

const GRANT_KEYS = ["database", "privileges", "schemas"];

// Lower case only: `db-user` quotes every name, so "Public" would not be the schema public.
const schemaName = pattern(
  /^(?!pg_)(?!information_schema$)[a-z_][a-z0-9_]{0,62}$/,
  "a schema name of 1 to 63 lower-case letters, digits and underscores, not starting with a digit or pg_, not information_schema",
);

/**
 * `database.grants`: a list of `{database, privileges, schemas}`; absent means ALL on dbname.
 * `schemas` (PostgreSQL only) defaults to ["public"]; MySQL and MariaDB have no schemas inside a database.
 */
export function readGrants(
  problems: Problems,
  database: ObjectReader,
  engine: Engine | undefined,
  defaultDatabase: string | undefined,
): GrantSettings[] {
  const key = database.keyOf("grants");
  const postgres = engine === undefined || engine === "postgres";
  const defaultSchemas = postgres ? { schemas: DEFAULT_SCHEMAS } : {};
  if (!database.has("grants")) {
    return defaultDatabase ? [{ database: defaultDatabase, privileges: ["ALL"], ...defaultSchemas }] : [];
  }
  const raw = database.raw("grants");
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 20) {
    problems.add(key, raw, 'a list of 1 to 20 grants such as {database: app, privileges: ["ALL"]}');
    return [];
  }
  const privileges = oneOf(GRANT_PRIVILEGES[engine ?? "postgres"]);
  const out: GrantSettings[] = [];
  raw.forEach((item, i) => {
    const grant = ObjectReader.of(problems, `${key}[${i}]`, item, GRANT_KEYS);
    if (!grant) {
      return;
    }
    const db = grant.has("database") ? grant.string("database", dbname) : defaultDatabase;
    const list = grant.has("privileges") ? grant.stringList("privileges", privileges, 1, 20) : ["ALL"];
    const schemas = readSchemas(grant, postgres);
    if (db && out.some((g) => g.database === db)) {
      problems.add(grant.keyOf("database"), db, "each database at most once (merge the privileges into one grant)");
    } else if (list?.includes("ALL") && list.length > 1) {
      problems.add(grant.keyOf("privileges"), list, '["ALL"] alone, or a list of privileges without ALL');
    } else if (db && list && schemas) {
      out.push({ database: db, privileges: list, ...(postgres ? { schemas } : {}) });
    }
  });
  return out;
}

function readSchemas(grant: ObjectReader, postgres: boolean): readonly string[] | undefined {
  if (!grant.has("schemas")) {
    return DEFAULT_SCHEMAS;
  }
  if (!postgres) {
    return grant.problems.add(
      grant.keyOf("schemas"),
      grant.raw("schemas"),
      "nothing: schemas apply to engine postgres only (a MySQL or MariaDB database has no schemas inside it)",
    );
  }
  return grant.stringList("schemas", schemaName, 1, 20);
}
