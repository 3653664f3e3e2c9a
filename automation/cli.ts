// Command line of the driver (first version: plan only; the driver issue completes it).
// node -r ts-node/register/transpile-only automation/cli.ts <command> <env> [--json] [--format text|json|mermaid]

import { ConfigError } from "../infra/config/problems";
import { EnvironmentError } from "./environment";
import { plan, PlanFormat, renderPlan } from "./plan";

async function main(argv: string[]): Promise<number> {
  const [command, env] = argv.filter((a) => !a.startsWith("--"));
  const json = argv.includes("--json");
  const formatIndex = argv.indexOf("--format");
  const format = (json ? "json" : formatIndex >= 0 ? argv[formatIndex + 1] : "text") as PlanFormat;
  if (command !== "plan" || !env) {
    process.stderr.write("usage: cli.ts plan <env> [--json] [--format text|json|mermaid]\n");
    return 2;
  }
  process.stdout.write(renderPlan(await plan(env), format) + "\n");
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known = err instanceof ConfigError || err instanceof EnvironmentError;
    process.stderr.write(`${known ? err.message : String((err as Error)?.stack ?? err)}\n`);
    process.exit(1);
  },
);
