// Mocha's options. The tests run compiled: dist/ is built here first when a source changed. Two
// worker processes take the test files in the order listed: the files that spend their time
// waiting (for real processes, the database, the AWS SDK's retry) come first, so that their
// waits overlap the rest; then every other file, alphabetically.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { DIST, ensureBuilt } = require("./scripts/build");

const WAITING_FIRST = ["driver/process", "cli/cli", "dbuser/postgres", "live/endpoint"];

ensureBuilt((text) => process.stderr.write(text));

function testFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    return e.isDirectory() ? testFiles(file) : e.name.endsWith(".test.js") ? [file] : [];
  });
}

const all = testFiles(path.join(DIST, "test"))
  .map((f) => path.relative(__dirname, f))
  .sort();
const first = WAITING_FIRST.map((f) => path.join("dist", "test", `${f}.test.js`)).filter((f) => all.includes(f));

module.exports = {
  require: ["scripts/ensure-built.js", "dist/test/setup.js"],
  spec: [...first, ...all.filter((f) => !first.includes(f))],
  timeout: 20000,
  reporter: "spec",
  parallel: true,
  jobs: 2,
};
