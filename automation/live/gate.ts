// deploy and preview run preflight first, once the config is valid and before any stack is
// touched; a blocking result stops them with nothing changed.

import { DriverError } from "../driver/errors";
import { DriverOptions } from "../driver/options";
import { Prepared } from "../driver/validation";
import { blocking } from "./model";
import { preflightPrepared } from "./preflight";
import { renderPreflight } from "./render";

export async function preflightGate(prepared: Prepared, options: DriverOptions, operation: string): Promise<void> {
  if (options.preflight === false) {
    return;
  }
  const env = prepared.environment.name;
  const result = await preflightPrepared(prepared, { root: options.root, strict: options.strict === true });
  options.progress?.(`\n=== preflight ${env} ===\n${renderPreflight(result).text}\n`);
  const stops = blocking(result);
  if (stops.length === 0) {
    return;
  }
  const lines = stops.map(
    ({ account, check }) => `  - ${account}: ${check.title}${check.configKey ? ` (${check.configKey})` : ""}`,
  );
  throw new DriverError(
    [
      `preflight ${env}: ${stops.length} finding(s) stop the ${operation}; no stack was touched:`,
      ...lines,
      `Fix them and run again (npx rds-secret-share preflight ${env} shows every check), or skip the check with --no-preflight.`,
    ].join("\n"),
  );
}
