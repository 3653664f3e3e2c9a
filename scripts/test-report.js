// CI's test run, checked: `npm test -- --reporter json` wrote its stdout and stderr to the two
// files given. Passes when stdout is one JSON document (tests print nothing of their own, so a
// machine-readable reporter's output stays readable by machines), stderr holds nothing but the
// build's line (and npm's, on a failure), and no test failed. Prints the counts, each failure and each skipped test.
//   node scripts/test-report.js <stdout file> <stderr file>
"use strict";

const fs = require("node:fs");

const [stdoutFile, stderrFile] = process.argv.slice(2);
const problems = [];
const stdout = fs.readFileSync(stdoutFile, "utf8");
const stray = fs
  .readFileSync(stderrFile, "utf8")
  .split("\n")
  // The build's line, and npm's own about a failing exit code, are not the tests'.
  .filter((line) => line !== "" && !/^dist\/: compiled \d+ files in \d+ ms$|^npm (error|ERR!)/.test(line));
if (stray.length > 0) {
  problems.push(`the test run wrote to stderr:\n${stray.join("\n")}`);
}

let report;
try {
  report = JSON.parse(stdout);
} catch (err) {
  problems.push(`stdout is not one JSON document (${err.message}); it begins:\n${stdout.slice(0, 2000)}`);
}

if (report) {
  const { tests, passes, pending, failures, duration } = report.stats;
  console.log(`${tests} tests: ${passes} passing, ${pending} pending, ${failures} failing (${duration} ms)`);
  for (const test of report.pending) {
    console.log(`  pending: ${test.fullTitle}`);
  }
  for (const test of report.failures) {
    console.log(`\n  FAILED: ${test.fullTitle}\n${test.err.stack ?? test.err.message}`);
  }
  if (failures > 0 || tests === 0) {
    problems.push(tests === 0 ? "no tests ran" : `${failures} failing`);
  }
}

for (const problem of problems) {
  console.error(`\n${problem}`);
}
process.exit(problems.length > 0 ? 1 : 0);
