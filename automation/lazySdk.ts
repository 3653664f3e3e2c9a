// Start-up: the Pulumi SDK, as the command line and the tests load it, without the modules that
// serialize functions (closures for callback Lambdas), which nothing here calls. They load
// TypeScript and npm's arborist, about two thirds of the SDK's start-up; here they load on first
// use instead. `pulumi up` runs the program with the SDK as it is.

import Module from "node:module";
import * as path from "node:path";

/** What the SDK's runtime/index.js takes from each module, copied once when it loads. */
export const DEFERRED_SDK_MODULES: Readonly<Record<string, readonly string[]>> = {
  "runtime/closure/serializeClosure.js": ["serializeFunctionAsync", "serializeFunction"],
  "runtime/closure/codePaths.js": ["computeCodePaths"],
};

type Exports = Record<string, (...args: unknown[]) => unknown>;

const load = Module.createRequire(__filename);

export function sdkFile(file: string): string {
  return path.join(path.dirname(load.resolve("@pulumi/pulumi/package.json")), file);
}

/**
 * Puts a stand-in for `filename` in the module cache, unless it is loaded already: functions
 * `names` that load the real module on their first call and hand every call on to it.
 */
export function deferModule(filename: string, names: readonly string[]): void {
  if (load.cache[filename]) {
    return;
  }
  let real: Exports | undefined;
  const loadReal = (): Exports => {
    if (!real) {
      delete load.cache[filename];
      real = load(filename) as Exports;
    }
    return real;
  };
  const standIn = new Module(filename);
  standIn.filename = filename;
  standIn.loaded = true;
  standIn.exports = Object.fromEntries(names.map((n) => [n, (...args: unknown[]) => loadReal()[n](...args)]));
  load.cache[filename] = standIn;
}

/** Call before anything loads @pulumi/pulumi. */
export function deferSdkClosures(): void {
  for (const [file, names] of Object.entries(DEFERRED_SDK_MODULES)) {
    deferModule(sdkFile(file), names);
  }
}
