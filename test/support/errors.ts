// What code under test threw: one pair of helpers for every folder's tests.

/** What `fn` threw or rejected with; fails the test when it returns. */
export async function failure(fn: () => unknown): Promise<Error> {
  try {
    await fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a failure, but it succeeded");
}

/** What `fn` threw, for synchronous code; fails the test when it returns. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected an error, but none was thrown");
}
