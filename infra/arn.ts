// Taking ARNs apart: the one place that knows their shape. Validation of what a config value may
// look like stays in config/rules.ts; this reads ARNs the program already has.

import { parse, validate } from "@aws-sdk/util-arn-parser";

/** `arn:partition:service:region:account:resource`; `resource` keeps its own `/` and `:`. */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  readonly resource: string;
}

/** The parts of `text`, or undefined when it is not an ARN. */
export function parseArn(text: string): Arn | undefined {
  return validate(text) ? parse(text) : undefined;
}

/** The 12-digit account an ARN names, or undefined (not an ARN, or no account, as for S3). */
export function accountOf(text: string): string | undefined {
  const accountId = parseArn(text)?.accountId;
  return accountId !== undefined && /^\d{12}$/.test(accountId) ? accountId : undefined;
}

/**
 * The last segment of an ARN's resource: a role's name without its path
 * (`role/service-role/name` → `name`), a function's name (`function:name` → `name`).
 */
export function resourceName(text: string): string | undefined {
  const resource = parseArn(text)?.resource;
  return resource === undefined ? undefined : resource.split(/[/:]/).pop();
}

/** The resource type and the rest: `role/path/name` → [`role`, `path/name`]. */
export function resourceParts(arn: Arn): readonly [string, string] {
  const at = arn.resource.search(/[/:]/);
  return at < 0 ? [arn.resource, ""] : [arn.resource.slice(0, at), arn.resource.slice(at + 1)];
}

/** The name of an IAM role from its ARN, without the path; throws for anything else. */
export function roleNameOf(arn: string): string {
  const parsed = parseArn(arn);
  const name = parsed?.service === "iam" && parsed.resource.startsWith("role/") ? resourceName(arn) : undefined;
  if (!name) {
    throw new Error(`not an IAM role ARN: ${arn}`);
  }
  return name;
}
