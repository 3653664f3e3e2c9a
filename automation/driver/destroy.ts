// `destroy`: the consumer stack first (it refers to the owner's secret and key), then the owner.

import { Stack } from "@pulumi/pulumi/automation";
import { PROJECT_ROOT, readEnvironment } from "../environment";
import { stackNames } from "../environmentStacks";
import { changesOf, StackChanges } from "./changes";
import { DriverError } from "./errors";
import { DriverOptions } from "./options";
import { checkPassphrase, openSession, openStack, Session } from "./session";
import { requireConfirmation } from "./stacks";
import { step, StepOptions } from "./step";

export interface StackDestroy {
  readonly stack: string;
  /** False when the stack does not exist, so there was nothing to destroy. */
  readonly destroyed: boolean;
  /** What the destroy did; absent when there was no stack. */
  readonly changes?: StackChanges;
}

export interface DestroyResult {
  readonly env: string;
  /** In the order destroyed: consumer, then owner. */
  readonly stacks: readonly StackDestroy[];
}

/** The stack, or undefined when it does not exist (never deployed, or removed). */
async function selectIfExists(session: Session, name: string, opts: StepOptions): Promise<Stack | undefined> {
  try {
    return await step(session, name, "pulumi stack select", () => openStack(session, name, false), opts);
  } catch (err) {
    if (err instanceof DriverError && err.reason === "stack-not-found") {
      return undefined;
    }
    throw err;
  }
}

/**
 * Destroys every resource of <env>-consumer, then of <env>-owner. The stacks and their config
 * (with the password) are kept. Protected resources stop it with Pulumi's own message.
 */
export async function destroy(env: string, options: DriverOptions = {}): Promise<DestroyResult> {
  const environment = readEnvironment(env, options.root ?? PROJECT_ROOT);
  const { owner, consumer } = stackNames(environment.name);
  const session = await openSession(options);
  await checkPassphrase(session, [consumer, owner]);
  await requireConfirmation(
    session,
    `Destroy every resource of ${consumer}, then of ${owner} (the secret and KMS key are scheduled for deletion), state in ${session.backend.url}?`,
  );

  const order = [
    { name: consumer, consequence: `${owner} was not touched.`, next: owner },
    { name: owner, consequence: `${consumer} is destroyed; once the cause is fixed, destroy again: it converges.` },
  ];
  const stacks: StackDestroy[] = [];
  for (const { name, consequence, next } of order) {
    const stack = await selectIfExists(session, name, { consequence, next });
    if (!stack) {
      options.progress?.(`\n=== ${name}: no such stack in ${session.backend.url}; nothing to destroy ===\n`);
      stacks.push({ stack: name, destroyed: false });
      continue;
    }
    const result = await step(session, name, "pulumi destroy", (h) => stack.destroy({ ...h, showSecrets: false }), {
      loud: true,
      consequence,
      next,
    });
    stacks.push({ stack: name, destroyed: true, changes: changesOf(result.summary.resourceChanges) });
  }
  if (stacks.every((s) => !s.destroyed)) {
    throw new DriverError(
      `Neither ${consumer} nor ${owner} exists in ${session.backend.url}: nothing to destroy. ` +
        `Check the environment name, or set PULUMI_BACKEND_URL to the backend that holds the stacks.`,
    );
  }
  return { env, stacks };
}
