// `rds-secret-share db-user <env> [--no-tls | --ca-bundle <file>] [--dry-run] [--json]`: flags →
// options, and the result as text. The command line itself is automation/cli/main.ts.

import { dbUser, DbUserOptions, DbUserResult, GrantOutcome } from "./dbuser";
import type { Flags } from "../cli/parse";

/** Options from the flags, already checked against the command line's table (automation/cli/commands.ts). */
export function dbUserOptions(flags: Flags): DbUserOptions {
  const caBundle = flags["ca-bundle"];
  return {
    tls: flags["no-tls"] !== true,
    dryRun: flags["dry-run"] === true,
    ...(typeof caBundle === "string" ? { caBundle } : {}),
  };
}

/** `rds-secret-share db-user <env>`: the text to print, and the value printed with --json. `base`: for tests. */
export async function dbUserCommand(
  env: string,
  flags: Flags,
  base: DbUserOptions = {},
): Promise<{ text: string; json: unknown }> {
  const result = await dbUser(env, { ...base, ...dbUserOptions(flags) });
  return { text: renderDbUser(result), json: result };
}

export function renderDbUser(r: DbUserResult): string {
  const lines = [
    `db-user ${r.env}: ${r.engine} ${r.host}:${r.port}/${r.dbname}, ${r.tls}${r.dryRun ? " (dry run)" : ""}`,
    `  secret: ${r.secretArn} (AWSCURRENT)`,
    `  AWS credentials: ${r.awsCredentials}`,
    `  administrator: ${r.admin.username} (from ${r.admin.source})`,
    `  user ${r.username}: ${userLine(r)}`,
    ...r.grants.map((g) => `  grant ${g.privileges.join(", ")} on ${onOf(g)}: ${grantLine(g, r.dryRun)}`),
    ...r.notes.map((n) => `  note: ${n}`),
  ];
  const summary = r.dryRun
    ? r.changed
      ? "Dry run: the changes above would be made; nothing was changed."
      : "Dry run: nothing would change."
    : r.changed
      ? "Done."
      : "Nothing changed: the user and its grants already match the secret and database.grants.";
  return [...lines, summary].join("\n");
}

function userLine(r: DbUserResult): string {
  const would = r.dryRun ? "would be " : "";
  switch (r.user) {
    case "created":
      return `${would}created`;
    case "password-updated":
      return `password ${would}updated to the secret's (${r.passwordCheck})`;
    case "password-set":
      return `password ${would}set to the secret's; whether it differed cannot be told (${r.passwordCheck})`;
    case "login-enabled":
      return `LOGIN ${would}enabled; password already the secret's (${r.passwordCheck})`;
    default:
      return `unchanged: password already the secret's (${r.passwordCheck})`;
  }
}

/** What a grant is on; "in database" is left out where the target is the database itself. */
function onOf(g: GrantOutcome): string {
  return g.on.startsWith("DATABASE ") ? g.on : `${g.on} in database ${g.database}`;
}

function grantLine(g: GrantOutcome, dryRun: boolean): string {
  const count = g.objects ? ` (${g.objects.count} ${g.objects.noun}${g.objects.count === 1 ? "" : "s"})` : "";
  switch (g.status) {
    case "no-objects":
      return `nothing to grant (no ${g.objects?.noun ?? "object"}s yet)`;
    case "held":
      return `already held${count}`;
    default:
      return `${dryRun ? "would be granted" : "granted"}${count}`;
  }
}
