// A stand-in for the Pulumi CLI, for the driver's tests: the real Automation API runs it as it
// would run `pulumi`. It records every invocation (FAKE_PULUMI_LOG), answers the commands the
// driver uses as the CLI does, and fails or hangs on request (FAKE_PULUMI_FAIL, a JSON map from
// "<command> <stack>", e.g. "up dev-owner", to {diagnostic|stderr, code, hang}; engine.js has two
// more knobs for outputs).
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

function log(entry) {
  if (process.env.FAKE_PULUMI_LOG) {
    fs.appendFileSync(process.env.FAKE_PULUMI_LOG, `${JSON.stringify({ pid: process.pid, ...entry })}\n`);
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

const out = (text) => process.stdout.write(text);

/** Waits for Ctrl-C as a running update does, then cancels; a second SIGINT terminates. */
function hang(stack, release) {
  let count = 0;
  process.on("SIGINT", () => {
    count++;
    log({ signal: "SIGINT", count, stack });
    if (count === 1) {
      out("^C received; cancelling. If you would like to terminate immediately, press ^C again.\n");
      setTimeout(() => {
        release();
        process.stderr.write("error: update canceled\n");
        process.exit(255);
      }, 1000); // long enough for a second SIGINT, if one is sent, to be recorded
    } else {
      out("^C received; terminating\n");
      process.exit(255);
    }
  });
  log({ event: "waiting", stack });
  return new Promise(() => setInterval(() => undefined, 1000));
}

async function operation(kind, stack, flags, fault) {
  S.requireStack(stack);
  const release = S.lock(stack);
  try {
    log({ event: "config", stack, config: S.maskedConfig(stack) });
    if (fault?.hang) {
      await hang(stack, release);
    }
    if (fault) {
      throw fault.diagnostic
        ? E.diagnostic(stack, kind, fault.diagnostic)
        : new S.Fail(fault.stderr ?? "", "", fault.code);
    }
    const state = S.readState(stack);
    if (kind === "destroy") {
      if (state.protect && state.resources > 0) {
        throw E.protectedError(stack);
      }
      out(E.report(stack, kind, { outputs: {} }, `- ${state.resources} deleted`));
      S.writeState(stack, {
        ...state,
        outputs: {},
        resources: 0,
        history: [C.summary("destroy", stack, { delete: state.resources }), ...state.history],
      });
      return;
    }
    const result = E.programResult(stack);
    if (kind === "preview") {
      const changes = state.resources > 0 ? { same: result.resources } : { create: result.resources };
      out(E.report(stack, kind, result, Object.entries(changes).map(([op, n]) => `${n} to ${op}`)[0]));
      await E.sendSummary(flags["event-log"], changes);
      return;
    }
    out(E.report(stack, kind, result, `+ ${result.resources} created`));
    const changes = state.resources > 0 ? { same: result.resources } : { create: result.resources };
    S.writeState(stack, { ...state, ...result, history: [C.summary("update", stack, changes), ...state.history] });
  } finally {
    release();
  }
}

async function run(argv) {
  const { words, flags, pairs } = parse(argv);
  const command = ["stack", "config"].includes(words[0]) && words[1] ? `${words[0]} ${words[1]}` : words[0];
  const stack = flags.stack ?? (command === "stack init" ? words[2] : undefined);
  const fault = JSON.parse(process.env.FAKE_PULUMI_FAIL ?? "{}")[`${command} ${stack}`];
  log({ argv, cwd: process.cwd(), env: Object.fromEntries(LOGGED_ENV.map((k) => [k, process.env[k]])) });
  // As the CLI does: `config set <key>` without a value reads it from stdin (not a terminal here)
  // and drops one trailing newline. The value is recorded for the tests, which check what arrived.
  const stdinValue =
    command === "config set" && words.length === 3 ? fs.readFileSync(0, "utf8").replace(/\r?\n$/, "") : undefined;
  if (command === "config set") {
    log({ event: "config set", stack, valueOn: stdinValue === undefined ? "argv" : "stdin", value: stdinValue });
  }
  if (fault && !["up", "preview", "destroy"].includes(command)) {
    throw new S.Fail(fault.stderr ?? `error: injected failure of ${command}`, "", fault.code);
  }
  switch (command) {
    case "version":
      return out("v3.248.0\n");
    case "stack select":
      return S.requireStack(stack);
    case "stack init": {
      if (S.exists(stack)) {
        throw new S.Fail(`error: stack '${stack}' already exists`);
      }
      const settings = S.readSettings(stack);
      const provider = flags["secrets-provider"];
      const extra =
        provider && provider !== "passphrase" ? { secretsprovider: provider } : { encryptionsalt: S.newSalt() };
      S.writeSettings(stack, { ...extra, ...settings });
      return S.writeState(stack, { outputs: {}, secretOutputs: [], resources: 0, protect: false, history: [] });
    }
    case "config set":
      S.requireStack(stack);
      return C.setConfig(stack, words[2], words.length > 3 ? words[3] : stdinValue, flags.secret === true);
    case "config set-all":
      S.requireStack(stack);
      for (const { secret, pair } of pairs) {
        const at = pair.indexOf("=");
        C.setConfig(stack, pair.slice(0, at), pair.slice(at + 1), secret);
      }
      return;
    case "config get": {
      const entry = C.configJson(stack, true)[words[2]];
      if (!entry) {
        throw new S.Fail(`error: configuration key '${words[2]}' not found for stack '${stack}'`);
      }
      return out(JSON.stringify(entry));
    }
    case "config":
      S.requireStack(stack);
      return out(JSON.stringify(C.configJson(stack, flags["show-secrets"] === true)));
    case "up":
      return operation("update", stack, flags, fault);
    case "preview":
    case "destroy":
      return operation(command, stack, flags, fault);
    case "stack output": {
      S.requireStack(stack);
      S.plainConfig(stack); // opens the secrets manager, as the real CLI does
      const state = S.readState(stack);
      const shown = Object.entries(state.outputs).map(([k, v]) => [
        k,
        state.secretOutputs.includes(k) && !flags["show-secrets"] ? "[secret]" : v,
      ]);
      return out(JSON.stringify(Object.fromEntries(shown)));
    }
    case "stack history": {
      S.requireStack(stack);
      const history = S.readState(stack).history;
      const size = Number(flags["page-size"] ?? history.length);
      return out(JSON.stringify(C.showHistory(stack, history.slice(0, size), flags["show-secrets"] === true)));
    }
    case "cancel": {
      S.requireStack(stack);
      const held = S.locks(stack);
      if (held.length === 0) {
        throw new S.Fail(`error: stack '${stack}' has no update in progress`);
      }
      held.forEach((f) => fs.rmSync(f));
      return out(`The currently running update for '${stack}' has been canceled!\n`);
    }
    default:
      throw new S.Fail(`error: fake pulumi does not emulate \`pulumi ${argv.join(" ")}\``);
  }
}

run(process.argv.slice(2)).then(
  () => process.exit(0),
  (err) => {
    if (!(err instanceof S.Fail)) {
      throw err;
    }
    process.stdout.write(err.stdout);
    process.stderr.write(err.stderr ? `${err.stderr}\n` : "");
    log({ exit: err.code });
    process.exit(err.code);
  },
);
