// Opening each stack of an environment with its config in place: what deploy and preview share.

import { Stack } from "@pulumi/pulumi/automation";
import { PASSWORD_KEY } from "../../infra/config/keys";
import { ConfigValues, OwnerArns, stackConfig } from "../environmentStacks";
import { CancelledError, DriverError } from "./errors";
import { Outputs } from "./options";
import { generatePassword } from "./password";
import { openStack, Session } from "./session";
import { setSecretConfig, writeStackConfig } from "./stackConfig";
import { step } from "./step";
import { Prepared } from "./validation";

export interface OwnerStack {
  readonly stack: Stack;
  /** True when this run generated the password (the environment's first deploy or preview). */
  readonly passwordGenerated: boolean;
}

/** The owner stack, created if new, with the environment's config and a password that is never replaced. */
export async function openOwner(session: Session, prepared: Prepared, consequence: string): Promise<OwnerStack> {
  const name = prepared.names.owner;
  const stack = await step(session, name, "pulumi stack select", () => openStack(session, name, true), { consequence });
  const config = await step(
    session,
    name,
    `writing Pulumi.${name}.yaml`,
    () => writeStackConfig(session.ws, name, stackConfig(prepared.environment, "owner"), [PASSWORD_KEY]),
    { consequence },
  );
  if (PASSWORD_KEY in config) {
    return { stack, passwordGenerated: false };
  }
  // Only the CLI can encrypt a secret: the one config change that costs a CLI run, and only once.
  // The password goes to the CLI on stdin, never on a command line.
  await step(
    session,
    name,
    `pulumi config set --secret ${PASSWORD_KEY}`,
    (hooks) => setSecretConfig(session.ws, name, PASSWORD_KEY, generatePassword(), hooks),
    { consequence },
  );
  return { stack, passwordGenerated: true };
}

/** The consumer stack, created if new, configured with the environment and the owner's ARNs. */
export async function openConsumer(
  session: Session,
  prepared: Prepared,
  config: ConfigValues,
  consequence: string,
): Promise<Stack> {
  const name = prepared.names.consumer;
  const stack = await step(session, name, "pulumi stack select", () => openStack(session, name, true), { consequence });
  await step(session, name, `writing Pulumi.${name}.yaml`, () => writeStackConfig(session.ws, name, config, []), {
    consequence,
  });
  return stack;
}

/** The owner's secretArn and kmsKeyArn outputs, or undefined when it has none (never deployed). */
export function ownerArns(outputs: Outputs): OwnerArns | undefined {
  const secretArn = outputs.secretArn?.value;
  const kmsKeyArn = outputs.kmsKeyArn?.value;
  return typeof secretArn === "string" && typeof kmsKeyArn === "string" ? { secretArn, kmsKeyArn } : undefined;
}

export function requireOwnerArns(prepared: Prepared, outputs: Outputs): OwnerArns {
  const arns = ownerArns(outputs);
  if (!arns) {
    const { owner, consumer } = prepared.names;
    throw new DriverError(
      `${owner}: the update succeeded but the stack has no secretArn and kmsKeyArn outputs; ${consumer} was not touched.`,
      { stackName: owner },
    );
  }
  return arns;
}

/** Asks the caller's question, if any; throws, with nothing changed, when the answer is no. */
export async function requireConfirmation(session: Session, question: string): Promise<void> {
  const { confirm, signal } = session.options;
  if (confirm && !(await confirm(question))) {
    throw signal?.aborted
      ? new CancelledError("Interrupted: nothing was changed.")
      : new DriverError("Not confirmed: nothing was changed.");
  }
}
