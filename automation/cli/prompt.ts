// The command line's questions (deploy and destroy without --yes), asked on stderr.

import { createInterface } from "node:readline";

/** Where a question is asked and answered. */
export interface PromptIo {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
}

/**
 * Asks `question` and resolves whether the answer is accepted. End of input, Ctrl-C at the
 * prompt or `signal` aborting count as no, so a run without a terminal never waits.
 */
export function ask(
  io: PromptIo,
  question: string,
  accept: (answer: string) => boolean,
  signal?: AbortSignal,
): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = createInterface({
      input: io.stdin,
      output: io.stderr,
      terminal: io.stdin.isTTY === true,
    });
    let settled = false;
    const finish = (ok: boolean): void => {
      if (!settled) {
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        rl.close();
        resolve(ok);
      }
    };
    const onAbort = (): void => finish(false);
    signal?.addEventListener("abort", onAbort);
    rl.on("SIGINT", () => finish(false));
    rl.on("close", () => finish(false));
    rl.question(`${question} `, (answer) => finish(accept(answer.trim())));
  });
}
