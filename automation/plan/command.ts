// `rds-secret-share plan <env>`: flags in, the text to print and the structured plan out.

import { formatWarning } from "../../infra/config/problems";
import { PARTS } from "../../infra/config/types";
import type { Flags } from "../cli/parse";
import type { Rendered } from "../rendered";
import { renderMermaid } from "./mermaid";
import { deployerPolicies, deployerPoliciesJson, renderDeployerPolicies } from "./deployerPolicy";
import { Plan } from "./model";
import { plan, PlanOptions, planWithRun } from "./plan";
import { STEPS } from "./steps";
import { renderText } from "./text";

export type PlanFormat = "text" | "json" | "mermaid";
export const PLAN_FORMATS: readonly PlanFormat[] = ["text", "json", "mermaid"];

/** The plan as data: what `--json` prints. */
export function planJson(p: Plan): unknown {
  return {
    env: p.env,
    stack: p.stack,
    part: p.part,
    placeholders: "Values in <…> are known only after deployment.",
    steps: STEPS,
    accounts: p.accounts,
    stackReferences: p.stackReferences,
    driverConfig: p.driverConfig,
    outputs: p.outputs,
    graph: p.graph,
    warnings: p.warnings,
  };
}

export function renderPlan(p: Plan, format: PlanFormat = "text"): string {
  switch (format) {
    case "json":
      return JSON.stringify(planJson(p), null, 2);
    case "mermaid":
      return renderMermaid(p);
    case "text":
      return renderText(p);
  }
}

/**
 * `rds-secret-share plan <env>`, its flags already checked against the command line's table
 * (automation/cli/commands.ts): the text to print, the value printed with --json, and the warning
 * lines for stderr (those the printed format does not already show). Config errors throw as a
 * deploy reports them.
 */
export async function planCommand(
  env: string,
  flags: Flags,
  options: { readonly root?: string } = {},
): Promise<Rendered> {
  const format = flags.json === true ? "json" : (PLAN_FORMATS.find((f) => f === flags.format) ?? "text");
  const part = PARTS.find((p) => p === flags.part);
  if (flags["deployer-policy"] === true) {
    return deployerPolicyCommand(env, format === "json", { root: options.root, part });
  }
  const p = await plan(env, { root: options.root, part });
  const warnings = format === "text" ? [] : p.warnings.map(formatWarning);
  return { text: renderPlan(p, format), json: planJson(p), warnings };
}

/** `plan <env> --deployer-policy [--json] [--part …]`: per account, the policy the deploying role needs. */
async function deployerPolicyCommand(env: string, json: boolean, options: PlanOptions): Promise<Rendered> {
  const { plan: p, run } = await planWithRun(env, options);
  const policies = deployerPolicies(p, run);
  const document = deployerPoliciesJson(policies);
  const text = json ? JSON.stringify(document, null, 2) : renderDeployerPolicies(policies);
  // The policies do not show the config warnings; the command line writes them to stderr.
  return { text, json: document, warnings: p.warnings.map(formatWarning) };
}
