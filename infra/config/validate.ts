// Config → validated Settings. Plain functions, no Pulumi runtime: the program, the driver and
// the tests all call `validateConfig` on the same raw key/value map, before anything is created.

import { OWNER_KEYS, readOwner } from "./accounts";
import { readConsumers } from "./consumers";
import { checkPassword, DATABASE_KEYS, readDatabase } from "./database";
import { checkKeyNames } from "./keyNames";
import { NAMESPACE, PART_KEY } from "./keys";
import { Problems } from "./problems";
import { checkString, ObjectReader } from "./reader";
import { readRotation, ROTATION_KEYS, warnRestartsWithoutRotation } from "./rotation";
import * as rules from "./rules";
import { readSecret, SECRET_KEYS } from "./secret";
import { DatabaseSettings, OwnerReference, OwnerSettings, Part, PARTS, SecretSettings, Settings } from "./types";

export { CONFIG_KEYS } from "./keyNames";

const STRUCTURED = ["owner", "database", "secret", "rotation", "consumers"];
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
  checkKeyNames(problems, raw, ctx.isSecret);

  const part = readPart(problems, get("part"));
  const protect = readProtect(problems, get("protect"));
  const ownerObj = ObjectReader.of(problems, `${NAMESPACE}:owner`, get("owner"), OWNER_KEYS);
  const owner = ownerObj && readOwner(ownerObj);
  const dbObj = ObjectReader.of(problems, `${NAMESPACE}:database`, get("database"), DATABASE_KEYS);
  const database = dbObj && readDatabase(dbObj, owner);
  const env = envOf(ctx.stack);
  const secretObj =
    get("secret") === undefined
      ? undefined
      : ObjectReader.of(problems, `${NAMESPACE}:secret`, get("secret"), SECRET_KEYS);
  const secret = readSecret(problems, secretObj, env, database);
  const rotationObj =
    get("rotation") === undefined
      ? undefined
      : ObjectReader.of(problems, `${NAMESPACE}:rotation`, get("rotation"), ROTATION_KEYS);
  const rotation = rotationObj && readRotation(rotationObj, database, secret);
  const consumers = readConsumers(problems, get("consumers"), env);
  if (get("rotation") === undefined) {
    warnRestartsWithoutRotation(problems, consumers);
  }

  checkPassword(problems, get("dbPassword"), database?.engine, ctx);
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
    warnings: problems.warnings,
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
  return typeof value === "string" && rule.test(value) ? (value as Part) : problems.add(PART_KEY, value, rule.allowed);
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
        `nothing unless ${PART_KEY} is consumer (the owner side creates the secret and key itself)`,
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
