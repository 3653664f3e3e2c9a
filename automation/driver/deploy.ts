// `deploy`: the owner stack, its outputs into the consumer's config, then the consumer stack.

import { ConfigWarning } from "../../infra/config/problems";
import { changesOf, StackChanges } from "./changes";
import { DriverOptions, Outputs } from "./options";
import { openForChange } from "./opening";
import { requireConfirmation, openConsumer, openOwner, requireOwnerArns } from "./stacks";
import { step } from "./step";
import { consumerConfigWith, Prepared } from "./validation";

export interface StackOutputs {
  readonly stack: string;
  readonly outputs: Outputs;
}

/** One stack's update: what changed, and its outputs after it. */
export interface StackUpdate extends StackOutputs {
  readonly changes: StackChanges;
}

export interface DeployResult {
  readonly env: string;
  readonly owner: StackUpdate;
  readonly consumer: StackUpdate;
  /** True when this run generated the database password (the environment's first deploy). */
  readonly passwordGenerated: boolean;
  /** The database user step ③ (`db-user`) creates or updates. */
  readonly databaseUser: { readonly username: string; readonly host: string; readonly port: number };
  /** What the settings file sets that deploys but was probably not meant. */
  readonly warnings: readonly ConfigWarning[];
}

function question(p: Prepared, backend: string): string {
  const { owner, consumers } = p.owner;
  const accounts = [...new Set(consumers.map((c) => c.accountId))].join(", ");
  return (
    `Deploy ${p.environment.name}: ${p.names.owner} (account ${owner.accountId}, ${owner.region}), ` +
    `then ${p.names.consumer} (account ${accounts}), state in ${backend}?`
  );
}

/**
 * Deploys the environment `env` (Pulumi.<env>.yaml): `up` of <env>-owner, its secretArn and
 * kmsKeyArn into <env>-consumer's config, `up` of <env>-consumer. A failed owner leaves the
 * consumer untouched; running it again converges.
 */
export async function deploy(env: string, options: DriverOptions = {}): Promise<DeployResult> {
  const { prepared, session } = await openForChange(env, options, "deploy");
  const { owner, consumer } = prepared.names;
  await requireConfirmation(session, question(prepared, session.backend.url));

  const untouched = `${consumer} was not touched.`;
  const ownerStack = await openOwner(session, prepared, untouched);
  const ownerUp = await step(session, owner, "pulumi up", (h) => ownerStack.stack.up({ ...h, showSecrets: false }), {
    loud: true,
    consequence: untouched,
    next: consumer,
  });

  const arns = requireOwnerArns(prepared, ownerUp.outputs);
  const kept = `${owner} stays as deployed; once the cause is fixed, deploy again: it converges.`;
  const consumerStack = await openConsumer(session, prepared, consumerConfigWith(prepared, arns), kept);
  const consumerUp = await step(session, consumer, "pulumi up", (h) => consumerStack.up({ ...h, showSecrets: false }), {
    loud: true,
    consequence: kept,
  });
  return {
    env,
    owner: { stack: owner, outputs: ownerUp.outputs, changes: changesOf(ownerUp.summary.resourceChanges) },
    consumer: { stack: consumer, outputs: consumerUp.outputs, changes: changesOf(consumerUp.summary.resourceChanges) },
    passwordGenerated: ownerStack.passwordGenerated,
    databaseUser: {
      username: prepared.owner.database.username,
      host: prepared.owner.database.host,
      port: prepared.owner.database.port,
    },
    warnings: prepared.warnings,
  };
}
