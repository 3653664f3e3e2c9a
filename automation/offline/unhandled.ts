// A program bug inside an `apply` rejects a promise nobody awaits. `pulumi up` dies of it (Node
// ends a process on an unhandled rejection); under the SDK's mocks the run would instead wait for
// that resource forever, and a test runner that traps rejections would show only its timeout.

/** `run`, or the first promise rejection no code handles while it runs, whichever comes first. */
export async function failOnUnhandledRejection<T>(run: () => Promise<T>): Promise<T> {
  let fail: (reason: unknown) => void = () => undefined;
  const unhandled = new Promise<never>((_, reject) => (fail = reject));
  process.on("unhandledRejection", fail);
  try {
    return await Promise.race([run(), unhandled]);
  } finally {
    process.off("unhandledRejection", fail);
  }
}
