// Runs the command line as a user does, in a copy of the checkout (so stack files and state stay
// out of the real one), with the fake `pulumi` on PATH or no `pulumi` at all. The copy holds the
// compiled command line (dist/), which this test run has just built.

import { ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../automation/environment";
import { FAKE_BIN, PASSPHRASE } from "../driver/support";

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export class Checkout {
  readonly root = mkdtempSync(path.join(os.tmpdir(), "rds-cli-"));
  readonly logFile = path.join(this.root, "fake-pulumi.log");

  constructor() {
    for (const entry of ["dist/automation", "dist/infra", "Pulumi.yaml", "Pulumi.dev.yaml", "package.json"]) {
      cpSync(path.join(PROJECT_ROOT, entry), path.join(this.root, entry), { recursive: true });
    }
    symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(this.root, "node_modules"));
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  /** The environment of a shell with node, and the fake `pulumi` unless `pulumi` is false. */
  env(opts: { pulumi?: boolean; extra?: Record<string, string> } = {}): NodeJS.ProcessEnv {
    const node = path.dirname(process.execPath);
    return {
      HOME: this.root,
      PATH: opts.pulumi === false ? node : `${FAKE_BIN}:${node}`,
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      FAKE_PULUMI_LOG: this.logFile,
      ...opts.extra,
    };
  }

  start(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
    const cli = [path.join("dist", "automation", "cli", "bin.js"), ...args];
    return spawn(process.execPath, cli, { cwd: this.root, env, stdio: ["pipe", "pipe", "pipe"] });
  }

  run(args: readonly string[], env: NodeJS.ProcessEnv, input = ""): Promise<CliRun> {
    return finished(this.start(args, env), input);
  }
}

/** The run's result once it exits; `input` is written to its stdin and closed, `null` keeps it open. */
export function finished(child: ChildProcess, input: string | null = ""): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  if (input !== null) {
    child.stdin?.end(input);
  }
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}
