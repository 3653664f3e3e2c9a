// What an operation did to a stack's resources, from the Automation API's summary, in the words
// the command line prints: created, updated, replaced, deleted, unchanged.

import type { OpMap } from "@pulumi/pulumi/automation";

export interface StackChanges {
  readonly created: number;
  readonly updated: number;
  readonly replaced: number;
  readonly deleted: number;
  readonly unchanged: number;
}

export function changesOf(ops: OpMap | undefined): StackChanges {
  const n = (op: keyof OpMap): number => ops?.[op] ?? 0;
  return {
    created: n("create"),
    updated: n("update"),
    replaced: n("replace"),
    deleted: n("delete"),
    unchanged: n("same"),
  };
}

/** `3 created, 12 unchanged`; a preview says what it would do: `3 to create, 12 unchanged`. */
export function changesLine(c: StackChanges, tense: "done" | "planned" = "done"): string {
  const verbs: readonly [keyof StackChanges, string, string][] = [
    ["created", "created", "to create"],
    ["updated", "updated", "to update"],
    ["replaced", "replaced", "to replace"],
    ["deleted", "deleted", "to delete"],
    ["unchanged", "unchanged", "unchanged"],
  ];
  const parts = verbs
    .filter(([k]) => c[k] > 0)
    .map(([k, done, planned]) => `${c[k]} ${tense === "done" ? done : planned}`);
  return parts.length > 0 ? parts.join(", ") : "no resources";
}
