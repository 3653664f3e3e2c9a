// Runs the command line as a user does, in a copy of the checkout (so stack files and state stay
// out of the real one), with the fake `pulumi` on PATH or no `pulumi` at all: main() in this
// process, with the fake CLI in-process too; or, for signals and the exit code, as a process
// (the compiled command line, which this test run has just built, with the fake as processes).

import { ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Readable, Writable } from "node:stream";
import { main } from "../../automation/cli/main";
import { PROJECT_ROOT } from "../../automation/environment";
import { FAKE_BIN, inProcessPulumi, PASSPHRASE } from "../driver/support";

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A stream that keeps what is written to it. */
class Collected extends Writable {
  private readonly chunks: string[] = [];

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk.toString());
    done();
  }

  text(): string {
    return this.chunks.join("");
  }
}

/** main() in this process, as `npx rds-secret-share <args>` runs from the project root. */
export async function runMain(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  const stdout = new Collected();
  const stderr = new Collected();
  const code = await main(args, { stdout, stderr, stdin: Readable.from([]), env });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
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

  /** `rds-secret-share <args>` in this process, with `env` and `input` on stdin (then its end). */
  async run(args: readonly string[], env: NodeJS.ProcessEnv, input = ""): Promise<CliRun> {
    const stdout = new Collected();
    const stderr = new Collected();
    const onPath = (env.PATH ?? "").split(path.delimiter).includes(FAKE_BIN);
    const code = await main(args, {
      stdout,
      stderr,
      stdin: Readable.from(input === "" ? [] : [input]),
      env,
      root: this.root,
      pulumiCommand: onPath ? () => inProcessPulumi(env) : undefined,
    });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  /** `rds-secret-share <args>` as a process in this checkout. */
  start(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
    const cli = [path.join("dist", "automation", "cli", "bin.js"), ...args];
    return spawn(process.execPath, cli, { cwd: this.root, env, stdio: ["pipe", "pipe", "pipe"] });
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
