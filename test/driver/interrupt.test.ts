import { expect } from "chai";
import { CancelledError, deploy } from "../../automation/driver";
import { interruptCli, isolateEnvironment, newProject, Project, until } from "./support";
import { failure } from "../support/errors";

const HANG = { "up dev-owner": { hang: true } };

function sigints(p: Project): number[] {
  return p
    .entries()
    .filter((e) => e.signal === "SIGINT")
    .map((e) => e.count ?? 0);
}

function waitingPid(p: Project): number | undefined {
  return p.entries().find((e) => e.event === "waiting")?.pid;
}

describe("deploy interrupted (Ctrl-C)", () => {
  isolateEnvironment();

  describe("GIVEN the owner's update is running AND the interrupt reaches only the driver (a script, CI)", () => {
    const p = newProject();
    let err: Error;

    before(async () => {
      const controller = new AbortController();
      const run = deploy("dev", await p.options({ fail: HANG, signal: controller.signal }));
      await until(() => waitingPid(p) !== undefined);
      controller.abort();
      err = await failure(() => run);
    });

    it("THEN the driver sends the CLI exactly one SIGINT, so Pulumi cancels cleanly instead of terminating", () => {
      expect(sigints(p)).to.deep.equal([1]);
    });

    it("AND it fails with a message naming the stack, and the consumer stack is never started", () => {
      expect(err).to.be.instanceOf(CancelledError);
      expect(err.message).to.equal("Interrupted: dev-owner: pulumi up was cancelled. dev-consumer was not started.");
      expect(p.calls().some((c) => c.includes("dev-consumer"))).to.equal(false);
    });

    it("AND the stack is left unlocked: the next deploy goes through", async () => {
      const result = await deploy("dev", await p.options());
      expect(result.consumer.stack).to.equal("dev-consumer");
    });
  });

  describe("GIVEN the owner's update is running AND Ctrl-C in a terminal reaches the CLI itself", () => {
    const p = newProject();
    let err: Error;

    before(async () => {
      const controller = new AbortController();
      const options = await p.options({ fail: HANG, signal: controller.signal, interruptReachesCli: true });
      const run = deploy("dev", options);
      await until(() => waitingPid(p) !== undefined);
      // What the terminal does: the whole foreground process group gets SIGINT.
      interruptCli(waitingPid(p) ?? 0);
      // The driver's process got it too; a second SIGINT now would reach the CLI as a separate one.
      await until(() => sigints(p).length > 0);
      controller.abort();
      err = await failure(() => run);
    });

    it("THEN the driver does not signal the CLI a second time (which would terminate it mid-operation)", () => {
      expect(sigints(p)).to.deep.equal([1]);
    });

    it("AND the consumer stack is never started", () => {
      expect(err.message).to.equal("Interrupted: dev-owner: pulumi up was cancelled. dev-consumer was not started.");
      expect(p.calls().some((c) => c.includes("dev-consumer"))).to.equal(false);
    });
  });

  describe("GIVEN the signal is aborted before deploy starts", () => {
    const p = newProject();

    it("THEN nothing runs", async () => {
      const controller = new AbortController();
      controller.abort();
      const err = await failure(async () => deploy("dev", await p.options({ signal: controller.signal })));
      expect(err).to.be.instanceOf(CancelledError);
      expect(err.message).to.equal("Interrupted: dev-owner was not started.");
      expect(p.calls()).to.deep.equal([]);
    });
  });
});
