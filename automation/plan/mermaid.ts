// The plan's graph as a Mermaid flowchart that GitHub renders: a subgraph per account, resources
// as nodes, grants as labelled arrows (from the registered policies), references as dotted ones.

import { GraphEdge, GraphNode } from "./graph";
import { Plan, PlanAccount } from "./model";

/** Label text as Mermaid reads it inside quotes: entity codes for anything it could take as syntax. */
export function escapeLabel(text: string): string {
  return [...text]
    .map((c) => {
      const code = c.codePointAt(0) ?? 0;
      return c === '"' || c === "#" || c === "<" || c === ">" || code > 126 ? `#${code};` : c;
    })
    .join("");
}

function label(lines: readonly string[]): string {
  return `"${lines.map(escapeLabel).join("<br/>")}"`;
}

function shape(n: GraphNode): string {
  const text = label(n.label);
  if (n.kind === "service") {
    return `${n.id}{{${text}}}`;
  }
  return n.kind === "existing" ? `${n.id}(${text})` : `${n.id}[${text}]`;
}

function accountTitle(a: PlanAccount): string {
  const who = a.role === "owner" ? "Owner account" : `Consumer account (${a.consumers.join(", ")})`;
  return `${who} ${a.accountId} · ${a.region}`;
}

function edgeLine(e: GraphEdge): string {
  if (e.kind === "reference") {
    return `  ${e.from} -.->|${label([e.label])}| ${e.to}`;
  }
  const policies = [...new Set((e.grantedBy ?? []).map((g) => g.policy))];
  return `  ${e.from} -->|${label([e.label, `(${policies.join(" + ")})`])}| ${e.to}`;
}

export function renderMermaid(p: Plan): string {
  const { nodes, edges } = p.graph;
  const lines = ["flowchart LR"];
  const placed = new Set<string>();
  const subgraph = (id: string, title: string, members: readonly GraphNode[]): void => {
    if (members.length === 0) {
      return;
    }
    lines.push(`  subgraph ${id}[${label([title])}]`);
    for (const n of members) {
      lines.push(`    ${shape(n)}`);
      placed.add(n.id);
    }
    lines.push("  end");
  };
  // Things not made here go to the first group of their account.
  const firstGroupOf = new Map<string, string>();
  for (const a of p.accounts) {
    if (!firstGroupOf.has(a.accountId)) {
      firstGroupOf.set(a.accountId, a.provider);
    }
  }
  const groupOf = (n: GraphNode): string | undefined =>
    n.group ?? (n.account ? firstGroupOf.get(n.account) : undefined);

  for (const a of p.accounts) {
    subgraph(
      `g_${a.provider.replace(/[^A-Za-z0-9]+/g, "_")}`,
      accountTitle(a),
      nodes.filter((n) => groupOf(n) === a.provider),
    );
  }
  const otherAccounts = [...new Set(nodes.filter((n) => !placed.has(n.id) && n.account).map((n) => n.account))];
  for (const acct of otherAccounts) {
    subgraph(
      `g_account_${acct}`,
      `Account ${acct} (not deployed by this stack)`,
      nodes.filter((n) => !placed.has(n.id) && n.account === acct),
    );
  }
  for (const n of nodes.filter((x) => !placed.has(x.id))) {
    lines.push(`  ${shape(n)}`);
  }
  lines.push(...edges.filter((e) => e.kind === "grant").map(edgeLine));
  lines.push(...edges.filter((e) => e.kind === "reference").map(edgeLine));
  const existing = nodes.filter((n) => n.kind !== "managed").map((n) => n.id);
  lines.push("  classDef existing stroke-dasharray: 5 5");
  if (existing.length > 0) {
    lines.push(`  class ${existing.join(",")} existing`);
  }
  return lines.join("\n");
}
