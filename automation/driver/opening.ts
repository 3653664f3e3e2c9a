// What deploy and preview do before they touch a stack, in this order: the settings validated
// (their warnings shown), the Pulumi CLI and the backend found, the passphrase proved on both
// stacks, then preflight. Any of them failing leaves every stack as it was.

import { PROJECT_ROOT } from "../environment";
import { preflightGate } from "../live/gate";
import { DriverOptions } from "./options";
import { checkPassphrase, openSession, Session } from "./session";
import { prepare, Prepared, showWarnings } from "./validation";

export async function openForChange(
  env: string,
  options: DriverOptions,
  operation: "deploy" | "preview",
): Promise<{ prepared: Prepared; session: Session }> {
  const prepared = prepare(env, options.root ?? PROJECT_ROOT);
  showWarnings(prepared, options.progress);
  const session = await openSession(options);
  await checkPassphrase(session, [prepared.names.owner, prepared.names.consumer]);
  await preflightGate(prepared, options, operation);
  return { prepared, session };
}
