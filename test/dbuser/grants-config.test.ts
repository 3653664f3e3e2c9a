// `database.grants` and the names db-user puts into SQL, validated with the rest of the config:
// a bad value stops db-user (and a deploy) with one message naming the key.

import { expect } from "chai";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { PROJECT_ROOT, toRuntimeConfig } from "../../automation/environment";
import { ConfigError } from "../../infra/config/problems";
import { Settings } from "../../infra/config/types";
import { validateConfig } from "../../infra/config/validate";
import { thrown } from "../support/errors";

function validate(database: Record<string, unknown>): Settings {
  const config = parse(readFileSync(path.join(PROJECT_ROOT, "Pulumi.dev.yaml"), "utf8")).config;
  Object.assign(config["rds-secret-share:database"], database);
  return validateConfig(toRuntimeConfig(config), { project: "rds-secret-share", stack: "dev-owner" });
}

function messageOf(database: Record<string, unknown>): string {
  const err = thrown(() => validate(database));
  expect(err).to.be.instanceOf(ConfigError);
  return err.message;
}

const KEY = "rds-secret-share:database";

describe("db-user config: database.grants", () => {
  it("GIVEN no grants on postgres THEN ALL on dbname in schema public", () => {
    expect(validate({}).database.grants).to.deep.equal([{ database: "app", privileges: ["ALL"], schemas: ["public"] }]);
  });

  it("GIVEN no grants on mariadb THEN ALL on dbname, without schemas", () => {
    expect(validate({ engine: "mariadb", port: 3306 }).database.grants).to.deep.equal([
      { database: "app", privileges: ["ALL"] },
    ]);
  });

  it("GIVEN a grant without database or schemas THEN dbname and public are filled in", () => {
    const grants = [{ privileges: ["SELECT", "INSERT"] }, { database: "reports", schemas: ["public", "daily"] }];
    expect(validate({ grants }).database.grants).to.deep.equal([
      { database: "app", privileges: ["SELECT", "INSERT"], schemas: ["public"] },
      { database: "reports", privileges: ["ALL"], schemas: ["public", "daily"] },
    ]);
  });

  const refused: [string, Record<string, unknown>, string][] = [
    [
      "schemas on mysql",
      { engine: "mysql", port: 3306, grants: [{ schemas: ["public"] }] },
      `${KEY}.grants[0].schemas: got ["public"]; expected nothing: schemas apply to engine postgres only (a MySQL or MariaDB database has no schemas inside it).`,
    ],
    [
      "ALL with other privileges",
      { grants: [{ privileges: ["ALL", "SELECT"] }] },
      `${KEY}.grants[0].privileges: got ["ALL","SELECT"]; expected ["ALL"] alone, or a list of privileges without ALL.`,
    ],
    [
      "the same database twice",
      { grants: [{ privileges: ["SELECT"] }, { database: "app" }] },
      `${KEY}.grants[1].database: got "app"; expected each database at most once (merge the privileges into one grant).`,
    ],
    [
      "a privilege the engine does not have",
      { engine: "mariadb", port: 3306, grants: [{ privileges: ["TRUNCATE"] }] },
      `${KEY}.grants[0].privileges[0]: got "TRUNCATE"; expected one of "ALL", "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "INDEX", "REFERENCES", "CREATE TEMPORARY TABLES", "LOCK TABLES", "EXECUTE", "CREATE VIEW", "SHOW VIEW", "CREATE ROUTINE", "ALTER ROUTINE", "EVENT", "TRIGGER".`,
    ],
    [
      "a lower-case privilege",
      { grants: [{ privileges: ["select"] }] },
      `${KEY}.grants[0].privileges[0]: got "select"; expected one of "ALL", "CONNECT", "CREATE", "TEMPORARY", "SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER".`,
    ],
    [
      "a system schema",
      { grants: [{ schemas: ["pg_catalog"] }] },
      `${KEY}.grants[0].schemas[0]: got "pg_catalog"; expected a schema name of 1 to 63 lower-case letters, digits and underscores, not starting with a digit or pg_, not information_schema.`,
    ],
    [
      "a schema name with upper case",
      { grants: [{ schemas: ["Public"] }] },
      `${KEY}.grants[0].schemas[0]: got "Public"; expected a schema name of 1 to 63 lower-case letters, digits and underscores, not starting with a digit or pg_, not information_schema.`,
    ],
    [
      "an empty list",
      { grants: [] },
      `${KEY}.grants: got []; expected a list of 1 to 20 grants such as {database: app, privileges: ["ALL"]}.`,
    ],
    [
      "an unknown key",
      { grants: [{ table: "items" }] },
      `${KEY}.grants[0].table: got "items"; expected no such key; ${KEY}.grants[0] takes database, privileges, schemas.`,
    ],
    [
      "a database name with a quote",
      { grants: [{ database: "app'; DROP DATABASE app; --" }] },
      `${KEY}.grants[0].database: got "app'; DROP DATABASE app; --"; expected a database name of 1 to 63 letters, digits and underscores, not starting with a digit.`,
    ],
  ];
  for (const [what, database, message] of refused) {
    it(`GIVEN ${what} THEN: ${message.slice(0, 60)}…`, () => {
      expect(messageOf(database)).to.equal(message);
    });
  }
});

describe("db-user config: hostile user names never reach SQL", () => {
  const allowed =
    "a user name of 1 to 63 letters, digits and underscores starting with a letter, not one of rdsadmin, rdsrepladmin, rdsproxyadmin, rds_superuser, root, postgres, mysql";
  const hostile = [`app'user`, `app"user`, "app\\user", "app;user", "app%user", "app_ユーザー", "app user", "postgres"];
  for (const username of hostile) {
    it(`GIVEN database.username ${JSON.stringify(username)} THEN it is refused, naming the key`, () => {
      expect(messageOf({ username })).to.equal(
        `${KEY}.username: got ${JSON.stringify(username)}; expected ${allowed}.`,
      );
    });
  }
});
