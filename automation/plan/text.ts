// The plan as text for a terminal: per account, each resource with its step, properties and
// pretty-printed policies; then what is read from elsewhere, the grants, and the stack outputs.

import { formatWarning } from "../../infra/config/problems";
import { GraphNode } from "./graph";
import { Plan, PlanAccount, PlanResource } from "./model";
import { STEPS } from "./steps";

const INLINE_MAX = 100;

function indent(text: string, by: string): string {
  return text
    .split("\n")
    .map((l) => by + l)
    .join("\n");
}

/** A value on one line when short, else pretty-printed below its key. */
function property(key: string, value: unknown, pad: string): string {
  if (typeof value === "string") {
    return `${pad}${key}: ${value}`;
  }
  const compact = JSON.stringify(value);
  if (compact === undefined || compact.length <= INLINE_MAX) {
    return `${pad}${key}: ${compact ?? String(value)}`;
  }
  return `${pad}${key}:\n${indent(JSON.stringify(value, null, 2), `${pad}  `)}`;
}

function options(r: PlanResource): string | undefined {
  const o = r.options;
  const parts = [
    ...(o.protect ? ["protect"] : []),
    ...(o.retainOnDelete ? ["retainOnDelete"] : []),
    ...(o.ignoreChanges.length > 0 ? [`ignoreChanges [${o.ignoreChanges.join(", ")}]`] : []),
    ...(o.additionalSecretOutputs.length > 0
      ? [`additionalSecretOutputs [${o.additionalSecretOutputs.join(", ")}]`]
      : []),
    ...(o.dependsOn.length > 0 ? [`dependsOn [${o.dependsOn.join(", ")}]`] : []),
  ];
  return parts.length > 0 ? parts.join("; ") : undefined;
}

function resource(r: PlanResource): string {
  const mark = STEPS.find((s) => s.id === r.step)?.mark ?? "?";
  const lines = [`${mark} ${r.type}  ${r.name}${r.consumer ? `  (consumer ${r.consumer})` : ""}`];
  const pad = "    ";
  lines.push(`${pad}${r.role ?? "not in the step table (automation/plan/steps.ts)"}`);
  for (const [key, value] of Object.entries(r.properties)) {
    lines.push(property(key, value, pad));
  }
  for (const p of r.policies) {
    lines.push(`${pad}${p.input}:`);
    lines.push(indent(JSON.stringify(p.document, null, 2), `${pad}  `));
  }
  const opts = options(r);
  if (opts) {
    lines.push(`${pad}options: ${opts}`);
  }
  return lines.join("\n");
}

function heading(text: string): string {
  return `══ ${text} ${"═".repeat(Math.max(3, 96 - text.length))}`;
}

function account(a: PlanAccount): string {
  const who = a.role === "owner" ? "Owner account" : `Consumer account (${a.consumers.join(", ")})`;
  const credentials = [
    `provider ${a.provider}, allowedAccountIds [${a.accountId}]`,
    ...(a.assumeRoleArn ? [`assumes ${a.assumeRoleArn}`] : []),
    ...(a.profile ? [`profile ${a.profile}`] : []),
  ].join(", ");
  const reads = a.dataSources.map(
    (d) => `  reads ${d.token} ${JSON.stringify(d.inputs)} → ${JSON.stringify(d.result)}`,
  );
  return [
    heading(`${who} ${a.accountId} · ${a.region}`),
    credentials,
    ...(reads.length > 0
      ? ["Data sources read during the deploy (an execution role that does not exist fails it):", ...reads]
      : []),
    "",
    a.resources.map(resource).join("\n\n"),
  ].join("\n");
}

function nodeText(n: GraphNode | undefined, fallback: string): string {
  if (!n) {
    return fallback;
  }
  return n.kind === "managed" ? `${n.label[0]} ${n.label[1]}` : n.label.join(" ");
}

export function renderText(p: Plan): string {
  const legend = STEPS.map((s) => `  ${s.mark} ${s.title} — ${s.summary}`);
  const nodes = new Map(p.graph.nodes.map((n) => [n.id, n]));
  const grants = p.graph.edges
    .filter((e) => e.kind === "grant")
    .map((e) => {
      const by = (e.grantedBy ?? []).map((g) => `${g.policy} ${g.sid ?? ""} on ${g.resource}`.replace(/\s+/g, " "));
      return `  ${nodeText(nodes.get(e.from), e.from)} → ${nodeText(nodes.get(e.to), e.to)}: ${e.label}\n      allowed by ${by.join("; ")}`;
    });
  const references = p.stackReferences.map(
    (r) =>
      `  ${r.name} reads stack ${r.stack}:\n${Object.entries(r.outputs)
        .map(([k, v]) => `    ${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
        .join("\n")}`,
  );
  return [
    `Plan of environment ${p.env}: stack ${p.stack}, part ${p.part}`,
    "Offline: nothing is deployed and no credentials are used. Values in <…> are known only after deployment.",
    ...p.warnings.map(formatWarning),
    ...(p.driverConfig.length > 0
      ? [
          `As the driver deploys it, with besides Pulumi.${p.env}.yaml:`,
          ...p.driverConfig.map((d) => `  ${d.key}: ${d.value} — ${d.from}`),
        ]
      : []),
    "",
    "Procedure steps (secret-sharing-procedure.ja.md), marked beside each resource:",
    ...legend,
    "",
    ...p.accounts.flatMap((a) => [account(a), ""]),
    ...(references.length > 0 ? [heading("Read from other stacks"), ...references, ""] : []),
    heading("Grants, as the policies above state them"),
    ...grants,
    "",
    heading("Stack outputs"),
    ...Object.entries(p.outputs).map(([k, v]) => property(k, v, "  ")),
  ].join("\n");
}
