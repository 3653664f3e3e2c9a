// What docs/deployer-permissions.md shows that the code produces: the table of what each resource
// type needs, and the dev example's policies. `npm run docs` writes both there
// (automation/docs/generated.ts), and a test fails when either is stale.

import { DEPLOYER_ACTIONS } from "./deployerActions";
import { PURPOSES } from "./deployerGrants";
import { deployerPolicies, renderDeployerPolicies } from "./deployerPolicy";
import { planWithRun } from "./plan";

const code = (actions: readonly string[]): string => actions.map((a) => `\`${a.split(":")[1]}\``).join(" ");

/** Actions grouped by service: `kms: \`CreateKey\` \`TagResource\``, one service per line of the cell. */
function cell(actions: readonly string[]): string {
  const services = [...new Set(actions.map((a) => a.split(":")[0]))];
  const lines = services.map((s) => `${s}: ${code([...new Set(actions.filter((a) => a.startsWith(`${s}:`)))])}`);
  return lines.join("<br>") || "—";
}

/** Per resource type or data source: its actions by purpose, the statements they go to, and the source. */
export function deployerActionsTable(): string {
  const rows = DEPLOYER_ACTIONS.map((e) => {
    const purposes = PURPOSES.map((p) => cell(e.grants.flatMap((g) => g.actions[p] ?? [])));
    const passed = (e.passRoles ?? []).map((p) => `iam:PassRole (\`${p.input}\`, to ${p.service})`);
    const sids = [...new Set(e.grants.map((g) => `\`${g.sid}\``))].join(" ") || "none: no AWS call";
    return `| ${[`\`${e.token}\``, ...purposes, [sids, ...passed].join("<br>"), e.source].join(" | ")} |`;
  });
  const header = "| Type or data source | Create | Read | Update | Delete | Tag | Statements | Calls read in |";
  return [header, `|${" --- |".repeat(8)}`, ...rows].join("\n");
}

/** What `plan dev --deployer-policy` prints. */
export async function devDeployerPolicies(): Promise<string> {
  const { plan, run } = await planWithRun("dev");
  return renderDeployerPolicies(deployerPolicies(plan, run));
}
