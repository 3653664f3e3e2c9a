// Names the program gives things in AWS, within the characters and lengths AWS accepts. Config
// validation, the policies and the components all derive names here, so they always agree.

import { createHash } from "node:crypto";

/** Prefix of every name this project writes that is not derived from a configured name. */
export const NAME_PREFIX = "rds-secret-share-";

/** A statement id from words: alphanumeric, as IAM requires. `sid("consumer", "app-1")` → `ConsumerApp1`. */
export function sid(...words: string[]): string {
  return words
    .flatMap((w) => w.split(/[^A-Za-z0-9]+/))
    .filter((w) => w.length > 0)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}

/** `base` + `suffix` within `max` characters; a cut base keeps a hash so names stay unique. */
export function fitName(base: string, suffix: string, max: number): string {
  const clean = base.replace(/[^A-Za-z0-9_-]+/g, "-");
  if (clean.length + suffix.length <= max) {
    return clean + suffix;
  }
  const hash = createHash("sha256").update(clean).digest("hex").slice(0, 8);
  return `${clean.slice(0, max - suffix.length - hash.length - 1)}-${hash}${suffix}`;
}

/** IAM's limit on an inline policy's name. */
const POLICY_NAME_MAX = 128;
/** The longest consumer name (config/rules.ts `consumerName`). */
const CONSUMER_NAME_MAX = 32;
/**
 * What is left for the secret's name: the limit less the prefix, a hyphen and the longest consumer
 * name, and one character to spare, which deployed policy names already reflect (77).
 */
const SECRET_PART_MAX = POLICY_NAME_MAX - NAME_PREFIX.length - 1 - CONSUMER_NAME_MAX - 1;

/**
 * The policy name on the execution role: one per shared secret and consumer, so a role can read
 * several secrets, and two consumers sharing a role never overwrite or delete each other's policy.
 */
export function identityPolicyName(secretName: string, consumerName: string): string {
  const secret = secretName.replace(/[^\w+=,.@-]/g, "-").slice(0, SECRET_PART_MAX);
  return `${NAME_PREFIX}${secret}-${consumerName}`;
}

/** An STS role session name `rds-secret-share-<label>`, within the characters and 64-character length STS accepts. */
export function roleSessionName(label: string): string {
  return `${NAME_PREFIX}${label}`.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
}
