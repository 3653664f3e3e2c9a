// Config → validated Settings. Plain functions, no Pulumi runtime: the program, the driver and
// the tests all call `validateConfig` on the same raw key/value map, before anything is created.

import { readAccount, readConsumers } from "./consumers";
import { readGrants } from "./grants";
import { passwordCharactersAllowed, passwordMaxLength, passwordRuleText, PASSWORD_MIN_LENGTH } from "./password";
import { checkString, ObjectReader } from "./reader";
import { describeValue, NAMESPACE, Problems } from "./problems";
import * as rules from "./rules";
import { checkScheduleExpression, maxRotationWindowHours, SCHEDULE_ALLOWED } from "./schedule";
import {
  DatabaseSettings,
  Engine,
  ENGINES,
  OwnerReference,
  OwnerSettings,
  Part,
  PARTS,
  RotationSettings,
  ROTATION_STRATEGIES,
  SecretSettings,
  Settings,
} from "./types";

/** Every key of the namespace; anything else is a typo. */
export const CONFIG_KEYS = [
  "part",
  "protect",
  "owner",
  "database",
  "secret",
  "rotation",
  "consumers",
  "dbPassword",
  "secretArn",
  "kmsKeyArn",
  "ownerStack",
] as const;

const STRUCTURED = ["owner", "database", "secret", "rotation", "consumers"];
/** The keys of each object in the namespace; anything else is a typo. */
export const OWNER_KEYS = ["accountId", "region", "assumeRoleArn", "profile", "keyAdminArns"];
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
export const SECRET_KEYS = ["name", "description", "kmsAliasName", "recoveryWindowInDays", "kmsDeletionWindowInDays"];
export const ROTATION_KEYS = [
  "scheduleExpression",
  "strategy",
  "subnetIds",
  "securityGroupIds",
  "duration",
  "functionName",
];
const DEFAULT_PORT: Readonly<Record<Engine, number>> = { postgres: 5432, mysql: 3306, mariadb: 3306 };
const USERNAME_MAX: Readonly<Record<Engine, number>> = { postgres: 63, mysql: 32, mariadb: 32 };
const RESERVED_USERNAMES = ["rdsadmin", "rdsrepladmin", "rdsproxyadmin", "rds_superuser", "root", "postgres", "mysql"];
/** Alternating-users rotation clones the user as <username>_clone. */
const CLONE_SUFFIX = "_clone";

/** The stack being deployed; the environment is its name without -owner or -consumer. */
export interface ConfigContext {
  readonly project: string;
  readonly stack: string;
  /** Whether a key holds a secret value; when given, a plain-text dbPassword is refused. */
  readonly isSecret?: (key: string) => boolean;
}

export function envOf(stack: string): string {
  return stack.replace(/-(owner|consumer)$/, "");
}

/**
 * Validates the namespace's config. `raw` maps full keys (`rds-secret-share:owner`) to values,
 * either parsed (YAML) or as the Pulumi runtime holds them (strings, objects as JSON). Throws
 * one ConfigError listing every problem.
 */
export function validateConfig(raw: Readonly<Record<string, unknown>>, ctx: ConfigContext): Settings {
  const problems = new Problems();
  const get = (name: string): unknown => parse(name, raw[`${NAMESPACE}:${name}`]);
  for (const key of Object.keys(raw)) {
    const [ns, name] = key.split(":", 2);
    if (ns === NAMESPACE && !(CONFIG_KEYS as readonly string[]).includes(name)) {
      problems.add(key, raw[key], `no such key; the ${NAMESPACE} namespace takes ${CONFIG_KEYS.join(", ")}`);
    }
  }

  const part = readPart(problems, get("part"));
  const protect = readProtect(problems, get("protect"));
  const ownerObj = ObjectReader.of(
    problems,
    `${NAMESPACE}:owner`,
    get("owner"),
    OWNER_KEYS,
    `an object with keys ${OWNER_KEYS.join(", ")}`,
  );
  const owner = ownerObj && readOwner(ownerObj);
  const dbObj = ObjectReader.of(
    problems,
    `${NAMESPACE}:database`,
    get("database"),
    DATABASE_KEYS,
    `an object with keys ${DATABASE_KEYS.join(", ")}`,
  );
  const database = dbObj && readDatabase(dbObj, owner);
  const env = envOf(ctx.stack);
  const secretObj =
    get("secret") === undefined
      ? undefined
      : ObjectReader.of(
          problems,
          `${NAMESPACE}:secret`,
          get("secret"),
          SECRET_KEYS,
          `an object with keys ${SECRET_KEYS.join(", ")}`,
        );
  const secret = readSecret(problems, secretObj, env, database);
  const rotationObj =
    get("rotation") === undefined
      ? undefined
      : ObjectReader.of(
          problems,
          `${NAMESPACE}:rotation`,
          get("rotation"),
          ROTATION_KEYS,
          `an object with keys ${ROTATION_KEYS.join(", ")}`,
        );
  const rotation = rotationObj && readRotation(rotationObj, database, secret);
  const consumers = readConsumers(problems, get("consumers"), env);

  checkPassword(problems, get("dbPassword"), database?.engine, ctx.isSecret);
  const ownerReference = readOwnerReference(problems, part, get, owner, ctx.stack);

  problems.throwIfAny();
  return {
    project: ctx.project,
    stack: ctx.stack,
    env,
    part: part as Part,
    protect,
    owner: owner as OwnerSettings,
    database: database as DatabaseSettings,
    secret: secret as SecretSettings,
    rotation,
    consumers,
    ownerReference,
    hasDbPassword: get("dbPassword") !== undefined,
  };
}

/** Objects arrive from the Pulumi runtime as JSON text; YAML values arrive parsed. */
function parse(name: string, value: unknown): unknown {
  if (typeof value === "string" && STRUCTURED.includes(name)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

function readPart(problems: Problems, value: unknown): Part | undefined {
  if (value === undefined) {
    return "all";
  }
  const rule = rules.oneOf(PARTS);
  return typeof value === "string" && rule.test(value)
    ? (value as Part)
    : problems.add(`${NAMESPACE}:part`, value, rule.allowed);
}

function readProtect(problems: Problems, value: unknown): boolean {
  if (value === undefined || value === false || value === "false") {
    return false;
  }
  if (value === true || value === "true") {
    return true;
  }
  problems.add(`${NAMESPACE}:protect`, value, "true or false");
  return false;
}

function readOwner(o: ObjectReader): OwnerSettings | undefined {
  const account = readAccount(o);
  const keyAdminArns = o.stringList("keyAdminArns", rules.principalArn(account.accountId), 1, 10);
  if (!account.accountId || !account.region || !keyAdminArns) {
    return undefined;
  }
  return { ...account, accountId: account.accountId, region: account.region, keyAdminArns };
}

function readDatabase(d: ObjectReader, owner: OwnerSettings | undefined): DatabaseSettings | undefined {
  const before = d.problems.count;
  const engine = d.string("engine", rules.oneOf(ENGINES)) as Engine | undefined;
  const host = d.string("host", rules.hostname);
  const port = d.integer("port", 1, 65535, engine ? DEFAULT_PORT[engine] : 5432);
  const dbname = d.string("dbname", rules.dbname);
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

/** alias/<secret name>, unless that is not a valid alias (too long, or under alias/aws/): then it must be set. */
function defaultAliasName(problems: Problems, secretName: string): string | undefined {
  const derived = `alias/${secretName.replace(/[^a-zA-Z0-9/_-]/g, "-")}`;
  if (rules.kmsAliasName.test(derived)) {
    return derived;
  }
  return problems.add(
    `${NAMESPACE}:secret.kmsAliasName`,
    undefined,
    `${rules.kmsAliasName.allowed}; the default derived from secret.name, ${describeValue(derived)}, is not one, so set it`,
  );
}

function readSecret(
  problems: Problems,
  s: ObjectReader | undefined,
  env: string,
  database: DatabaseSettings | undefined,
): SecretSettings | undefined {
  const name = s?.optionalString("name", rules.secretName) ?? (database && `rds/${env}/${database.username}`);
  const description =
    s?.optionalString("description", rules.pattern(/^[^\n]{1,2048}$/, "one line of up to 2048 characters")) ??
    (database &&
      `RDS credentials of ${database.username}@${database.host}/${database.dbname}, shared by rds-secret-share`);
  const kmsAliasName = s?.has("kmsAliasName")
    ? s.string("kmsAliasName", rules.kmsAliasName)
    : name && defaultAliasName(problems, name);
  const recoveryWindowInDays = s?.integer("recoveryWindowInDays", 7, 30, 30) ?? 30;
  const kmsDeletionWindowInDays = s?.integer("kmsDeletionWindowInDays", 7, 30, 30) ?? 30;
  if (!name || !description || !kmsAliasName) {
    return undefined;
  }
  return { name, description, kmsAliasName, recoveryWindowInDays, kmsDeletionWindowInDays };
}

function readRotation(
  r: ObjectReader,
  database: DatabaseSettings | undefined,
  secret: SecretSettings | undefined,
): RotationSettings | undefined {
  const scheduleExpression = r.string("scheduleExpression", {
    test: checkScheduleExpression,
    allowed: SCHEDULE_ALLOWED,
  });
  const strategy = (r.optionalString("strategy", rules.oneOf(ROTATION_STRATEGIES)) ??
    "single-user") as RotationSettings["strategy"];
  const subnetIds = r.stringList("subnetIds", rules.subnetId, 1, 16);
  const securityGroupIds = r.stringList("securityGroupIds", rules.securityGroupId, 1, 5);
  const duration = r.optionalString("duration", rules.rotationDuration);
  if (duration && scheduleExpression && Number(duration.slice(0, -1)) > maxRotationWindowHours(scheduleExpression)) {
    r.problems.add(
      r.keyOf("duration"),
      duration,
      `at most ${maxRotationWindowHours(scheduleExpression)}h with scheduleExpression ${scheduleExpression}: a rotation window may not run into the next UTC day or the next scheduled rotation`,
    );
  }
  const functionName =
    r.optionalString("functionName", rules.functionName) ??
    (secret && `${secret.name.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 55)}-rotation`);
  if (strategy === "alternating-users" && database) {
    if (!database.masterSecretArn) {
      r.problems.add(
        `${NAMESPACE}:database.masterSecretArn`,
        undefined,
        "the administrator's secret ARN, which rotation.strategy alternating-users requires",
      );
    }
    const max = USERNAME_MAX[database.engine] - CLONE_SUFFIX.length;
    if (database.username.length > max) {
      r.problems.add(
        `${NAMESPACE}:database.username`,
        database.username,
        `at most ${max} characters with alternating-users rotation, which adds ${CLONE_SUFFIX}`,
      );
    }
  }
  if (!scheduleExpression || !subnetIds || !securityGroupIds || !functionName) {
    return undefined;
  }
  return { scheduleExpression, strategy, subnetIds, securityGroupIds, duration, functionName };
}

/** The value is checked but never shown: a problem names the rule, not the password. */
function checkPassword(
  problems: Problems,
  value: unknown,
  engine: Engine | undefined,
  isSecret: ((key: string) => boolean) | undefined,
): void {
  const key = `${NAMESPACE}:dbPassword`;
  if (value === undefined || (typeof value === "object" && value !== null && "secure" in value)) {
    return; // absent (generated), or still encrypted in a stack file
  }
  if (isSecret !== undefined && !isSecret(key)) {
    problems.addSecret(
      key,
      `a secret: set it with \`pulumi config set --secret ${key}\` so it is never stored in plain text`,
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

function readOwnerReference(
  problems: Problems,
  part: Part | undefined,
  get: (name: string) => unknown,
  owner: OwnerSettings | undefined,
  stack: string,
): OwnerReference | undefined {
  const given = (["secretArn", "kmsKeyArn", "ownerStack"] as const).filter((k) => get(k) !== undefined);
  if (part !== "consumer") {
    for (const k of given) {
      problems.add(
        `${NAMESPACE}:${k}`,
        get(k),
        `nothing unless ${NAMESPACE}:part is consumer (the owner side creates the secret and key itself)`,
      );
    }
    return undefined;
  }
  const secretArn = get("secretArn");
  const kmsKeyArn = get("kmsKeyArn");
  if (secretArn !== undefined || kmsKeyArn !== undefined) {
    const s = checkAt(problems, "secretArn", secretArn, rules.secretArn(owner?.accountId, owner?.region));
    const k = checkAt(problems, "kmsKeyArn", kmsKeyArn, rules.kmsKeyArn(owner?.accountId, owner?.region));
    return s && k ? { kind: "config", secretArn: s, kmsKeyArn: k } : undefined;
  }
  const fallback = stack.endsWith("-consumer") ? `${envOf(stack)}-owner` : undefined;
  const ownerStack = get("ownerStack") ?? fallback;
  if (ownerStack === undefined) {
    return problems.add(
      `${NAMESPACE}:ownerStack`,
      undefined,
      `the owner stack's name (or both ${NAMESPACE}:secretArn and ${NAMESPACE}:kmsKeyArn) for part consumer`,
    );
  }
  const name = checkAt(problems, "ownerStack", ownerStack, rules.stackName);
  return name ? { kind: "stack", stackName: name } : undefined;
}

function checkAt(problems: Problems, name: string, value: unknown, rule: rules.Rule): string | undefined {
  return checkString(problems, `${NAMESPACE}:${name}`, value, rule);
}
