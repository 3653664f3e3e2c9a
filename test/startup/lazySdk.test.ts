import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import Module from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { deferModule, DEFERRED_SDK_MODULES, sdkFile } from "../../automation/lazySdk";

const load = Module.createRequire(__filename);

/** `exports.<name> = <module>_1.<name>;` lines of the SDK's runtime/index.js, by required module. */
function takenByRuntimeIndex(): Record<string, string[]> {
  const text = readFileSync(sdkFile("runtime/index.js"), "utf8");
  const taken: Record<string, string[]> = {};
  for (const [, variable, module] of text.matchAll(/var (\w+) = require\("\.\/(closure\/\w+)"\);/g)) {
    taken[`runtime/${module}.js`] = [...text.matchAll(new RegExp(`exports\\.(\\w+) = ${variable}\\.\\1;`, "g"))].map(
      (m) => m[1],
    );
  }
  return taken;
}

describe("start-up: the SDK's function serialization is loaded on first use", () => {
  it("defers exactly the modules, and the functions, the SDK's runtime takes from its closure folder", () => {
    expect(takenByRuntimeIndex()).to.deep.equal(DEFERRED_SDK_MODULES);
    for (const [file, names] of Object.entries(DEFERRED_SDK_MODULES)) {
      const source = readFileSync(sdkFile(file), "utf8");
      for (const name of names) {
        expect(source, `${file} exports ${name}`).to.include(`exports.${name} = ${name};`);
      }
    }
  });

  it("a stand-in loads the real module on the first call, hands on every call, and then gives way to it", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "lazy-"));
    try {
      const file = path.join(dir, "real.js");
      writeFileSync(file, "globalThis.__lazyLoads = (globalThis.__lazyLoads ?? 0) + 1; exports.twice = (x) => 2 * x;");
      deferModule(file, ["twice"]);
      const standIn = load(file) as { twice(x: number): number };
      const loads = () => (globalThis as { __lazyLoads?: number }).__lazyLoads ?? 0;
      expect(loads()).to.equal(0);
      expect([standIn.twice(2), standIn.twice(5)]).to.deep.equal([4, 10]);
      expect(loads()).to.equal(1);
      expect(load(file)).not.to.equal(standIn);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
