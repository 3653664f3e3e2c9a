// What the command line loads for a usage error and for a missing Pulumi CLI: none of the heavy
// modules, which only a fresh process can show (a test process has loaded them all).

import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../automation/environment";

const HEAVY = ["@pulumi/", "@aws-sdk/", "/pg/", "/mysql2/", "/typescript/", "/@npmcli/"];

/**
 * What validating a settings file loads of the AWS SDK, and all it may: the ARN parser and the
 * partition table (a region's spelling). deploy and preview validate before looking for the CLI.
 */
const VALIDATION = [
  "@aws-sdk/util-arn-parser/",
  "@aws-sdk/core/package.json",
  "@aws-sdk/core/dist-cjs/submodules/client/",
  "@aws-sdk/core/dist-cjs/submodules/util/",
];

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
  it("GIVEN a wrong command line, then deploy or preview without the Pulumi CLI THEN none loads the SDK, an AWS SDK client or a database driver", () => {
    const home = mkdtempSync(path.join(os.tmpdir(), "no-pulumi-"));
    try {
      const env = { PATH: path.dirname(process.execPath), HOME: home };
      const [usage, deploy, preview] = loadedAfter([["deploy"], ["deploy", "dev", "--yes"], ["preview", "dev"]], env);
      const heavy = (files: string[]) => files.filter((f) => HEAVY.some((h) => f.includes(h)));
      const beyondValidation = (files: string[]) => heavy(files).filter((f) => !VALIDATION.some((v) => f.includes(v)));
      expect(heavy(usage)).to.deep.equal([]);
      // The settings were validated (so the ARN parser is there), and nothing heavier was loaded.
      expect(deploy.some((f) => f.includes("@aws-sdk/util-arn-parser/"))).to.equal(true);
      expect(beyondValidation(deploy)).to.deep.equal([]);
      expect(beyondValidation(preview)).to.deep.equal([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
