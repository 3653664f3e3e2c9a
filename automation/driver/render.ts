// What the command line prints for each result: text for people, JSON for scripts. Secret
// outputs are masked in both.

import { formatWarning } from "../../infra/config/problems";
import type { Rendered } from "../rendered";
import { changesLine, changesOf } from "./changes";
import { DeployResult, StackOutputs, StackUpdate } from "./deploy";
import { DestroyResult } from "./destroy";
import { Outputs } from "./options";
import { OutputsResult } from "./outputs";
import { PreviewResult, StackPreview } from "./preview";

export const MASK = "[secret]";

export function masked(outputs: Outputs): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([k, o]) => [k, o.secret ? MASK : o.value]));
}

/** Nested values as dotted keys, e.g. consumers.app.taskDefinitionArn. */
function flatten(value: unknown, key: string, into: [string, string][]): void {
  if (typeof value === "object" && value !== null && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) {
      flatten(v, Array.isArray(value) ? `${key}[${k}]` : `${key}.${k}`, into);
    }
  } else {
    into.push([key, typeof value === "string" ? value : JSON.stringify(value)]);
  }
}

function outputLines(s: StackOutputs): string {
  const rows: [string, string][] = [];
  for (const [k, v] of Object.entries(masked(s.outputs))) {
    flatten(v, k, rows);
  }
  if (rows.length === 0) {
    return `${s.stack}\n  (no outputs)`;
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  return [s.stack, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join("\n");
}

function stackJson(s: StackOutputs): { stack: string; outputs: Record<string, unknown> } {
  return { stack: s.stack, outputs: masked(s.outputs) };
}

/** `dev-owner: 12 created, 1 unchanged`. */
function changedLine(s: StackUpdate): string {
  return `${s.stack}: ${changesLine(s.changes)}`;
}

export function renderDeploy(r: DeployResult): Rendered {
  const password = r.passwordGenerated
    ? `\nGenerated the database password; it is kept, encrypted, in ${r.owner.stack}'s config.`
    : "";
  const { username, host, port } = r.databaseUser;
  const next =
    `Next, step ③: npx rds-secret-share db-user ${r.env}  — creates or updates the database user ${username} on ` +
    `${host}:${port} with the secret's password (run it where the database is reachable; --dry-run to look first).`;
  const changed = `${changedLine(r.owner)}\n${changedLine(r.consumer)}`;
  return {
    text: `\nDeployed ${r.env}.${password}\n${changed}\n\n${outputLines(r.owner)}\n\n${outputLines(r.consumer)}\n\n${next}`,
    json: {
      env: r.env,
      owner: { ...stackJson(r.owner), changes: r.owner.changes },
      consumer: { ...stackJson(r.consumer), changes: r.consumer.changes },
      passwordGenerated: r.passwordGenerated,
      warnings: r.warnings,
    },
    warnings: r.warnings.map(formatWarning),
  };
}

export function renderOutputs(r: OutputsResult): Rendered {
  return {
    text: `${outputLines(r.owner)}\n\n${outputLines(r.consumer)}`,
    json: { env: r.env, owner: stackJson(r.owner), consumer: stackJson(r.consumer) },
  };
}

function previewLine(p: StackPreview): string {
  if (p.skipped !== undefined) {
    return `${p.stack}: not previewed. ${p.skipped}`;
  }
  return `${p.stack}: ${changesLine(changesOf(p.changes), "planned")}`;
}

export function renderPreview(r: PreviewResult): Rendered {
  return {
    text: `\n${previewLine(r.owner)}\n${previewLine(r.consumer)}`,
    json: r,
    warnings: r.warnings.map(formatWarning),
  };
}

export function renderDestroy(r: DestroyResult): Rendered {
  const lines = r.stacks.map(
    (s) => `${s.stack}: ${s.changes ? changesLine(s.changes) : "no such stack, nothing to destroy"}`,
  );
  return { text: `\n${lines.join("\n")}`, json: r };
}
