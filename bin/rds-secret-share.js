#!/usr/bin/env node
// `rds-secret-share <command> <env> [--flags]` (npx rds-secret-share, and the npm scripts): the
// command line compiled in dist/, compiled first when a TypeScript source changed since the last
// build, so an edit never runs stale.
"use strict";

try {
  require("../scripts/build").ensureBuilt();
} catch {
  process.stderr.write("rds-secret-share: the TypeScript sources could not be compiled (see above).\n");
  process.exit(1);
}
require("../dist/automation/cli/bin");
