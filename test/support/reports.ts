// What tests write for people to read (the access matrices, run statistics) goes to files in
// reports/, never to the output: a test run prints only the reporter's lines, so a machine-readable
// reporter's output stays parseable. `npm run matrices` runs the matrix tests and prints the matrices.

import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../automation/environment";

export const REPORTS = path.join(PROJECT_ROOT, "reports");

/** A file name from a title: `Access matrix: dev example (Pulumi.dev.yaml)` → `access-matrix-dev-example-pulumi-dev-yaml`. */
export function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Writes reports/<name>.txt; returns its path. */
export function writeReport(name: string, text: string): string {
  mkdirSync(REPORTS, { recursive: true });
  const file = path.join(REPORTS, `${name}.txt`);
  writeFileSync(file, text.endsWith("\n") ? text : `${text}\n`);
  return file;
}
