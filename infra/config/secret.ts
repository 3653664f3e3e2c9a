// `secret`: the Secrets Manager secret's name and description, and its KMS key's alias.

import { NAMESPACE } from "./keys";
import { describeValue, Problems } from "./problems";
import { ObjectReader } from "./reader";
import * as rules from "./rules";
import { DatabaseSettings, SecretSettings } from "./types";

/** The keys of `secret`; anything else is a typo. */
export const SECRET_KEYS = ["name", "description", "kmsAliasName", "recoveryWindowInDays", "kmsDeletionWindowInDays"];

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

export function readSecret(
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
