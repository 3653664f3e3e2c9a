// What the command line loads for a usage error and for a missing Pulumi CLI: none of the heavy
// modules, which only a fresh process can show (a test process has loaded them all).

import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../automation/environment";

const HEAVY = ["@pulumi/", "@aws-sdk/", "/pg/", "/mysql2/", "/typescript/", "/@npmcli/"];

/** Runs main() for each command line in one new process; the node_modules files loaded after each. */
function loadedAfter(commandLines: string[][], env: NodeJS.ProcessEnv): string[][] {
  const script = `
    const { Writable, Readable } = require("node:stream");
    const sink = () => new Writable({ write: (_c, _e, done) => done() });
    const { main } = require("./dist/automation/cli/main");
    (async () => {
      const loaded = [];
      for (const argv of ${JSON.stringify(commandLines)}) {
        const io = { stdout: sink(), stderr: sink(), stdin: Readable.from([]), env: ${JSON.stringify(env)} };
        await main(argv, io);
        loaded.push(Object.keys(require.cache).filter((f) => f.includes("/node_modules/")));
      }
      process.stdout.write(JSON.stringify(loaded));
    })();`;
  return JSON.parse(
    execFileSync(process.execPath, ["-e", script], { cwd: PROJECT_ROOT, encoding: "utf8" }),
  ) as string[][];
}

describe("start-up: a usage error and a missing Pulumi CLI load no heavy module", () => {
  it("GIVEN a wrong command line, then deploy without the Pulumi CLI THEN neither loads the SDK, the AWS SDK or a database driver", () => {
    const home = mkdtempSync(path.join(os.tmpdir(), "no-pulumi-"));
    try {
      const env = { PATH: path.dirname(process.execPath), HOME: home };
      const [usage, noCli] = loadedAfter([["deploy"], ["deploy", "dev", "--yes"]], env);
      const heavy = (files: string[]) => files.filter((f) => HEAVY.some((h) => f.includes(h)));
      expect(heavy(usage)).to.deep.equal([]);
      expect(heavy(noCli)).to.deep.equal([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
