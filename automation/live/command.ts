// `cli.ts preflight <env> [--strict] [--json]` and `cli.ts doctor <env> [--all-services] [--json]`:
// flags → options, the result rendered, and the exit code it calls for (the command line checks
// which flags each command takes).

import type { Rendered } from "../rendered";
import { doctor } from "./doctor";
import { DoctorOptions, PreflightOptions } from "./options";
import { exitCodeOf } from "./model";
import { preflight } from "./preflight";
import { renderDoctor, renderPreflight } from "./render";
import type { Flags } from "../cli/parse";

export interface LiveRendered extends Rendered {
  /** 0 all is well, 1 something blocks or is broken, 2 no usable credentials. */
  readonly code: number;
}

/** `base`: for tests (a root, outputs, a clock). */
export async function liveCommand(
  command: "preflight" | "doctor",
  env: string,
  flags: Flags,
  base: PreflightOptions & DoctorOptions = {},
): Promise<LiveRendered> {
  if (command === "preflight") {
    const result = await preflight(env, { ...base, strict: flags.strict === true });
    return { ...renderPreflight(result), code: exitCodeOf(result) };
  }
  const result = await doctor(env, { ...base, allServices: flags["all-services"] === true });
  return { ...renderDoctor(result), code: exitCodeOf(result) };
}
