// `preview`: the owner stack, then the consumer with the owner's current outputs.

import { PreviewResult as PulumiPreview } from "@pulumi/pulumi/automation";
import { ConfigWarning } from "../../infra/config/problems";
import { DriverOptions } from "./options";
import { openForChange } from "./opening";
import { openConsumer, openOwner, ownerArns } from "./stacks";
import { step } from "./step";
import { consumerConfigWith } from "./validation";

export type ChangeSummary = PulumiPreview["changeSummary"];

export interface StackPreview {
  readonly stack: string;
  /** Resources per operation (create, update, same, …); absent when the stack was not previewed. */
  readonly changes?: ChangeSummary;
  /** Why the stack was not previewed. */
  readonly skipped?: string;
}

export interface PreviewResult {
  readonly env: string;
  readonly owner: StackPreview;
  readonly consumer: StackPreview;
  /** What the settings file sets that deploys but was probably not meant. */
  readonly warnings: readonly ConfigWarning[];
}

/**
 * Previews <env>-owner, then <env>-consumer with the owner's deployed secretArn and kmsKeyArn.
 * Like a deploy it creates missing stacks and generates the password if there is none, so the
 * preview shows what the deploy will do.
 */
export async function preview(env: string, options: DriverOptions = {}): Promise<PreviewResult> {
  const { prepared, session } = await openForChange(env, options, "preview");
  const { owner, consumer } = prepared.names;

  const notPreviewed = `${consumer} was not previewed.`;
  const ownerStack = await openOwner(session, prepared, notPreviewed);
  const ownerPreview = await step(session, owner, "pulumi preview", (h) => ownerStack.stack.preview({ ...h }), {
    loud: true,
    consequence: notPreviewed,
    next: consumer,
  });
  const outputs = await step(session, owner, "pulumi stack output", () => ownerStack.stack.outputs(), {
    consequence: notPreviewed,
    next: consumer,
  });
  const ownerResult = { stack: owner, changes: ownerPreview.changeSummary };

  const arns = ownerArns(outputs);
  if (!arns) {
    const skipped =
      `${owner} has never been deployed, so the secret and key ${consumer} refers to do not exist yet. ` +
      `\`npx rds-secret-share deploy ${env}\` deploys both stacks; \`npx rds-secret-share plan ${env}\` shows every resource offline.`;
    options.progress?.(`\n=== ${consumer}: not previewed ===\n${skipped}\n`);
    return { env, owner: ownerResult, consumer: { stack: consumer, skipped }, warnings: prepared.warnings };
  }
  const consumerStack = await openConsumer(session, prepared, consumerConfigWith(prepared, arns), "");
  const consumerPreview = await step(session, consumer, "pulumi preview", (h) => consumerStack.preview({ ...h }), {
    loud: true,
  });
  const consumerResult = { stack: consumer, changes: consumerPreview.changeSummary };
  return { env, owner: ownerResult, consumer: consumerResult, warnings: prepared.warnings };
}
