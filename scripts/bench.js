// `npm run bench`: how long the commands and the test suite take on this machine, as the minimum
// and median of several runs, beside two baselines (node's start-up, and loading the Pulumi SDK)
// so that figures from different machines compare as ratios. Not a test: it fails on nothing but
// a command that does not behave as expected (exit code, output).
//   npm run bench                  10 runs of each command, 3 of the test suite
//   BENCH_RUNS=5 BENCH_SUITE_RUNS=1 npm run bench
"use strict";

const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { ensureBuilt } = require("./build");

const ROOT = path.resolve(__dirname, "..");
const NODE = process.execPath;
const BIN = path.join(ROOT, "bin", "rds-secret-share.js");
const FAKE_BIN = path.join(ROOT, "test", "driver", "fake", "bin");
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const SUITE_RUNS = Number(process.env.BENCH_SUITE_RUNS ?? 3);

/** Runs `argv` once; returns seconds, after checking its exit code and, optionally, its output. */
function once(figure) {
  const started = process.hrtime.bigint();
  const run = spawnSync(figure.argv[0], figure.argv.slice(1), {
    cwd: figure.cwd ?? ROOT,
    env: figure.env ?? process.env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const ok = run.status === figure.status && (figure.check?.(run) ?? true);
  if (!ok) {
    throw new Error(`${figure.name}: exit ${run.status}, expected ${figure.status}\n${run.stderr}\n${run.stdout}`);
  }
  return seconds;
}

function measure(figure, runs) {
  once(figure); // warm-up: the file system cache, and a build if one was due
  const times = Array.from({ length: runs }, () => once(figure)).sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  const median = times.length % 2 ? times[middle] : (times[middle - 1] + times[middle]) / 2;
  return { ...figure, runs, min: times[0], median };
}

/** A throw-away copy of the project for the deploy: its state and stack files stay out of this one. */
function scratchProject() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "rds-bench-"));
  for (const entry of ["Pulumi.yaml", "Pulumi.dev.yaml", "package.json", "dist/automation", "dist/infra"]) {
    fs.cpSync(path.join(ROOT, entry), path.join(root, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"));
  return root;
}

/** A first deploy of dev through the command line, with the tests' fake `pulumi` as processes. */
function firstDeploy() {
  const root = scratchProject();
  const log = path.join(root, "fake-pulumi.log");
  const env = {
    PATH: `${FAKE_BIN}${path.delimiter}${path.dirname(NODE)}`,
    HOME: root,
    PULUMI_CONFIG_PASSPHRASE: "bench",
    FAKE_PULUMI_LOG: log,
  };
  try {
    const seconds = once({
      name: "first deploy",
      // --no-preflight: preflight asks AWS, and the benchmark has no credentials.
      argv: [
        NODE,
        path.join(root, "dist", "automation", "cli", "bin.js"),
        "deploy",
        "dev",
        "--no-preflight",
        "--yes",
        "--json",
      ],
      cwd: root,
      env,
      status: 0,
    });
    const runs = fs
      .readFileSync(log, "utf8")
      .split("\n")
      .filter((line) => line.includes('"argv"')).length;
    return { seconds, runs };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const noCli = { PATH: path.dirname(NODE), HOME: fs.mkdtempSync(path.join(os.tmpdir(), "rds-bench-home-")) };
const usage = (run) =>
  run.stdout === "" && run.stderr.includes('Run "npx rds-secret-share deploy --help" for its flags.');
const help = (run) =>
  run.stderr === "" && run.stdout.includes("\nUsage: npx rds-secret-share <command> <env> [flags]\n");
const figures = [
  { name: "baseline: node -e 0", argv: [NODE, "-e", "0"], status: 0 },
  {
    name: "baseline: node -e \"require('@pulumi/pulumi')\"",
    argv: [NODE, "-e", "require('@pulumi/pulumi')"],
    status: 0,
  },
  {
    name: "plan dev",
    argv: [NODE, BIN, "plan", "dev"],
    status: 0,
    check: (run) => run.stdout.startsWith("Plan of environment dev"),
    target: 1.5,
  },
  {
    name: "--help",
    argv: [NODE, BIN, "--help"],
    status: 0,
    check: help,
    target: 0.3,
  },
  { name: "usage error: deploy without <env>", argv: [NODE, BIN, "deploy"], status: 2, check: usage, target: 0.3 },
  {
    name: "missing Pulumi CLI: deploy dev --yes",
    argv: [NODE, BIN, "deploy", "dev", "--yes"],
    env: noCli,
    status: 1,
    check: (run) => run.stderr.startsWith("The Pulumi CLI was not found"),
    target: 1,
  },
  {
    name: "npm run -s plan -- dev (npm's start-up included)",
    argv: ["npm", "run", "-s", "plan", "--", "dev"],
    status: 0,
  },
];
const suite = {
  name: "npm test (CI=true)",
  argv: ["npm", "test", "--silent", "--", "--reporter", "dot"],
  env: { ...process.env, CI: "true" },
  status: 0,
  target: 15,
};

function row(cells, widths) {
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
}

function main() {
  ensureBuilt((text) => process.stderr.write(text));
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
  console.log(`node ${process.version}, ${os.cpus().length} CPUs, load average ${load()} (1, 5, 15 min) at the start`);
  const results = figures.map((f) => measure(f, RUNS));
  results.push(measure(suite, SUITE_RUNS));
  const sdk = results[1].median;
  const widths = [52, 4, 7, 7, 8, 11];
  console.log(row(["", "runs", "min", "median", "target", "median/SDK"], widths));
  for (const r of results) {
    const s = (x) => `${x.toFixed(2)} s`;
    console.log(
      row(
        [r.name, r.runs, s(r.min), s(r.median), r.target ? `≤ ${r.target} s` : "", (r.median / sdk).toFixed(2)],
        widths,
      ),
    );
  }
  const deploy = firstDeploy();
  console.log(
    `first deploy (fake pulumi as processes): ${deploy.runs} CLI runs (target ≤ 14), ${deploy.seconds.toFixed(2)} s`,
  );
  console.log(`load average ${load()} at the end`);
  fs.rmSync(noCli.HOME, { recursive: true, force: true });
}

main();
