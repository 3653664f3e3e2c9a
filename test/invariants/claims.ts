// Two resources of a stack must never manage the same AWS object: the second would overwrite the
// first, and deleting either would delete both. An object is named by its type, account, region
// (IAM is global) and name; an inline role policy also by its role.

import { OfflineRun } from "../../automation/offline/runtime";

/** The AWS object a registration manages, or undefined when it has no name of its own. */
function claimOf(r: OfflineRun["registrations"][number]): string | undefined {
  const name = r.inputs.name ?? r.inputs.family;
  if (!r.type.startsWith("aws:") || typeof name !== "string") {
    return undefined;
  }
  const region = r.type.startsWith("aws:iam/") ? "global" : r.place.region;
  const role = r.type === "aws:iam/rolePolicy:RolePolicy" ? ` on role ${String(r.inputs.role)}` : "";
  // Task definitions are revisions of a family; two resources of one family fight over "latest".
  return `${r.type} ${r.place.account}/${region} ${name}${role}`;
}

/** Each AWS object claimed by more than one registration, with the registrations claiming it. */
export function duplicateClaims(run: OfflineRun): string[] {
  const byClaim = new Map<string, string[]>();
  for (const r of run.registrations) {
    const claim = claimOf(r);
    if (claim !== undefined) {
      byClaim.set(claim, [...(byClaim.get(claim) ?? []), r.name]);
    }
  }
  return [...byClaim.entries()]
    .filter(([, names]) => names.length > 1)
    .map(([c, names]) => `${c}: ${names.join(", ")}`);
}
