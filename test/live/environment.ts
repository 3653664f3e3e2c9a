// A throw-away project root with a variation of Pulumi.dev.yaml.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { PROJECT_ROOT } from "../../automation/environment";

/** A root holding Pulumi.yaml and Pulumi.dev.yaml with `edit` applied, removed after the describe. */
export function writeEnvironment(edit: (config: Record<string, any>) => void): string {
  const root = mkdtempSync(path.join(tmpdir(), "live-env-"));
  cpSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), path.join(root, "Pulumi.yaml"));
  const doc = parse(readFileSync(path.join(PROJECT_ROOT, "Pulumi.dev.yaml"), "utf8")) as {
    config: Record<string, any>;
  };
  edit(doc.config);
  writeFileSync(path.join(root, "Pulumi.dev.yaml"), stringify(doc));
  after(() => rmSync(root, { recursive: true, force: true }));
  return root;
}
