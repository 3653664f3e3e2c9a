// A throw-away project for each test, the fake `pulumi` behind the real Automation API (in this
// process, or as a process for the few tests of that boundary), and readers for what it recorded.

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import Module from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { parse, stringify } from "yaml";
import { DriverOptions } from "../../automation/driver";
import { PROJECT_ROOT } from "../../automation/environment";

// The fake is plain JavaScript and stays in the source tree; the tests run compiled from dist/.
export const FAKE_ROOT = path.join(PROJECT_ROOT, "test", "driver", "fake");
export const FAKE_BIN = path.join(FAKE_ROOT, "bin");
export const PASSPHRASE = "correct horse battery staple";

interface InProcessFake {
  readonly InProcessPulumi: { get(env?: NodeJS.ProcessEnv): Promise<PulumiCommand> };
  interrupt(pid: number): void;
  runCli(args: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number }>;
}

const inProcess = Module.createRequire(__filename)(path.join(FAKE_ROOT, "inProcess.js")) as InProcessFake;

/** The CLI runs of a first deploy of dev, in order: each stack created, its password set, updated. */
export const FIRST_DEPLOY = [
  "stack select dev-owner", // fails: no such stack yet
  "stack init dev-owner",
  "config set rds-secret-share:dbPassword dev-owner --secret",
  "up dev-owner",
  "stack output dev-owner", // Stack.up reads the outputs (masked, then plain) and the summary
  "stack output dev-owner --show-secrets",
  "stack history dev-owner",
  "stack select dev-consumer",
  "stack init dev-consumer",
  "up dev-consumer",
  "stack output dev-consumer",
  "stack output dev-consumer --show-secrets",
  "stack history dev-consumer",
];

let fake: Promise<PulumiCommand> | undefined;
let processFake: Promise<PulumiCommand> | undefined;

/** The fake CLI, run in this process: what most driver tests use. */
export function fakePulumi(): Promise<PulumiCommand> {
  fake ??= inProcess.InProcessPulumi.get();
  return fake;
}

/** The fake CLI in this process, found as a process with environment `env` would find it (`pulumi version`). */
export function inProcessPulumi(env: NodeJS.ProcessEnv): Promise<PulumiCommand> {
  return inProcess.InProcessPulumi.get(env);
}

/** The fake CLI as a process, found as PulumiCommand finds an installation (<root>/bin/pulumi, `pulumi version`). */
export function processPulumi(): Promise<PulumiCommand> {
  processFake ??= PulumiCommand.get({ root: FAKE_ROOT });
  return processFake;
}

/** Ctrl-C reaching the CLI itself (a terminal's process group): SIGINT to the invocation `pid`. */
export function interruptCli(pid: number): void {
  if (pid >= 10_000_000) {
    inProcess.interrupt(pid);
  } else {
    process.kill(pid, "SIGINT");
  }
}

/** Runs `pulumi <args>` as a shell would, against the in-process fake; resolves to the exit code. */
export async function runPulumi(
  args: readonly string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<number> {
  return (await inProcess.runCli(args, opts)).code;
}

export interface Invocation {
  readonly pid: number;
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface LogEntry {
  readonly pid: number;
  readonly argv?: readonly string[];
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly event?: string;
  readonly signal?: string;
  readonly count?: number;
  readonly stack?: string;
  readonly config?: Readonly<Record<string, unknown>>;
  readonly exit?: number;
  /** Where `config set` found its value: on the command line or on stdin. */
  readonly valueOn?: "argv" | "stdin";
  /** The value `config set` read from stdin. */
  readonly value?: string;
}

/** `stack select dev-owner`, `config set rds-secret-share:dbPassword dev-owner --secret`: a call without its values. */
export function describeCall(argv: readonly string[]): string {
  const firstFlag = argv.findIndex((a) => a.startsWith("--"));
  const words = argv.slice(0, firstFlag < 0 ? argv.length : firstFlag);
  const at = argv.indexOf("--stack");
  const stack = at >= 0 ? [argv[at + 1]] : [];
  const marks = ["--secret", "--show-secrets"].filter((f) => argv.includes(f));
  return [...words, ...stack, ...marks].join(" ");
}

export interface FakeOptions {
  /** FAKE_PULUMI_FAIL: "<command> <stack>" → {diagnostic | stderr, code, hang}. */
  readonly fail?: object;
  /** FAKE_PULUMI_OUTPUTS: stack → outputs to replace (null removes one). */
  readonly outputs?: object;
  readonly env?: Record<string, string>;
  /** Whether PULUMI_CONFIG_PASSPHRASE is set. @default true */
  readonly passphrase?: boolean;
}

export class Project {
  readonly root: string;
  readonly logFile: string;
  /** Everything the driver passed to `progress`. */
  readonly progress: string[] = [];

  constructor() {
    this.root = mkdtempSync(path.join(os.tmpdir(), "rds-driver-"));
    this.logFile = path.join(this.root, "fake-pulumi.log");
    for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml"]) {
      cpSync(path.join(PROJECT_ROOT, file), path.join(this.root, file));
    }
  }

  /** Driver options for this project; `fail` and `outputs` steer the fake (see fake/cli.js). */
  async options(extra: FakeOptions & DriverOptions = {}) {
    const { fail, outputs, env, passphrase = true, ...rest } = extra;
    return {
      root: this.root,
      pulumiCommand: await fakePulumi(),
      progress: (t: string) => void this.progress.push(t),
      // The fake CLI stands in for Pulumi only; preflight's own tests mock AWS.
      preflight: false,
      ...rest,
      env: {
        ...(passphrase ? { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE } : {}),
        FAKE_PULUMI_LOG: this.logFile,
        FAKE_PULUMI_FAIL: JSON.stringify(fail ?? {}),
        FAKE_PULUMI_OUTPUTS: JSON.stringify(outputs ?? {}),
        ...env,
      },
    } satisfies DriverOptions;
  }

  entries(): LogEntry[] {
    if (!existsSync(this.logFile)) {
      return [];
    }
    return readFileSync(this.logFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogEntry);
  }

  /** The values `config set` received on stdin, in order. */
  stdinValues(): string[] {
    return this.entries().flatMap((e) => (e.event === "config set" && e.value !== undefined ? [e.value] : []));
  }

  invocations(): Invocation[] {
    return this.entries().filter((e): e is Invocation => e.argv !== undefined);
  }

  /** Each CLI run, described, in order. */
  calls(): string[] {
    return this.invocations().map((i) => describeCall(i.argv));
  }

  /** The config a stack had when the fake ran `up`/`preview`/`destroy` on it (secrets as [secure]). */
  configAt(stack: string): Readonly<Record<string, unknown>>[] {
    return this.entries()
      .filter((e) => e.event === "config" && e.stack === stack)
      .map((e) => e.config ?? {});
  }

  clearLog(): void {
    writeFileSync(this.logFile, "");
    this.progress.length = 0;
  }

  file(name: string): string {
    return readFileSync(path.join(this.root, name), "utf8");
  }

  /** A stack's settings file, parsed. */
  settings(stack: string): { config?: Record<string, unknown>; encryptionsalt?: string } {
    return parse(this.file(`Pulumi.${stack}.yaml`)) as { config?: Record<string, unknown> };
  }

  /** Edits a stack's settings file. */
  editSettings(stack: string, edit: (settings: { config?: Record<string, unknown> }) => void): void {
    const settings = this.settings(stack);
    edit(settings);
    writeFileSync(path.join(this.root, `Pulumi.${stack}.yaml`), stringify(settings));
  }

  /** The lock a killed `pulumi up` leaves behind in the file backend. */
  leaveLock(stack: string): void {
    const dir = path.join(this.root, ".pulumi-state", ".pulumi", "locks", "organization", "rds-secret-share", stack);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "killed.json"), "{}");
  }

  /** Edits Pulumi.dev.yaml's config. */
  editEnvironment(edit: (config: Record<string, unknown>) => void, env = "dev"): void {
    const file = path.join(this.root, `Pulumi.${env}.yaml`);
    const doc = parse(readFileSync(file, "utf8")) as { config: Record<string, unknown> };
    edit(doc.config);
    writeFileSync(file, stringify(doc));
  }
}

/** A project removed after the enclosing describe. */
export function newProject(): Project {
  const p = new Project();
  after(() => rmSync(p.root, { recursive: true, force: true }));
  return p;
}

/** Waits (bounded by the test's timeout) until `ready` holds. */
export async function until(ready: () => boolean): Promise<void> {
  while (!ready()) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Pulumi settings of the machine running the tests must not leak into them. */
export function isolateEnvironment(): void {
  const names = [
    "PULUMI_BACKEND_URL",
    "PULUMI_CONFIG_PASSPHRASE",
    "PULUMI_CONFIG_PASSPHRASE_FILE",
    "PULUMI_NODEJS_TRANSPILE_ONLY",
  ];
  const saved: Record<string, string | undefined> = {};
  before(() => {
    for (const n of names) {
      saved[n] = process.env[n];
      delete process.env[n];
    }
  });
  after(() => {
    for (const n of names) {
      if (saved[n] !== undefined) {
        process.env[n] = saved[n];
      }
    }
  });
}
