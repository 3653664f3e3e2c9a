// Ctrl-C: cancel the running Pulumi operation and start no further stack.

export interface Interrupt {
  readonly signal: AbortSignal;
  /** Removes the handler, restoring Node's default (exit at once). */
  dispose(): void;
}

/** Aborts `signal` on the first SIGINT; later ones are ignored (npm forwards a Ctrl-C a second time). */
export function interruptOnSigint(write: (text: string) => void): Interrupt {
  const controller = new AbortController();
  const handler = (): void => {
    if (!controller.signal.aborted) {
      write("\nInterrupted: cancelling the running operation; no further stack will start.\n");
      controller.abort();
    }
  };
  process.on("SIGINT", handler);
  return { signal: controller.signal, dispose: () => process.off("SIGINT", handler) };
}
