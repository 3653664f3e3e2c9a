// `cli.ts plan <env>`: flags in, the text to print and the structured plan out.

import { formatWarning } from "../../infra/config/problems";
import { Part, PARTS } from "../../infra/config/types";
import { PlanUsageError } from "./errors";
import { renderMermaid } from "./mermaid";
import { deployerPolicies, deployerPoliciesJson, renderDeployerPolicies } from "./deployerPolicy";
import { Plan } from "./model";
import { plan, planWithRun } from "./plan";
import { STEPS } from "./steps";
import { renderText } from "./text";

export type PlanFormat = "text" | "json" | "mermaid";
export const PLAN_FORMATS: readonly PlanFormat[] = ["text", "json", "mermaid"];

export { PlanUsageError } from "./errors";

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

/** Flags of the command line, e.g. `--format mermaid` → { format: "mermaid" }, `--json` → { json: true }. */
export type CliFlags = Readonly<Record<string, string | boolean>>;

/** The flags plan takes, as the usage error lists them. */
const DEPLOYER_POLICY = "deployer-policy";
const FLAGS = ["format", "json", "part", DEPLOYER_POLICY];
const FLAGS_TEXT = `plan takes --format ${PLAN_FORMATS.join("|")}, --json, --part ${PARTS.join("|")} and --${DEPLOYER_POLICY}`;

function formatOf(flags: CliFlags): PlanFormat {
  if (flags.json !== undefined && flags.json !== true) {
    throw new PlanUsageError(`--json takes no value; got ${JSON.stringify(flags.json)}.`);
  }
  if (flags.json === true) {
    return "json";
  }
  const format = flags.format ?? "text";
  if (typeof format !== "string" || !(PLAN_FORMATS as readonly string[]).includes(format)) {
    throw new PlanUsageError(`--format: got ${JSON.stringify(format)}; expected one of ${PLAN_FORMATS.join(", ")}.`);
  }
  return format as PlanFormat;
}

/** --part's value; plan() checks it is a part before anything is read. */
function partOf(flags: CliFlags): Part | undefined {
  if (flags.part === true) {
    throw new PlanUsageError("--part: expected a value, e.g. --part owner.");
  }
  return flags.part as Part | undefined;
}

/**
 * `cli.ts plan <env> [--format text|json|mermaid] [--json] [--part all|owner|consumer] [--deployer-policy]`: the
 * text to print, the value printed with --json, and the warning lines for stderr (those the
 * printed format does not already show). Flags are checked before anything runs; config errors
 * throw as a deploy reports them.
 */
export async function planCommand(
  env: string,
  flags: CliFlags,
  options: { readonly root?: string } = {},
): Promise<{ text: string; json: unknown; warnings?: readonly string[] }> {
  const unknown = Object.keys(flags).filter((f) => !FLAGS.includes(f));
  if (unknown.length > 0) {
    throw new PlanUsageError(`${FLAGS_TEXT}; got --${unknown.join(", --")}.`);
  }
  if (flags[DEPLOYER_POLICY] !== undefined) {
    return deployerPolicyCommand(env, flags, options);
  }
  const format = formatOf(flags);
  const p = await plan(env, { root: options.root, part: partOf(flags) });
  const warnings = format === "text" ? [] : p.warnings.map(formatWarning);
  return { text: renderPlan(p, format), json: planJson(p), warnings };
}

/** `plan <env> --deployer-policy [--json] [--part …]`: per account, the policy the deploying role needs. */
async function deployerPolicyCommand(
  env: string,
  flags: CliFlags,
  options: { readonly root?: string },
): Promise<{ text: string; json: unknown; warnings: readonly string[] }> {
  if (flags[DEPLOYER_POLICY] !== true) {
    throw new PlanUsageError(`--${DEPLOYER_POLICY} takes no value; got ${JSON.stringify(flags[DEPLOYER_POLICY])}.`);
  }
  const format = formatOf(flags);
  if (format === "mermaid") {
    throw new PlanUsageError(`--${DEPLOYER_POLICY} prints text or JSON; got --format mermaid.`);
  }
  const { plan: p, run } = await planWithRun(env, { root: options.root, part: partOf(flags) });
  const policies = deployerPolicies(p, run);
  const json = deployerPoliciesJson(policies);
  const text = format === "json" ? JSON.stringify(json, null, 2) : renderDeployerPolicies(policies);
  // The policies do not show the config warnings; the command line writes them to stderr.
  return { text, json, warnings: p.warnings.map(formatWarning) };
}
