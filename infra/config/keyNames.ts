// Keys of the whole `config:` map that are not this project's but look as if they were meant to be:
// a misspelt namespace or a key without one is read by nothing here, so a setting such as
// `protect` or `rotation` would silently fall back to its default. `aws:*` keys reach no resource.

import { distance } from "fastest-levenshtein";
import { NAMESPACE } from "./keys";
import { Problems, unshowable } from "./problems";

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

/** A namespace this close to ours (edits, ignoring case) is a misspelling of it: rds-secret-shar, rds_secret_share. */
const NAMESPACE_EDITS = 3;
/** A key name this close to one of ours is that key: Rotation, consumer, dbpassword. */
const NAME_EDITS = 2;

/** What each `aws:*` key would have set, and where this project takes it from instead. */
const AWS_INSTEAD: Readonly<Record<string, string>> = {
  region: "owner.region and each consumer's region",
  profile: "owner.profile and each consumer's profile",
  assumeRole: "owner.assumeRoleArn and each consumer's assumeRoleArn",
  assumeRoles: "owner.assumeRoleArn and each consumer's assumeRoleArn",
  allowedAccountIds: "owner.accountId and each consumer's accountId",
};

const TAKES = `the ${NAMESPACE} namespace takes ${CONFIG_KEYS.join(", ")}`;

/** Our key `name` is closest to, if any is close enough. */
function meantName(name: string): string | undefined {
  const lower = name.toLowerCase();
  const scored = CONFIG_KEYS.map((k) => ({ k, d: distance(lower, k.toLowerCase()) })).sort((a, b) => a.d - b.d);
  return scored[0].d <= NAME_EDITS ? scored[0].k : undefined;
}

/** Never shown: a secret, a value still encrypted, or one under a name that says password. */
function hidden(key: string, name: string, value: unknown, isSecret: ((key: string) => boolean) | undefined): boolean {
  return unshowable(name, value) || isSecret?.(key) === true || meantName(name) === "dbPassword";
}

function add(problems: Problems, key: string, value: unknown, secret: boolean, allowed: string): void {
  if (secret) {
    problems.addSecret(key, allowed);
  } else {
    problems.add(key, value, allowed);
  }
}

/**
 * Checks the name of every key of `raw` (the whole config map of a stack file or of the running
 * stack): unknown keys of our namespace, misspelt namespaces and keys without a namespace are
 * problems; `aws:*` keys are warnings. Values are checked elsewhere.
 */
export function checkKeyNames(
  problems: Problems,
  raw: Readonly<Record<string, unknown>>,
  isSecret?: (key: string) => boolean,
): void {
  for (const [key, value] of Object.entries(raw)) {
    const at = key.indexOf(":");
    const namespace = at < 0 ? undefined : key.slice(0, at);
    const name = at < 0 ? key : key.slice(at + 1);
    const secret = hidden(key, name, value, isSecret);
    const meant = meantName(name);
    if (namespace === "aws") {
      const instead =
        AWS_INSTEAD[name] ?? "the owner's and each consumer's accountId, region, assumeRoleArn and profile";
      problems.warn(
        key,
        `ignored: every resource is created through an explicit provider per account, which aws:* settings do not reach; set ${NAMESPACE}:${instead} instead.`,
      );
      continue;
    }
    const allowed = unreadKey(namespace, name, meant);
    if (allowed !== undefined) {
      add(problems, key, value, secret, allowed);
    }
  }
}

/** What a key that nothing reads should have been, or undefined for a key of another tool. */
function unreadKey(namespace: string | undefined, name: string, meant: string | undefined): string | undefined {
  if (namespace === NAMESPACE) {
    return (CONFIG_KEYS as readonly string[]).includes(name) ? undefined : `no such key; ${TAKES}`;
  }
  if (namespace === undefined) {
    const written = `${NAMESPACE}:${meant ?? name}`;
    return meant === undefined
      ? `no key without a namespace: \`pulumi up\` would read it as ${written}, which is no such key; ${TAKES}`
      : `the key written as ${written}: the driver, plan and db-user read only ${NAMESPACE}:* keys, while \`pulumi up\` reads a key without a namespace as the project's, so only the full name means the same to both`;
  }
  if (distance(namespace.toLowerCase(), NAMESPACE) <= NAMESPACE_EDITS) {
    return meant === undefined
      ? `a key of the ${NAMESPACE} namespace, which "${namespace}" misspells, so nothing reads this key; ${TAKES}`
      : `${NAMESPACE}:${meant}: "${namespace}" misspells the namespace ${NAMESPACE}, so nothing reads this key`;
  }
  return undefined;
}
