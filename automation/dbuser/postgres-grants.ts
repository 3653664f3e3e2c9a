// PostgreSQL grants: what `database.grants` means on a database, its schemas, their tables and
// sequences, and on what the administrator creates there later. Each step first reads the ACL
// (only what the role holds itself, not through PUBLIC), so a step already held is not run.

import { Client, escapeIdentifier } from "pg";
import { DEFAULT_SCHEMAS, POSTGRES_DATABASE_PRIVILEGES, POSTGRES_TABLE_PRIVILEGES } from "../../infra/config/grants";
import { GrantSettings } from "../../infra/config/types";
import { GrantKeyOf, GrantStep } from "./engine";
import { DbUserError } from "./errors";

/** PostgreSQL silently truncates longer names, which would make a different role. */
const NAMEDATALEN_MAX = 63;
/** Sequences: what lets an application insert into serial and identity columns. */
const SEQUENCE_PRIVILEGES = ["USAGE", "SELECT"];

/** Relations that GRANT ... ON ALL TABLES / SEQUENCES IN SCHEMA covers, with their ACL kinds. */
const RELATIONS = {
  tables: { kinds: "'r', 'p', 'v', 'm', 'f'", acl: "r", defaults: "r", noun: "table", grantOn: "TABLES" },
  sequences: { kinds: "'S'", acl: "s", defaults: "S", noun: "sequence", grantOn: "SEQUENCES" },
} as const;
type RelationKind = keyof typeof RELATIONS;

/** What the grant steps need of the session. */
export interface PostgresAdmin {
  /** The role granted to. */
  readonly user: string;
  /** host:port, for messages. */
  readonly host: string;
  /** The database of the secret, where the administrator is connected first. */
  readonly mainDatabase: string;
  adminFor(database: string): Promise<Client>;
  query<R extends object>(client: Client, what: string, sql: string, values?: unknown[]): Promise<R[]>;
}

/** A quoted identifier; refuses names PostgreSQL could not hold as given. */
export function pgIdentifier(name: string, what: string): string {
  if (name === "" || name.includes("\0") || Buffer.byteLength(name, "utf8") > NAMEDATALEN_MAX) {
    throw new DbUserError(
      `db-user: ${what} ${JSON.stringify(name)}: expected 1 to ${NAMEDATALEN_MAX} bytes without NUL (PostgreSQL would truncate or refuse it).`,
    );
  }
  return escapeIdentifier(name);
}

/**
 * ALL: every privilege on the database; USAGE and CREATE on each schema; ALL on its tables and
 * sequences, now and (default privileges) later. A list: CONNECT always, CREATE and TEMPORARY on
 * the database as listed, USAGE (and CREATE if listed) on the schemas, the table privileges listed
 * on the tables, and USAGE, SELECT on the sequences.
 */
export async function postgresGrantSteps(
  admin: PostgresAdmin,
  grants: readonly GrantSettings[],
  keyOf: GrantKeyOf,
): Promise<GrantStep[]> {
  const steps: GrantStep[] = [];
  for (const [i, grant] of grants.entries()) {
    const all = grant.privileges.includes("ALL");
    const listed = (among: readonly string[]) => grant.privileges.filter((p) => among.includes(p));
    const databasePrivileges = all
      ? POSTGRES_DATABASE_PRIVILEGES
      : unique(["CONNECT", ...listed(POSTGRES_DATABASE_PRIVILEGES)]);
    const schemaPrivileges = all || grant.privileges.includes("CREATE") ? ["USAGE", "CREATE"] : ["USAGE"];
    const tablePrivileges = all ? ["ALL"] : listed(POSTGRES_TABLE_PRIVILEGES);
    const sequencePrivileges = all ? ["ALL"] : SEQUENCE_PRIVILEGES;
    steps.push(await databaseStep(admin, grant.database, databasePrivileges, keyOf(i, "database")));
    const client = await admin.adminFor(grant.database);
    for (const schema of grant.schemas ?? DEFAULT_SCHEMAS) {
      const at: Place = { admin, client, database: grant.database, schema };
      const oid = await schemaOid(at, keyOf(i, "schemas"));
      steps.push(await schemaStep(at, oid, schemaPrivileges));
      if (tablePrivileges.length > 0) {
        const tables: RelationGrant = { oid, kind: "tables", privileges: tablePrivileges };
        const sequences: RelationGrant = { oid, kind: "sequences", privileges: sequencePrivileges };
        steps.push(await relationStep(at, tables), await relationStep(at, sequences));
        steps.push(await defaultStep(at, tables), await defaultStep(at, sequences));
      }
    }
  }
  return steps;
}

/** A schema of a database, and the administrator's connection to that database. */
interface Place {
  readonly admin: PostgresAdmin;
  readonly client: Client;
  readonly database: string;
  readonly schema: string;
}

/** SQL for the privileges the role ($2) holds itself in `acl`. */
function heldIn(acl: string): string {
  return `ARRAY(SELECT a.privilege_type FROM aclexplode(${acl}) a WHERE a.grantee = (SELECT oid FROM pg_roles WHERE rolname = $2))`;
}

async function databaseStep(
  admin: PostgresAdmin,
  database: string,
  privileges: readonly string[],
  key: string,
): Promise<GrantStep> {
  const client = await admin.adminFor(admin.mainDatabase);
  const rows = await admin.query<{ held: string[] }>(
    client,
    `reading the privileges on database "${database}"`,
    `SELECT ${heldIn("COALESCE(d.datacl, acldefault('d', d.datdba))")} AS held FROM pg_database d WHERE d.datname = $1`,
    [database, admin.user],
  );
  if (rows.length === 0) {
    throw new DbUserError(
      `db-user: database "${database}" (${key}) does not exist on ${admin.host}. Create it first, or correct ${key}.`,
    );
  }
  const missing = privileges.filter((p) => !rows[0].held.includes(p));
  const on = `DATABASE ${pgIdentifier(database, "database")}`;
  const at = { admin, client, database, schema: "" };
  return step(at, on, privileges, missing, `GRANT ${missing.join(", ")} ON ${on}`);
}

async function schemaOid(at: Place, key: string): Promise<number> {
  const rows = await at.admin.query<{ oid: number }>(
    at.client,
    `looking up schema "${at.schema}" of database "${at.database}"`,
    "SELECT oid::int AS oid FROM pg_namespace WHERE nspname = $1",
    [at.schema],
  );
  if (rows.length === 0) {
    throw new DbUserError(
      `db-user: schema "${at.schema}" (${key}) does not exist in database "${at.database}". Create it first, or correct ${key}.`,
    );
  }
  return rows[0].oid;
}

async function schemaStep(at: Place, oid: number, privileges: readonly string[]): Promise<GrantStep> {
  const rows = await at.admin.query<{ held: string[] }>(
    at.client,
    `reading the privileges on schema "${at.schema}" of database "${at.database}"`,
    `SELECT ${heldIn("COALESCE(n.nspacl, acldefault('n', n.nspowner))")} AS held FROM pg_namespace n WHERE n.oid = $1`,
    [oid, at.admin.user],
  );
  const missing = privileges.filter((p) => !rows[0].held.includes(p));
  const on = `SCHEMA ${pgIdentifier(at.schema, "schema")}`;
  return step(at, on, privileges, missing, `GRANT ${missing.join(", ")} ON ${on}`);
}

/** Privileges on one kind of relation of the schema with `oid`. */
interface RelationGrant {
  readonly oid: number;
  readonly kind: RelationKind;
  readonly privileges: readonly string[];
}

/** The schema's existing tables or sequences: what each lacks ("ALL": all its kind supports). */
async function relationStep(at: Place, { oid, kind, privileges }: RelationGrant): Promise<GrantStep> {
  const r = RELATIONS[kind];
  const rows = await at.admin.query<{ full: string[]; held: string[] }>(
    at.client,
    `reading the privileges on the ${kind} of schema "${at.schema}" of database "${at.database}"`,
    `SELECT ARRAY(SELECT a.privilege_type FROM aclexplode(acldefault('${r.acl}', c.relowner)) a) AS full,
            ${heldIn(`COALESCE(c.relacl, acldefault('${r.acl}', c.relowner))`)} AS held
       FROM pg_class c WHERE c.relnamespace = $1 AND c.relkind IN (${r.kinds})`,
    [oid, at.admin.user],
  );
  const missing = unique(rows.flatMap((row) => wanted(privileges, row.full).filter((p) => !row.held.includes(p))));
  const on = `ALL ${r.grantOn} IN SCHEMA ${pgIdentifier(at.schema, "schema")}`;
  const grant = step(at, on, privileges, missing, `GRANT ${privileges.join(", ")} ON ${on}`);
  return { ...grant, objects: { count: rows.length, noun: r.noun } };
}

/** Privileges on the tables or sequences the administrator creates later in the schema. */
async function defaultStep(at: Place, { oid, kind, privileges }: RelationGrant): Promise<GrantStep> {
  const r = RELATIONS[kind];
  const me = "(SELECT oid FROM pg_roles WHERE rolname = current_user)";
  const rows = await at.admin.query<{ full: string[]; held: string[]; admin: string }>(
    at.client,
    `reading the default privileges of schema "${at.schema}" of database "${at.database}"`,
    `SELECT ARRAY(SELECT a.privilege_type FROM aclexplode(acldefault('${r.acl}', ${me})) a) AS full,
            ARRAY(SELECT a.privilege_type FROM pg_default_acl d, aclexplode(d.defaclacl) a
                   WHERE d.defaclrole = ${me} AND d.defaclnamespace = $1 AND d.defaclobjtype = '${r.defaults}'
                     AND a.grantee = (SELECT oid FROM pg_roles WHERE rolname = $2)) AS held,
            current_user AS admin`,
    [oid, at.admin.user],
  );
  const missing = wanted(privileges, rows[0].full).filter((p) => !rows[0].held.includes(p));
  const schema = pgIdentifier(at.schema, "schema");
  const on = `${r.grantOn} created later by ${escapeIdentifier(rows[0].admin)} IN SCHEMA ${schema}`;
  const sql = `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT ${privileges.join(", ")} ON ${r.grantOn}`;
  return step(at, on, privileges, missing, sql);
}

function step(
  at: Place,
  on: string,
  privileges: readonly string[],
  missing: readonly string[],
  grantSql: string,
): GrantStep {
  const sql = `${grantSql} TO ${pgIdentifier(at.admin.user, "role")}`;
  const what = `granting ${privileges.join(", ")} on ${on} in database "${at.database}"`;
  return {
    database: at.database,
    on,
    privileges,
    held: missing.length === 0,
    apply: async () => {
      await at.admin.query(at.client, what, sql);
    },
  };
}

/** What of `privileges` an object supports; "ALL" means everything it supports. */
function wanted(privileges: readonly string[], supported: readonly string[]): string[] {
  return privileges.includes("ALL") ? [...supported] : supported.filter((p) => privileges.includes(p));
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}
