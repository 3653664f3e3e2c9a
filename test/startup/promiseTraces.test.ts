import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { sdkDebuggable, skipPromiseTraces } from "../../automation/offline/promiseTraces";
import { sdkFile } from "../../automation/lazySdk";

/** The SDK's own .js files: not its generated protocol code, nor the TypeScript it vendors. */
function sdkSources(dir = sdkFile("")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) {
      return ["node_modules", "proto", "vendor"].includes(e.name) ? [] : sdkSources(file);
    }
    return e.name.endsWith(".js") ? [file] : [];
  });
}

describe("offline runs: the SDK's promises without stack traces", () => {
  it("the SDK calls debuggablePromise only through its module's exports, where the offline runtime replaces it", () => {
    const calls = sdkSources()
      .filter((f) => !f.endsWith(path.join("runtime", "debuggable.js")))
      .flatMap((f) => readFileSync(f, "utf8").match(/[\w.]*debuggablePromise\b/g) ?? []);
    expect(calls.length).to.be.greaterThan(10);
    expect([...new Set(calls)]).to.deep.equal(["debuggable_1.debuggablePromise"]);
  });

  it("the replacement is the SDK's own function, with an empty trace: it resolves and rejects the same", async () => {
    skipPromiseTraces();
    const { debuggablePromise } = sdkDebuggable();
    const ok = Promise.resolve(42);
    expect(await debuggablePromise(ok, "ok")).to.equal(42);
    expect((ok as unknown as { _debugStackTrace: string })._debugStackTrace).to.equal("Error");
    const failing = Promise.reject(new Error("boom"));
    const err = await debuggablePromise(failing, "failing").catch((e: Error & { promise?: unknown }) => e);
    expect([(err as Error).message, (err as { promise?: unknown }).promise]).to.deep.equal(["boom", failing]);
  });
});
