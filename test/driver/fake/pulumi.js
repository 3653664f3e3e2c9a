// `pulumi` as a process, for the tests that cross a real process boundary: cli.js with this
// process's arguments, environment and streams (bin/pulumi runs it).
"use strict";

const fs = require("node:fs");
const { run } = require("./cli");

const proc = {
  pid: process.pid,
  cwd: process.cwd(),
  env: process.env,
  stdin: () => fs.readFileSync(0, "utf8"),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  onSigint: (handler) => process.on("SIGINT", handler),
  // Long enough for a second SIGINT, sent right after the first, to be recorded before the exit.
  cancelDelayMs: 500,
};

// A bug in the fake is not caught: it crashes with its stack trace, as it did before.
run(process.argv.slice(2), proc).then((code) => process.exit(code));
