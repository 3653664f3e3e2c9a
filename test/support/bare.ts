// Runs infra/program.ts under the SDK's mocks with no validation in front of it, as `pulumi up`
// does: the offline runtime validates before the program starts, so it cannot show what the
// program itself does with bad config. Records everything the program asks the engine for.

import * as pulumi from "@pulumi/pulumi";
import { PROJECT_NAME, toRuntimeConfig } from "../../automation/environment";
import { skipPromiseTraces } from "../../automation/offline/promiseTraces";
import { failOnUnhandledRejection } from "../../automation/offline/unhandled";
import { exampleValues, resourceState } from "../../automation/offline/values";

export interface BareRun {
  /** What the program threw, if anything. */
  readonly error?: unknown;
  /** `<type>::<name>` of every registration and `invoke <token>` of every data source call. */
  readonly requests: readonly string[];
}

/** The root stack resource the SDK registers itself before the program runs. */
export const ROOT_STACK = `pulumi:pulumi:Stack::${PROJECT_NAME}-`;

export async function runProgramBare(
  config: Record<string, unknown>,
  options: {
    readonly stack?: string;
    readonly secretKeys?: readonly string[];
    /** A stack transformation registered before the program runs, e.g. to capture resource options. */
    readonly transformation?: pulumi.ResourceTransformation;
  } = {},
): Promise<BareRun> {
  const stack = options.stack ?? "dev";
  const requests: string[] = [];
  // As the offline runtime does: the SDK's promises without stack traces, which nothing here reads.
  skipPromiseTraces();
  pulumi.runtime.setAllConfig(toRuntimeConfig(config), [...(options.secretKeys ?? [])]);
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        requests.push(`${args.type}::${args.name}`);
        const inputs = args.inputs as Record<string, unknown>;
        // Plausible attributes, so that a program that gets this far keeps going and shows it.
        return {
          id: `${args.name}-id`,
          state: { ...inputs, ...resourceState(args.type, args.name, inputs, {}, exampleValues) },
        };
      },
      call(args) {
        requests.push(`invoke ${args.token}`);
        return {};
      },
    },
    PROJECT_NAME,
    stack,
    false,
  );
  const { program } = await import("../../infra/program");
  let error: unknown;
  try {
    await failOnUnhandledRejection(async () => {
      try {
        await pulumi.runtime.runInPulumiStack(() => {
          if (options.transformation) {
            pulumi.runtime.registerStackTransformation(options.transformation);
          }
          return Promise.resolve(program());
        });
      } catch (err) {
        error = err;
      }
      await pulumi.runtime.disconnect();
    });
  } catch (err) {
    // A failure in an apply, which `pulumi up` would die of.
    error ??= err;
  }
  return { error, requests };
}
