// `cli.ts plan <env>`: flags in, the text to print and the structured plan out.

import { PlanUsageError } from "./errors";
import { renderMermaid } from "./mermaid";
import { Plan } from "./model";
import { plan } from "./plan";
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
    outputs: p.outputs,
    graph: p.graph,
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

function formatOf(flags: CliFlags): PlanFormat {
  if (flags.json === true) {
    return "json";
  }
  const format = flags.format ?? "text";
  if (typeof format !== "string" || !(PLAN_FORMATS as readonly string[]).includes(format)) {
    throw new PlanUsageError(`--format: got ${JSON.stringify(format)}; expected one of ${PLAN_FORMATS.join(", ")}.`);
  }
  return format as PlanFormat;
}

function stringFlag(flags: CliFlags, name: string): string | undefined {
  const value = flags[name];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== "string") {
    throw new PlanUsageError(`--${name}: expected a value, e.g. --${name} ${name === "part" ? "owner" : "dev-owner"}.`);
  }
  return value;
}

/**
 * `cli.ts plan <env> [--format text|json|mermaid] [--json] [--part all|owner|consumer] [--stack <name>]`:
 * the text to print, and the value printed with --json. Config errors throw as a deploy reports them.
 */
export async function planCommand(env: string, flags: CliFlags): Promise<{ text: string; json: unknown }> {
  const format = formatOf(flags);
  const p = await plan(env, { part: stringFlag(flags, "part"), stack: stringFlag(flags, "stack") });
  return { text: renderPlan(p, format), json: planJson(p) };
}
