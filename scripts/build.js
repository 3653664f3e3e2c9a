// Compiles the TypeScript of infra/, automation/, test/ and examples/ to CommonJS in dist/, one file per
// source, with esbuild: no bundling and no type-checking (`npm run typecheck` checks types).
// Every entry point (the rds-secret-share command, mocha, the benchmark) calls ensureBuilt(), so an
// edited source is compiled before it runs; `npm ci` builds through `prepare`.
//   node scripts/build.js           build if a source changed since the last build
//   node scripts/build.js --force   build anyway
"use strict";

const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
// As tsconfig.json includes them.
const SOURCE_DIRS = ["infra", "automation", "test", "examples"];
/** The fingerprint of the sources dist/ was built from, and their sizes and mtimes. */
const STAMP = path.join(DIST, ".sources");

function tsFiles(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      tsFiles(file, out);
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
      out.push(file);
    }
  }
  return out;
}

function sources() {
  return SOURCE_DIRS.flatMap((d) => tsFiles(path.join(ROOT, d))).sort();
}

/** Content, not mtimes, decides: a checkout of another branch or a restored file changes it too. */
function fingerprint(files) {
  const hash = crypto.createHash("sha256");
  // The build's own options and compiler are inputs as well.
  hash.update(fs.readFileSync(__filename));
  hash.update(fs.readFileSync(path.join(ROOT, "tsconfig.json")));
  hash.update(require("esbuild/package.json").version);
  for (const file of files) {
    hash.update(`\0${path.relative(ROOT, file)}\0`);
    hash.update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

/** Size and mtime of every input: when none moved, the content is not read (start-up of each command). */
function statsOf(files) {
  return [__filename, path.join(ROOT, "tsconfig.json"), ...files]
    .map((f) => {
      const s = fs.statSync(f);
      return `${path.relative(ROOT, f)} ${s.size} ${s.mtimeMs}`;
    })
    .join("\n");
}

function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(STAMP, "utf8"));
  } catch {
    return {};
  }
}

function build(files, print) {
  const esbuild = require("esbuild");
  const started = Date.now();
  // Built aside, then swapped in: a deleted source leaves no stale .js behind for mocha to run.
  const next = `${DIST}.${process.pid}.tmp`;
  fs.rmSync(next, { recursive: true, force: true });
  esbuild.buildSync({
    entryPoints: files,
    outdir: next,
    outbase: ROOT,
    format: "cjs",
    platform: "node",
    target: "node20",
    sourcemap: "linked",
    // `await import()` becomes require(), as tsc and ts-node compile it, instead of Node's ESM loader.
    supported: { "dynamic-import": false },
    logLevel: "error",
  });
  fs.writeFileSync(
    path.join(next, ".sources"),
    JSON.stringify({ fingerprint: fingerprint(files), stats: statsOf(files) }),
  );
  fs.rmSync(DIST, { recursive: true, force: true });
  try {
    fs.renameSync(next, DIST);
  } catch (err) {
    // Another process built the same sources in the meantime: its dist/ will do.
    fs.rmSync(next, { recursive: true, force: true });
    if (readStamp().fingerprint !== fingerprint(files)) {
      throw err;
    }
  }
  print(`dist/: compiled ${files.length} files in ${Date.now() - started} ms\n`);
}

/** Compiles dist/ unless it was built from exactly the current sources; silent when it was. */
function ensureBuilt(print = () => undefined) {
  const files = sources();
  const stamp = readStamp();
  const stats = statsOf(files);
  if (stamp.stats === stats) {
    return;
  }
  const current = fingerprint(files);
  if (stamp.fingerprint === current) {
    // Touched, not changed: remember the new mtimes.
    fs.writeFileSync(STAMP, JSON.stringify({ fingerprint: current, stats }));
  } else {
    build(files, print);
  }
}

module.exports = { ensureBuilt, DIST };

if (require.main === module) {
  const print = (text) => process.stderr.write(text);
  if (process.argv.includes("--force")) {
    build(sources(), print);
  } else {
    ensureBuilt(print);
  }
}
