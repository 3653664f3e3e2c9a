// Whether the Pulumi CLI is installed, without starting it or loading the Automation API: the
// command line checks this first, so a missing CLI is reported at once.

import { accessSync, constants, statSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const CLI_MISSING = [
  "The Pulumi CLI was not found (no `pulumi` on PATH or in ~/.pulumi/bin); deploy, preview, destroy, outputs and doctor run it.",
  "Install it:  curl -fsSL https://get.pulumi.com | sh    (or: brew install pulumi/tap/pulumi; see https://www.pulumi.com/docs/install/)",
  "then open a new shell so that ~/.pulumi/bin is on PATH.",
  "Without it, these work: plan <env> (offline), preflight <env> and db-user <env> (AWS credentials).",
].join("\n");

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The places findPulumi (session.ts) runs `pulumi` from: PATH, as a spawn searches it, then ~/.pulumi/bin. */
export function cliInstalled(env: Readonly<Record<string, string | undefined>>): boolean {
  const dirs = (env.PATH ?? "").split(path.delimiter).map((d) => d || ".");
  const home = env.HOME ?? os.homedir();
  return [...dirs, path.join(home, ".pulumi", "bin")].some((d) => isExecutable(path.join(d, "pulumi")));
}
