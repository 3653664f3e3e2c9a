// Plans of the dev example and its variations, shared by the plan tests.

import { planConfig, Plan, PlanResource } from "../../automation/plan";
import { GraphNode } from "../../automation/plan/graph";
import { Part } from "../../infra/config/types";
import { configWith, devConfig } from "../support/program";

export const OWNER = "111111111111";
export const CONSUMER = "222222222222";
export const SECOND = "333333333333";
export const EXECUTION_ROLE = "arn:aws:iam::222222222222:role/app-task-execution";
export const BATCH_ROLE = "arn:aws:iam::333333333333:role/batch-task-execution";
export const SECRET = "<arn of secret rds/dev/app_user>";
export const KEY = "<arn of KMS key share-owner-kms-key>";
export const KEY_ID = "<id of KMS key share-owner-kms-key>";

/** A second consumer, in an account of its own, without services to restart. */
export const BATCH_CONSUMER = {
  name: "batch",
  accountId: SECOND,
  region: "ap-northeast-1",
  executionRoleArn: BATCH_ROLE,
  taskDefinition: {
    family: "batch",
    image: "333333333333.dkr.ecr.ap-northeast-1.amazonaws.com/batch:2.3.0",
    cpu: 256,
    memory: 512,
  },
};

export function twoConsumerConfig(): Record<string, unknown> {
  return configWith((c) => c["rds-secret-share:consumers"].push(BATCH_CONSUMER));
}

export function planDev(options: { part?: Part } = {}): Promise<Plan> {
  return planConfig(devConfig(), "dev", options);
}

/** `[mark-free step, type, name]` of an account's resources, in the plan's order. */
export function listing(p: Plan, accountIndex: number): [string | undefined, string, string][] {
  return p.accounts[accountIndex].resources.map((r) => [r.step, r.type, r.name]);
}

export function resourceNamed(p: Plan, name: string): PlanResource {
  const found = p.accounts.flatMap((a) => a.resources).filter((r) => r.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one resource ${name}, found ${found.length}`);
  }
  return found[0];
}

/** The one policy document of a resource, parsed. */
export function policyStatements(p: Plan, name: string): unknown[] {
  const r = resourceNamed(p, name);
  if (r.policies.length !== 1) {
    throw new Error(`expected one policy on ${name}, found ${r.policies.length}`);
  }
  return [...r.policies[0].document.Statement];
}

/** Grants as `from → to: label [policies]`, with nodes named by their labels. */
export function grantLines(p: Plan): string[] {
  const nodes = new Map<string, GraphNode>(p.graph.nodes.map((n) => [n.id, n]));
  const name = (id: string): string => nodes.get(id)?.label.slice(0, 2).join(" ") ?? `?${id}`;
  return p.graph.edges
    .filter((e) => e.kind === "grant")
    .map(
      (e) => `${name(e.from)} → ${name(e.to)}: ${e.label} [${(e.grantedBy ?? []).map((g) => g.policy).join(" + ")}]`,
    );
}

/** Every string anywhere in a value. */
export function allStrings(value: unknown): string[] {
  if (typeof value === "string") {
    return [value];
  }
  if (Array.isArray(value)) {
    return value.flatMap(allStrings);
  }
  if (typeof value === "object" && value !== null) {
    return Object.values(value).flatMap(allStrings);
  }
  return [];
}
