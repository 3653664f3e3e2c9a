// `outputs`: both stacks' outputs as last deployed.

import { PROJECT_ROOT, readEnvironment } from "../environment";
import { stackNames } from "../environmentStacks";
import { StackOutputs } from "./deploy";
import { DriverOptions } from "./options";
import { checkPassphrase, openSession, openStack, Session } from "./session";
import { step } from "./step";

export interface OutputsResult {
  readonly env: string;
  readonly owner: StackOutputs;
  readonly consumer: StackOutputs;
}

async function outputsOf(session: Session, name: string): Promise<StackOutputs> {
  const stack = await step(session, name, "pulumi stack select", () => openStack(session, name, false));
  return { stack: name, outputs: await step(session, name, "pulumi stack output", () => stack.outputs()) };
}

/** The outputs of <env>-owner and <env>-consumer; a stack that does not exist is an error naming it. */
export async function outputs(env: string, options: DriverOptions = {}): Promise<OutputsResult> {
  const environment = readEnvironment(env, options.root ?? PROJECT_ROOT);
  const { owner, consumer } = stackNames(environment.name);
  const session = await openSession(options);
  await checkPassphrase(session, [owner, consumer]);
  return { env, owner: await outputsOf(session, owner), consumer: await outputsOf(session, consumer) };
}
