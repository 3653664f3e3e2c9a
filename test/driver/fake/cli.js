// A stand-in for the Pulumi CLI, for the driver's tests: the real Automation API runs it as it
// would run `pulumi`, as a process (pulumi.js) or in the test's own process (inProcess.js). It
// records every invocation (FAKE_PULUMI_LOG), answers the commands the driver uses as the CLI
// does, and fails or hangs on request (FAKE_PULUMI_FAIL, a JSON map from "<command> <stack>",
// e.g. "up dev-owner", to {diagnostic|stderr, code, hang}; engine.js has two more knobs for
// outputs).
//
// `run(argv, proc)` is one invocation; `proc` is what a process would have: { pid, cwd, env,
// stdin() (all of standard input), out(text), err(text), onSigint(handler), cancelDelayMs }.
// It resolves to the exit code.
"use strict";

const fs = require("node:fs");
const S = require("./state");
const E = require("./engine");
const C = require("./config");

const VALUE_FLAGS = ["stack", "exec-kind", "event-log", "page-size", "page", "secrets-provider", "color", "message"];
const LOGGED_ENV = [
  "PULUMI_BACKEND_URL",
  "PULUMI_NODEJS_TRANSPILE_ONLY",
  "PULUMI_SKIP_UPDATE_CHECK",
  "PULUMI_AUTOMATION_API",
];

function log(proc, entry) {
  if (proc.env.FAKE_PULUMI_LOG) {
    fs.appendFileSync(proc.env.FAKE_PULUMI_LOG, `${JSON.stringify({ pid: proc.pid, ...entry })}\n`);
  }
}

function parse(argv) {
  const words = [];
  const flags = {};
  const pairs = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      words.push(arg);
      continue;
    }
    const name = arg.slice(2);
    const setAll = words[0] === "config" && words[1] === "set-all";
    if (setAll && (name === "plaintext" || name === "secret")) {
      pairs.push({ secret: name === "secret", pair: argv[++i] });
    } else if (VALUE_FLAGS.includes(name) || (setAll && name === "json")) {
      flags[name] = argv[++i];
    } else {
      flags[name] = true;
    }
  }
  return { words, flags, pairs };
}

/**
 * Waits for Ctrl-C as a running update does, then cancels (releasing the lock); a second SIGINT
 * terminates, leaving the lock as a killed update does.
 */
function hang(proc, stack) {
  // A process would otherwise have nothing left to wait for.
  const alive = setInterval(() => undefined, 1000);
  return new Promise((_, reject) => {
    let count = 0;
    proc.onSigint(() => {
      count++;
      log(proc, { signal: "SIGINT", count, stack });
      if (count === 1) {
        proc.out("^C received; cancelling. If you would like to terminate immediately, press ^C again.\n");
        // Long enough for a second SIGINT, if one is sent, to be recorded.
        setTimeout(() => reject(new S.Fail("error: update canceled")), proc.cancelDelayMs);
      } else {
        proc.out("^C received; terminating\n");
        reject(Object.assign(new S.Fail(""), { terminated: true }));
      }
    });
    log(proc, { event: "waiting", stack });
  }).finally(() => clearInterval(alive));
}

async function operation(proc, kind, stack, flags, fault) {
  S.requireStack(proc, stack);
  const release = S.lock(proc, stack);
  let terminated = false;
  try {
    log(proc, { event: "config", stack, config: S.maskedConfig(proc, stack) });
    if (fault?.hang) {
      await hang(proc, stack).catch((err) => {
        terminated = err.terminated === true;
        throw err;
      });
    }
    if (fault) {
      throw fault.diagnostic
        ? E.diagnostic(stack, kind, fault.diagnostic)
        : new S.Fail(fault.stderr ?? "", "", fault.code);
    }
    const state = S.readState(proc, stack);
    if (kind === "destroy") {
      if (state.protect && state.resources > 0) {
        throw E.protectedError(stack);
      }
      proc.out(E.report(stack, kind, { outputs: {} }, `- ${state.resources} deleted`));
      S.writeState(proc, stack, {
        ...state,
        outputs: {},
        resources: 0,
        history: [C.summary(proc, "destroy", stack, { delete: state.resources }), ...state.history],
      });
      return;
    }
    const result = E.programResult(proc, stack);
    if (kind === "preview") {
      const changes = state.resources > 0 ? { same: result.resources } : { create: result.resources };
      proc.out(E.report(stack, kind, result, Object.entries(changes).map(([op, n]) => `${n} to ${op}`)[0]));
      await E.sendSummary(flags["event-log"], changes);
      return;
    }
    proc.out(E.report(stack, kind, result, `+ ${result.resources} created`));
    const changes = state.resources > 0 ? { same: result.resources } : { create: result.resources };
    S.writeState(proc, stack, {
      ...state,
      ...result,
      history: [C.summary(proc, "update", stack, changes), ...state.history],
    });
  } finally {
    if (!terminated) {
      release();
    }
  }
}

async function command(argv, proc) {
  const { words, flags, pairs } = parse(argv);
  const command = ["stack", "config"].includes(words[0]) && words[1] ? `${words[0]} ${words[1]}` : words[0];
  const stack = flags.stack ?? (command === "stack init" ? words[2] : undefined);
  const fault = JSON.parse(proc.env.FAKE_PULUMI_FAIL ?? "{}")[`${command} ${stack}`];
  log(proc, { argv, cwd: proc.cwd, env: Object.fromEntries(LOGGED_ENV.map((k) => [k, proc.env[k]])) });
  // As the CLI does: `config set <key>` without a value reads it from stdin (not a terminal here)
  // and drops one trailing newline. The value is recorded for the tests, which check what arrived.
  const stdinValue = command === "config set" && words.length === 3 ? proc.stdin().replace(/\r?\n$/, "") : undefined;
  if (command === "config set") {
    log(proc, { event: "config set", stack, valueOn: stdinValue === undefined ? "argv" : "stdin", value: stdinValue });
  }
  if (fault && !["up", "preview", "destroy"].includes(command)) {
    throw new S.Fail(fault.stderr ?? `error: injected failure of ${command}`, "", fault.code);
  }
  switch (command) {
    case "version":
      return proc.out("v3.248.0\n");
    case "stack select":
      return S.requireStack(proc, stack);
    case "stack init": {
      if (S.exists(proc, stack)) {
        throw new S.Fail(`error: stack '${stack}' already exists`);
      }
      const settings = S.readSettings(proc, stack);
      const provider = flags["secrets-provider"];
      const extra =
        provider && provider !== "passphrase" ? { secretsprovider: provider } : { encryptionsalt: S.newSalt(proc) };
      S.writeSettings(proc, stack, { ...extra, ...settings });
      return S.writeState(proc, stack, { outputs: {}, secretOutputs: [], resources: 0, protect: false, history: [] });
    }
    case "config set":
      S.requireStack(proc, stack);
      return C.setConfig(proc, stack, words[2], words.length > 3 ? words[3] : stdinValue, flags.secret === true);
    case "config set-all":
      S.requireStack(proc, stack);
      for (const { secret, pair } of pairs) {
        const at = pair.indexOf("=");
        C.setConfig(proc, stack, pair.slice(0, at), pair.slice(at + 1), secret);
      }
      return;
    case "config get": {
      const entry = C.configJson(proc, stack, true)[words[2]];
      if (!entry) {
        throw new S.Fail(`error: configuration key '${words[2]}' not found for stack '${stack}'`);
      }
      return proc.out(JSON.stringify(entry));
    }
    case "config":
      S.requireStack(proc, stack);
      return proc.out(JSON.stringify(C.configJson(proc, stack, flags["show-secrets"] === true)));
    case "up":
      return operation(proc, "update", stack, flags, fault);
    case "preview":
    case "destroy":
      return operation(proc, command, stack, flags, fault);
    case "stack output": {
      S.requireStack(proc, stack);
      S.plainConfig(proc, stack); // opens the secrets manager, as the real CLI does
      const state = S.readState(proc, stack);
      const shown = Object.entries(state.outputs).map(([k, v]) => [
        k,
        state.secretOutputs.includes(k) && !flags["show-secrets"] ? "[secret]" : v,
      ]);
      return proc.out(JSON.stringify(Object.fromEntries(shown)));
    }
    case "stack history": {
      S.requireStack(proc, stack);
      const history = S.readState(proc, stack).history;
      const size = Number(flags["page-size"] ?? history.length);
      return proc.out(
        JSON.stringify(C.showHistory(proc, stack, history.slice(0, size), flags["show-secrets"] === true)),
      );
    }
    case "cancel": {
      S.requireStack(proc, stack);
      const held = S.locks(proc, stack);
      if (held.length === 0) {
        throw new S.Fail(`error: stack '${stack}' has no update in progress`);
      }
      held.forEach((f) => fs.rmSync(f));
      return proc.out(`The currently running update for '${stack}' has been canceled!\n`);
    }
    default:
      throw new S.Fail(`error: fake pulumi does not emulate \`pulumi ${argv.join(" ")}\``);
  }
}

/** One invocation; resolves to its exit code, as the process would exit. */
async function run(argv, proc) {
  try {
    await command(argv, proc);
    return 0;
  } catch (err) {
    if (!(err instanceof S.Fail)) {
      throw err;
    }
    proc.out(err.stdout);
    proc.err(err.stderr ? `${err.stderr}\n` : "");
    log(proc, { exit: err.code });
    return err.code;
  }
}

module.exports = { run };
