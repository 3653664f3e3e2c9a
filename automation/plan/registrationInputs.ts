// How a registration's inputs are shown: policy documents picked out, JSON text parsed, secrets
// masked. Generic over resource types, so resources added later are shown the same way.

import { Registration } from "../offline/runtime";

/** An IAM policy document as registered: any JSON input with a Statement list. */
export interface PolicyDocumentJson {
  readonly Version?: string;
  readonly Statement: readonly StatementJson[];
}

export interface StatementJson {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Principal?: string | Readonly<Record<string, string | readonly string[]>>;
  readonly Action?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface PlanPolicy {
  /** The input holding it, e.g. `policy` or `assumeRolePolicy`. */
  readonly input: string;
  readonly document: PolicyDocumentJson;
}

/** Shown instead of a secret value. */
export const MASKED = "<secret: not shown>";
/** Shown instead of a password inside a secret value. */
export const MASKED_PASSWORD = "<password: secret, not shown>";

function parseJson(text: string): unknown {
  const t = text.trim();
  if (!t.startsWith("{") && !t.startsWith("[")) {
    return undefined;
  }
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/** The document when `value` is the JSON text of a policy document. */
export function asPolicyDocument(value: unknown): PolicyDocumentJson | undefined {
  if (typeof value !== "string") {
    return undefined;
  }
  const doc = parseJson(value);
  const statements = (doc as { Statement?: unknown } | undefined)?.Statement;
  return Array.isArray(statements) ? (doc as PolicyDocumentJson) : undefined;
}

/** Every policy document among the registration's (non-secret) inputs, in input order. */
export function policiesOf(r: Registration): PlanPolicy[] {
  return Object.keys(r.inputs)
    .filter((k) => !r.secretInputs.includes(k))
    .flatMap((input) => {
      const document = asPolicyDocument(r.inputs[input]);
      return document ? [{ input, document }] : [];
    });
}

/**
 * A secret input as shown: a JSON object keeps its fields except passwords (the RDS secret's
 * username, host and engine are plain config); anything else is masked whole.
 */
function maskSecret(value: unknown): unknown {
  const parsed = typeof value === "string" ? parseJson(value) : undefined;
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return MASKED;
  }
  return Object.fromEntries(
    Object.entries(parsed).map(([k, v]) => [
      k,
      /password/i.test(k) ? MASKED_PASSWORD : typeof v === "object" && v !== null ? MASKED : v,
    ]),
  );
}

/** Inputs other than policy documents; JSON text parsed, so a container definition reads as data. */
export function propertiesOf(r: Registration, policies: readonly PlanPolicy[]): Record<string, unknown> {
  const policyInputs = new Set(policies.map((p) => p.input));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(r.inputs).sort()) {
    if (policyInputs.has(key)) {
      continue;
    }
    const value = r.inputs[key];
    if (r.secretInputs.includes(key)) {
      out[key] = maskSecret(value);
    } else {
      out[key] = typeof value === "string" ? (parseJson(value) ?? value) : value;
    }
  }
  return out;
}

/** Every string inside a value, JSON text included, with the top-level key it sits under. */
export function stringLeaves(value: unknown): string[] {
  if (typeof value === "string") {
    const parsed = parseJson(value);
    return parsed === undefined ? [value] : stringLeaves(parsed);
  }
  if (Array.isArray(value)) {
    return value.flatMap(stringLeaves);
  }
  if (typeof value === "object" && value !== null) {
    return Object.values(value).flatMap(stringLeaves);
  }
  return [];
}

/** A list as IAM allows it: one value or several. */
export function listOf<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}
