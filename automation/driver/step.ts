// One CLI operation on one stack: its header, Pulumi's output streamed, Ctrl-C, and its failure
// turned into a message naming the stack and the cause.

import { CancelledError } from "./errors";
import { StepHooks } from "./options";
import { explain } from "./explain";
import { backendPrefix, Session } from "./session";

export interface StepOptions {
  /** Print a header and stream Pulumi's output (up, preview, destroy); quiet for select and config. */
  readonly loud?: boolean;
  /** What a failure here means for the other stack, e.g. `dev-consumer was not touched.` */
  readonly consequence?: string;
  /** The stack that would have come next: it is not started after an interrupt. */
  readonly next?: string;
}

export function throwIfInterrupted(session: Session, before: string): void {
  if (session.options.signal?.aborted) {
    throw new CancelledError(`Interrupted: ${before} was not started.`, before);
  }
}

export async function step<T>(
  session: Session,
  stack: string,
  action: string,
  run: (hooks: StepHooks) => Promise<T>,
  opts: StepOptions = {},
): Promise<T> {
  const { signal, progress, interruptReachesCli } = session.options;
  throwIfInterrupted(session, stack);
  const stream = opts.loud ? progress : undefined;
  stream?.(`\n=== ${stack}: ${action} ===\n`);
  try {
    return await run({
      onOutput: stream,
      onError: stream,
      // A terminal's Ctrl-C already reached the CLI; a second SIGINT would make it terminate at once.
      signal: interruptReachesCli ? undefined : signal,
    });
  } catch (err) {
    if (signal?.aborted) {
      const next = opts.next ? ` ${opts.next} was not started.` : "";
      throw new CancelledError(`Interrupted: ${stack}: ${action} was cancelled.${next}`, stack);
    }
    throw explain(err, {
      stack,
      action,
      consequence: opts.consequence,
      backendPrefix: backendPrefix(session),
      backendUrl: session.backend.url,
    });
  }
}
