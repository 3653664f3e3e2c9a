// Who may do what to which resource, read from the policy documents the program registers (never
// from a hand-written list), and which resource names which: the plan's graph, which the
// mermaid diagram draws.

import { InvokeRecord } from "../offline/runtime";
import { listOf, policiesOf, StatementJson, stringLeaves } from "./registrationInputs";
import { actionLabel, nodeId, sourceArnOf, words } from "./labels";
import { GraphNode, GraphResource, NAME_INPUTS, NodeIndex, SUBJECT_INPUTS } from "./nodes";

export type { GraphNode, GraphResource } from "./nodes";

/** One statement that grants an edge. */
export interface GrantSource {
  /** The resource holding the policy (logical name) and the policy's input. */
  readonly resource: string;
  readonly input: string;
  /** `key policy`, `secret policy`, `identity policy`, `trust policy`, … */
  readonly policy: string;
  readonly sid?: string;
  readonly condition?: StatementJson["Condition"];
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  /** `grant`: a policy allows `from` to act on `to`. `reference`: an input of `from` names `to`. */
  readonly kind: "grant" | "reference";
  readonly label: string;
  /** Grants: the actions allowed. */
  readonly actions?: readonly string[];
  /** Grants: every statement allowing it (both sides of a cross-account grant appear here). */
  readonly grantedBy?: readonly GrantSource[];
  /** References: the inputs naming the target. */
  readonly inputs?: readonly string[];
}

export interface PlanGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export interface GraphInputs {
  /** Managed resources, in the plan's order. */
  readonly resources: readonly GraphResource[];
  readonly invokes: readonly InvokeRecord[];
  /** Values read from other stacks, and the account they belong to. */
  readonly stackValues: ReadonlyMap<string, string>;
}

export function buildGraph(input: GraphInputs): PlanGraph {
  const index = new NodeIndex(input.resources, input.invokes, input.stackValues);
  const edges = grantEdges(index, input.resources);
  edges.push(...referenceEdges(index, input.resources));
  return { nodes: index.nodes, edges };
}

/** An arrow per Allow statement, merged when several statements (both sides) allow the same. */
function grantEdges(index: NodeIndex, resources: readonly GraphResource[]): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const at = new Map<string, number>();
  const add = (from: string, to: string, actions: string[], label: string, source: GrantSource): void => {
    const key = `${from}|${to}|${label}`;
    const i = at.get(key);
    if (i === undefined) {
      at.set(key, edges.length);
      edges.push({ from, to, kind: "grant", label, actions, grantedBy: [source] });
    } else {
      edges[i] = { ...edges[i], grantedBy: [...(edges[i].grantedBy ?? []), source] };
    }
  };

  for (const res of resources) {
    const r = res.registration;
    const subjectInput = SUBJECT_INPUTS.find((k) => typeof r.inputs[k] === "string");
    const subject = subjectInput
      ? index.resolveOrExisting(r.inputs[subjectInput] as string, res.account, NAME_INPUTS[subjectInput])
      : nodeId("r", r.name);
    const subjectType = index.get(subject)?.type?.split(":")[2];
    for (const { input, document } of policiesOf(r)) {
      for (const s of document.Statement) {
        // Only what is allowed becomes an arrow; a Deny stays visible in the printed document.
        if (s.Effect !== "Allow" || s.Action === undefined) {
          continue;
        }
        const actions = listOf(s.Action);
        const label = actionLabel(actions, s.Condition);
        const identity = s.Principal === undefined;
        const policy = identity
          ? "identity policy"
          : input === "assumeRolePolicy"
            ? "trust policy"
            : `${subjectType ? words(subjectType) : "resource"} policy`;
        const source: GrantSource = { resource: r.name, input, policy, sid: s.Sid, condition: s.Condition };
        if (identity) {
          for (const target of listOf(s.Resource)) {
            add(subject, index.resolveOrExisting(target, res.account), actions, label, source);
          }
        } else {
          for (const from of principalsOf(index, s, res.account)) {
            add(from, subject, actions, label, source);
          }
        }
      }
    }
  }
  return edges;
}

/** Who a resource-policy statement lets in: roles by ARN, or for a service, the resource it acts for. */
function principalsOf(index: NodeIndex, s: StatementJson, account: string): string[] {
  if (s.Principal === "*" || s.Principal === undefined) {
    return [index.resolveOrExisting("*", account)];
  }
  const p = s.Principal as Readonly<Record<string, string | readonly string[]>>;
  const roles = listOf(p.AWS).map((arn) => index.resolveOrExisting(arn, account));
  const services = listOf(p.Service).map((service) => {
    const source = sourceArnOf(s.Condition);
    return source
      ? index.resolveOrExisting(source, account)
      : index.add({ id: nodeId("s", service), label: [service], kind: "service", identifier: service });
  });
  return [...roles, ...services];
}

/** Dotted arrows from a managed resource to what its (non-policy, non-secret) inputs name. */
function referenceEdges(index: NodeIndex, resources: readonly GraphResource[]): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const res of resources) {
    const r = res.registration;
    const from = nodeId("r", r.name);
    if (!index.get(from)) {
      continue;
    }
    const policyInputs = new Set(policiesOf(r).map((p) => p.input));
    const targets = new Map<string, string[]>();
    for (const key of Object.keys(r.inputs).sort()) {
      if (policyInputs.has(key) || r.secretInputs.includes(key)) {
        continue;
      }
      for (const leaf of stringLeaves(r.inputs[key])) {
        const to = index.resolve(leaf, NAME_INPUTS[key]) ?? index.resolve(leaf) ?? index.resolvePrefix(leaf);
        if (to && to !== from && !(targets.get(to) ?? []).includes(key)) {
          targets.set(to, [...(targets.get(to) ?? []), key]);
        }
      }
    }
    for (const [to, inputs] of targets) {
      edges.push({ from, to, kind: "reference", label: inputs.join(", "), inputs });
    }
  }
  return edges;
}
