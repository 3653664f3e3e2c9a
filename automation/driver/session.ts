// One workspace on the project root for both stacks of an environment, and the CLI behind it.

import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { PROJECT_ROOT } from "../environment";
import { Backend, Env, prepareBackend, requirePassphrase, resolveBackend, workspaceEnv } from "./backend";
import { DriverError } from "./errors";
import { isCliMissing, pulumiErrorText } from "./explain";
import { CLI_MISSING } from "./findCli";
import { DriverOptions } from "./options";
import { readStackSettings } from "./stackConfig";

export { CLI_MISSING } from "./findCli";

export interface Session {
  readonly ws: LocalWorkspace;
  readonly backend: Backend;
  readonly options: DriverOptions;
}

async function tryPulumi(root?: string): Promise<PulumiCommand | undefined> {
  try {
    return await PulumiCommand.get(root ? { root } : undefined);
  } catch (err) {
    if (isCliMissing(err)) {
      return undefined;
    }
    throw new DriverError(`The Pulumi CLI could not be run:\n${pulumiErrorText(err)}`);
  }
}

/** `pulumi` on PATH, else the one the installer put in ~/.pulumi/bin (PATH not yet reloaded). */
export async function findPulumi(): Promise<PulumiCommand> {
  const found = (await tryPulumi()) ?? (await tryPulumi(path.join(os.homedir(), ".pulumi")));
  if (!found) {
    throw new DriverError(CLI_MISSING);
  }
  return found;
}

export async function openSession(options: DriverOptions): Promise<Session> {
  const root = options.root ?? PROJECT_ROOT;
  const env: Env = { ...process.env, ...options.env };
  const backend = resolveBackend(root, env);
  const pulumiCommand = options.pulumiCommand ?? (await findPulumi());
  prepareBackend(backend);
  const envVars = workspaceEnv(backend, env, options.env ?? {});
  const ws = await LocalWorkspace.create({ workDir: root, pulumiCommand, envVars });
  return { ws, backend, options };
}

/** Fails before any stack is touched when the stacks' secrets need a passphrase that is not set. */
export async function checkPassphrase(session: Session, stacks: readonly string[]): Promise<void> {
  const providers = await Promise.all(
    stacks.map(async (s) => (await readStackSettings(session.ws, s))?.secretsProvider),
  );
  requirePassphrase(session.backend, { ...process.env, ...session.options.env }, providers);
}

/** How a shell reaches the same backend, for commands suggested in messages. */
export function backendPrefix(session: Session): string {
  return session.backend.isDefault ? `PULUMI_BACKEND_URL=${session.backend.url} ` : "";
}

export function openStack(session: Session, name: string, create: boolean): Promise<Stack> {
  return create ? Stack.createOrSelect(name, session.ws) : Stack.select(name, session.ws);
}
