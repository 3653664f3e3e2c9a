import { expect } from "chai";
import { failOnUnhandledRejection } from "../../automation/offline/unhandled";
import { failure } from "../support/errors";

describe("offline runs: a rejection nobody handles (a program bug in an apply) fails the run", () => {
  it("GIVEN a run that never settles because a promise inside it rejected unhandled THEN it fails with that error", async () => {
    const listeners = process.listenerCount("unhandledRejection");
    const err = await failure(() =>
      failOnUnhandledRejection(
        () =>
          new Promise<never>(() => {
            void Promise.reject(new Error("bug in an apply"));
          }),
      ),
    );
    expect(err.message).to.equal("bug in an apply");
    expect(process.listenerCount("unhandledRejection")).to.equal(listeners);
  });

  it("GIVEN a run that settles THEN its result, or its own error, and no listener left behind", async () => {
    const listeners = process.listenerCount("unhandledRejection");
    expect(await failOnUnhandledRejection(() => Promise.resolve(42))).to.equal(42);
    const err = await failure(() => failOnUnhandledRejection(() => Promise.reject(new Error("its own"))));
    expect(err.message).to.equal("its own");
    expect(process.listenerCount("unhandledRejection")).to.equal(listeners);
  });
});
