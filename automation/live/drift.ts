// A live policy against the program's: statements compared as IAM reads them (one value or a
// list, in any order, keys in any order), so only a real change counts as drift.

import { PolicyDocument } from "../../infra/access/documents";
import { PolicyDocumentJson, StatementJson } from "../plan/registrationInputs";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Lists as sorted lists (a single value is a list of one), objects with sorted keys. */
function canonical(value: unknown, listField = false): Json {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v));
    return items
      .map((v) => JSON.stringify(v))
      .sort()
      .map((t) => JSON.parse(t) as Json);
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k], k !== "Sid" && k !== "Effect")] as const);
    return Object.fromEntries(entries);
  }
  if (listField && typeof value === "string") {
    return [value];
  }
  return value as Json;
}

/** One statement as a comparable text. */
export function statementKey(s: StatementJson | PolicyDocument["Statement"][number]): string {
  return JSON.stringify(canonical(s));
}

export interface Drift {
  readonly added: readonly StatementJson[];
  readonly removed: readonly StatementJson[];
}

export function drift(live: PolicyDocumentJson | undefined, expected: PolicyDocument): Drift {
  const liveStatements = live?.Statement ?? [];
  const want = new Set(expected.Statement.map(statementKey));
  const have = new Set(liveStatements.map(statementKey));
  return {
    added: liveStatements.filter((s) => !want.has(statementKey(s))),
    removed: expected.Statement.filter((s) => !have.has(statementKey(s))),
  };
}

/** True when the live document holds this statement exactly. */
export function holds(live: PolicyDocumentJson | undefined, statement: PolicyDocument["Statement"][number]): boolean {
  const key = statementKey(statement);
  return (live?.Statement ?? []).some((s) => statementKey(s) === key);
}

/** A live policy text as a document, or undefined when it is not one. */
export function parsePolicy(text: string | undefined): PolicyDocumentJson | undefined {
  if (!text) {
    return undefined;
  }
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    if (doc.Statement !== undefined && !Array.isArray(doc.Statement)) {
      return { ...(doc as object), Statement: [doc.Statement as StatementJson] };
    }
    return Array.isArray(doc.Statement) ? (doc as PolicyDocumentJson) : undefined;
  } catch {
    return undefined;
  }
}

const named = (s: StatementJson): string => (s.Sid ? s.Sid : JSON.stringify(s));

/** `1 statement added (X), 1 removed (Y)`, or undefined when there is no drift. */
export function describeDrift(d: Drift): string | undefined {
  if (d.added.length === 0 && d.removed.length === 0) {
    return undefined;
  }
  const parts = [
    ...(d.added.length ? [`${d.added.length} statement(s) added (${d.added.map(named).join(", ")})`] : []),
    ...(d.removed.length ? [`${d.removed.length} removed (${d.removed.map(named).join(", ")})`] : []),
  ];
  return parts.join(", ");
}
