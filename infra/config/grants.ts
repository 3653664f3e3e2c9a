// `database.grants`: what `db-user` grants the application user. Validated with the rest of the
// config so a bad grant stops a deploy as early as any other bad value.

import { ObjectReader } from "./reader";
import { Problems } from "./problems";
import { dbname, oneOf } from "./rules";
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

/** Privileges `db-user` knows how to grant, per engine. */
export const GRANT_PRIVILEGES: Readonly<Record<Engine, readonly string[]>> = {
  postgres: [
    "ALL",
    "CONNECT",
    "CREATE",
    "TEMPORARY",
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "TRUNCATE",
    "REFERENCES",
    "TRIGGER",
  ],
  mysql: MYSQL_PRIVILEGES,
  mariadb: MYSQL_PRIVILEGES,
};

/** `database.grants`: a list of `{database, privileges}`; absent means ALL on dbname. */
export function readGrants(
  problems: Problems,
  database: ObjectReader,
  engine: Engine | undefined,
  defaultDatabase: string | undefined,
): GrantSettings[] {
  const key = database.keyOf("grants");
  if (!database.has("grants")) {
    return defaultDatabase ? [{ database: defaultDatabase, privileges: ["ALL"] }] : [];
  }
  const raw = database.raw("grants");
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 20) {
    problems.add(key, raw, 'a list of 1 to 20 grants such as {database: app, privileges: ["ALL"]}');
    return [];
  }
  const privileges = oneOf(GRANT_PRIVILEGES[engine ?? "postgres"]);
  const out: GrantSettings[] = [];
  raw.forEach((item, i) => {
    const grant = ObjectReader.of(
      problems,
      `${key}[${i}]`,
      item,
      ["database", "privileges"],
      "an object with keys database, privileges",
    );
    if (!grant) {
      return;
    }
    const db = grant.has("database") ? grant.string("database", dbname) : defaultDatabase;
    const list = grant.has("privileges") ? grant.stringList("privileges", privileges, 1, 20) : ["ALL"];
    if (list?.includes("ALL") && list.length > 1) {
      problems.add(grant.keyOf("privileges"), list, '["ALL"] alone, or a list of privileges without ALL');
    } else if (db && list) {
      out.push({ database: db, privileges: list });
    }
  });
  return out;
}
