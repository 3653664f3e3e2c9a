// `plan`: what a deployment of an environment would create, per account, offline.
// (First version: a flat listing. The plan issue replaces the rendering.)

import { readEnvironment, toRuntimeConfig, PROJECT_NAME } from "../environment";
import { OfflineRun, runOffline } from "../offline/runtime";
import { placeholderValues } from "../offline/values";

export type PlanFormat = "text" | "json" | "mermaid";

export interface PlanOptions {
  /** The project root holding Pulumi.<env>.yaml. @default the project root */
  readonly root?: string;
  /** Plan as this stack name instead of <env> (e.g. dev-owner). @default <env> */
  readonly stack?: string;
}

export interface Plan {
  readonly env: string;
  readonly stack: string;
  readonly run: OfflineRun;
}

/** Runs the program offline with the environment's config. Config errors throw as in a deploy. */
export async function plan(env: string, options: PlanOptions = {}): Promise<Plan> {
  const environment = readEnvironment(env, options.root);
  const stack = options.stack ?? env;
  const run = await runOffline({
    project: PROJECT_NAME,
    stack,
    config: toRuntimeConfig(environment.config),
    values: placeholderValues,
  });
  return { env, stack, run };
}

export function renderPlan(p: Plan, format: PlanFormat = "text"): string {
  if (format === "json") {
    return JSON.stringify(
      p.run.registrations.map((r) => ({ type: r.type, name: r.name, provider: r.provider })),
      null,
      2,
    );
  }
  return p.run.registrations
    .filter((r) => r.custom)
    .map((r) => `${r.place.account ?? "-"} ${r.type} ${r.name}`)
    .join("\n");
}

/** Flags of the command line, e.g. `--format mermaid` → { format: "mermaid" }, `--json` → { json: true }. */
export type CliFlags = Readonly<Record<string, string | boolean>>;

/** `cli.ts plan <env>`: the text to print, and the value printed with --json. */
export async function planCommand(env: string, flags: CliFlags): Promise<{ text: string; json: unknown }> {
  const p = await plan(env);
  const format = typeof flags.format === "string" ? (flags.format as PlanFormat) : "text";
  return { text: renderPlan(p, format), json: JSON.parse(renderPlan(p, "json")) as unknown };
}
