// A deploy script in another folder imports the commands by the package's name, as
// `npm install <path to this checkout>` links it.

import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../automation/environment";

describe("the package, from a script outside the project", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "rds-script-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("GIVEN the checkout linked as node_modules/rds-secret-share THEN require finds every command by name", () => {
    mkdirSync(path.join(dir, "node_modules"));
    symlinkSync(PROJECT_ROOT, path.join(dir, "node_modules", "rds-secret-share"));
    const script =
      "const m = require('rds-secret-share');" +
      "const names = ['plan', 'preflight', 'preview', 'deploy', 'dbUser', 'doctor', 'outputs', 'destroy'];" +
      "process.stdout.write(JSON.stringify(names.map((n) => [n, typeof m[n]])));";
    const child = spawnSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" });
    expect([child.status, child.stderr]).to.deep.equal([0, ""]);
    expect(JSON.parse(child.stdout)).to.deep.equal(
      ["plan", "preflight", "preview", "deploy", "dbUser", "doctor", "outputs", "destroy"].map((n) => [n, "function"]),
    );
  });
});
