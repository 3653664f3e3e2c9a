// The SDK puts a stack trace on each promise it makes (`new Error().stack`, async frames and
// all), to name leaked promises when PULUMI_DEBUG_PROMISE_LEAKS is set; formatting them is about
// half the time of an offline run. The offline runtime makes them empty unless that variable is
// set. `pulumi up` runs the SDK as it is.

import Module from "node:module";

interface Debuggable {
  debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T>;
}

/** The SDK's runtime/debuggable.js: its callers look the function up on this object at each call. */
export function sdkDebuggable(): Debuggable {
  return Module.createRequire(__filename)("@pulumi/pulumi/runtime/debuggable") as Debuggable;
}

let done = false;

export function skipPromiseTraces(): void {
  if (done || process.env.PULUMI_DEBUG_PROMISE_LEAKS) {
    return;
  }
  done = true;
  const debuggable = sdkDebuggable();
  const original = debuggable.debuggablePromise;
  // The SDK's own function, with the stack trace cut to the error's name.
  debuggable.debuggablePromise = (p, ctx) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return original(p, ctx);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
}
