// The driver against the fake CLI as a separate process, as it runs `pulumi`: what the in-process
// fake stands in for (the Automation API's process runs and their errors, the password on a real
// stdin, a signal to a real process, a CLI that is not there). The command line's test of Ctrl-C
// during an update covers the driver's own SIGINT to the CLI process. Everything else runs
// in-process (support.ts).

import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { deploy } from "../../automation/driver";
import { CLI_MISSING } from "../../automation/driver/session";
import {
  FAKE_BIN,
  FIRST_DEPLOY,
  interruptCli,
  isolateEnvironment,
  newProject,
  PASSPHRASE,
  processPulumi,
  Project,
  until,
} from "./support";
import { failure } from "../support/errors";

async function options(p: Project, extra: Parameters<Project["options"]>[0] = {}) {
  return p.options({ ...extra, pulumiCommand: await processPulumi() });
}

const lockDir = (p: Project) =>
  path.join(p.root, ".pulumi-state", ".pulumi", "locks", "organization", "rds-secret-share", "dev-owner");
const waitingPid = (p: Project) => p.entries().find((e) => e.event === "waiting")?.pid;
const sigints = (p: Project) => p.entries().filter((e) => e.signal === "SIGINT");

describe("the driver and the CLI as a separate process", () => {
  isolateEnvironment();

  describe("GIVEN dev deployed for the first time", () => {
    const p = newProject();
    before(async () => {
      await deploy("dev", await options(p));
    });

    it("THEN 13 CLI processes ran, and the password reached `config set` on its stdin only", () => {
      const runs = p.invocations();
      expect(p.calls()).to.deep.equal(FIRST_DEPLOY);
      expect(new Set(runs.map((r) => r.pid)).size, "one process per run").to.equal(runs.length);
      expect(runs.every((r) => r.pid !== process.pid && r.pid < 10_000_000)).to.equal(true);
      const [set] = p.entries().filter((e) => e.event === "config set");
      expect(set).to.deep.include({ valueOn: "stdin", stack: "dev-owner" });
      expect(set.value).to.have.length(40);
      expect(runs.filter((r) => r.argv.some((a) => a.includes(set.value ?? "")))).to.deep.equal([]);
      expect(runs.every((r) => r.env.PULUMI_BACKEND_URL === `file://${p.root}/.pulumi-state`)).to.equal(true);
    });

    it("WHEN runs fail THEN Pulumi's diagnostic and a lock are explained, and the printed `pulumi cancel` clears the lock", async () => {
      const fail = { "up dev-owner": { diagnostic: "creating KMS Key: AccessDeniedException" } };
      const failed = await failure(async () => deploy("dev", await options(p, { fail })));
      expect(failed.message).to.equal(
        [
          "dev-owner: pulumi up failed:",
          "  pulumi:pulumi:Stack (rds-secret-share-dev-owner):",
          "    error: creating KMS Key: AccessDeniedException",
          "dev-consumer was not touched.",
        ].join("\n"),
      );
      p.leaveLock("dev-owner");
      const locked = await failure(async () => deploy("dev", await options(p)));
      const line = locked.message.split("\n")[2].trim();
      expect(line).to.equal(`PULUMI_BACKEND_URL=file://${p.root}/.pulumi-state pulumi cancel --yes --stack dev-owner`);
      const [assignment, , ...args] = line.split(" ");
      const [name, value] = assignment.split(/=(.*)/s, 2);
      execFileSync(path.join(FAKE_BIN, "pulumi"), args, {
        cwd: p.root,
        env: { ...process.env, [name]: value, PULUMI_CONFIG_PASSPHRASE: PASSPHRASE },
      });
      expect(readdirSync(lockDir(p))).to.deep.equal([]);
    });

    it("WHEN Ctrl-C reaches the CLI process itself (a terminal) THEN the driver sends it no second SIGINT", async () => {
      p.clearLog();
      const controller = new AbortController();
      const hang = { fail: { "up dev-owner": { hang: true } }, signal: controller.signal, interruptReachesCli: true };
      const run = deploy("dev", await options(p, hang));
      await until(() => waitingPid(p) !== undefined);
      interruptCli(waitingPid(p) ?? 0);
      await until(() => sigints(p).length > 0);
      controller.abort();
      const err = await failure(() => run);
      expect(err.message).to.equal("Interrupted: dev-owner: pulumi up was cancelled. dev-consumer was not started.");
      expect(sigints(p).map((e) => [e.pid, e.count])).to.deep.equal([[waitingPid(p), 1]]);
    });
  });

  describe("GIVEN no `pulumi` on PATH nor in ~/.pulumi/bin", () => {
    const saved = { PATH: process.env.PATH, HOME: process.env.HOME };
    const home = mkdtempSync(path.join(os.tmpdir(), "no-pulumi-"));
    before(() => {
      process.env.PATH = path.dirname(process.execPath);
      process.env.HOME = home;
    });
    after(() => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) {
          delete process.env[k];
        } else {
          process.env[k] = v;
        }
      }
      rmSync(home, { recursive: true, force: true });
    });

    const p = newProject();

    it("WHEN deploy runs without a given CLI THEN it fails saying how to install one, before any stack is touched", async () => {
      const err = await failure(async () => deploy("dev", { ...(await p.options()), pulumiCommand: undefined }));
      expect(err.message).to.equal(CLI_MISSING);
      expect(p.calls()).to.deep.equal([]);
    });
  });
});
