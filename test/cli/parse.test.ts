// The command line, parsed from the one table of commands and flags: what runs, what is help, and
// the exact message of every usage error (exit 2).

import { expect } from "chai";
import { COMMAND_SPECS, commandUsage, usage } from "../../automation/cli/commands";
import { parseCommandLine } from "../../automation/cli/parse";
import { UsageError } from "../../automation/cli/usage";
import { thrown } from "../support/errors";
import { runMain } from "./cli";

function usageError(argv: string[]): string {
  const err = thrown(() => parseCommandLine(argv));
  expect(err).to.be.instanceOf(UsageError);
  return err.message;
}

describe("command line: parsing", () => {
  it("GIVEN a command, an environment and its flags THEN what to run, with every flag typed", () => {
    expect(parseCommandLine(["db-user", "dev", "--dry-run", "--ca-bundle", "b.pem"])).to.deep.equal({
      kind: "run",
      command: "db-user",
      env: "dev",
      flags: { "dry-run": true, "ca-bundle": "b.pem" },
    });
    expect(parseCommandLine(["plan", "--format=mermaid", "dev", "--part", "owner"])).to.deep.equal({
      kind: "run",
      command: "plan",
      env: "dev",
      flags: { format: "mermaid", part: "owner" },
    });
  });

  it("GIVEN --help, -h or help, alone or after a command THEN help, of the command where one is named", () => {
    for (const argv of [["--help"], ["-h"], ["help"]]) {
      expect(parseCommandLine(argv), argv.join(" ")).to.deep.equal({ kind: "help" });
    }
    for (const argv of [
      ["deploy", "--help"],
      ["deploy", "dev", "-h"],
      ["help", "deploy"],
      ["deploy", "--yes", "-h"],
    ]) {
      expect(parseCommandLine(argv), argv.join(" ")).to.deep.equal({ kind: "help", command: "deploy" });
    }
  });

  it("GIVEN no command, or an unknown one THEN a usage error listing the commands", () => {
    expect(usageError([])).to.equal('no command given.\nRun "npx rds-secret-share --help" for the commands.');
    expect(usageError(["deplo", "dev"])).to.equal(
      'unknown command "deplo"; the commands are plan, preflight, preview, deploy, db-user, doctor, outputs, destroy.\n' +
        'Run "npx rds-secret-share --help" for the commands.',
    );
  });

  it("GIVEN an environment name that is not a stack name THEN a usage error naming it and what is allowed", () => {
    const problem = (cmd: string, env: string) =>
      `${cmd}: environment name ${JSON.stringify(env)} is not allowed; expected letters, digits, . _ - (starting with a letter or digit), as the <env> of Pulumi.<env>.yaml and of the stacks <env>-owner and <env>-consumer.\nRun "npx rds-secret-share ${cmd} --help" for its flags.`;
    for (const env of ["../x", "Dev!", "", "..", ".hidden", "a b"]) {
      expect(usageError(["deploy", env]), env).to.equal(problem("deploy", env));
    }
    expect(usageError(["plan", "pr/od", "--json"])).to.equal(problem("plan", "pr/od"));
    expect(parseCommandLine(["plan", "Dev_1.x-y"])).to.deep.equal({
      kind: "run",
      command: "plan",
      env: "Dev_1.x-y",
      flags: {},
    });
  });

  it("GIVEN no environment, or a second one THEN a usage error naming the command", () => {
    expect(usageError(["deploy", "--yes"])).to.equal(
      'deploy needs an environment name (the <env> of Pulumi.<env>.yaml) right after it.\nRun "npx rds-secret-share deploy --help" for its flags.',
    );
    expect(usageError(["outputs", "dev", "prod"])).to.equal(
      'outputs: unexpected argument "prod".\nRun "npx rds-secret-share outputs --help" for its flags.',
    );
  });

  it("GIVEN a flag the command does not take THEN it is named, with the flag meant and the flags taken", () => {
    expect(usageError(["db-user", "dev", "--dryrun"])).to.equal(
      "db-user: unknown flag --dryrun. Did you mean --dry-run? db-user takes --dry-run, --ca-bundle <file>, --no-tls, --yes, --json.\n" +
        'Run "npx rds-secret-share db-user --help" for its flags.',
    );
    expect(usageError(["outputs", "dev", "--yes"])).to.equal(
      'outputs: unknown flag --yes. outputs takes --json.\nRun "npx rds-secret-share outputs --help" for its flags.',
    );
    expect(usageError(["plan", "dev", "-x"])).to.match(/^plan: unknown flag -x\. plan takes --format <format>, /);
  });

  it("GIVEN a value on a switch, or a flag without its value THEN a usage error saying so", () => {
    expect(usageError(["deploy", "dev", "--json=yes"])).to.equal(
      'deploy: --json takes no value.\nRun "npx rds-secret-share deploy --help" for its flags.',
    );
    expect(usageError(["db-user", "dev", "--ca-bundle"])).to.equal(
      'db-user: --ca-bundle needs a value <file>, e.g. --ca-bundle global-bundle.pem.\nRun "npx rds-secret-share db-user --help" for its flags.',
    );
    expect(usageError(["plan", "dev", "--part", "--json"])).to.equal(
      'plan: --part needs a value <part>, e.g. --part all.\nRun "npx rds-secret-share plan --help" for its flags.',
    );
  });

  it("GIVEN a value that is not one of the choices, or two flags that exclude each other THEN a usage error", () => {
    expect(usageError(["plan", "dev", "--format", "svg"])).to.equal(
      '--format: got "svg"; expected one of text, json, mermaid.\nRun "npx rds-secret-share plan --help" for its flags.',
    );
    expect(usageError(["db-user", "dev", "--no-tls", "--ca-bundle", "b.pem"])).to.equal(
      '--no-tls and --ca-bundle are mutually exclusive. Choose a single approach.\nRun "npx rds-secret-share db-user --help" for its flags.',
    );
  });

  it("GIVEN plan --json with --format text or mermaid THEN a usage error naming both flags", () => {
    for (const format of ["text", "mermaid"]) {
      for (const argv of [
        ["plan", "dev", "--json", "--format", format],
        ["plan", "dev", `--format=${format}`, "--json"],
      ]) {
        expect(usageError(argv), argv.join(" ")).to.equal(
          `--json and --format ${format} cannot be given together: --json is --format json.\nRun "npx rds-secret-share plan --help" for its flags.`,
        );
      }
    }
    expect(parseCommandLine(["plan", "dev", "--json", "--format", "json"])).to.deep.equal({
      kind: "run",
      command: "plan",
      env: "dev",
      flags: { json: true, format: "json" },
    });
  });
});

describe("command line: help, generated from the table", () => {
  it("lists every command with its summary, the common flags and the exit codes", () => {
    const text = usage();
    const width = "preflight <env>".length;
    for (const spec of COMMAND_SPECS) {
      expect(text).to.include(`  ${`${spec.name} <env>`.padEnd(width)}  ${spec.summary}\n`);
    }
    expect(text).to.include("  preflight <env>  ask AWS, read-only, whether a deploy can work\n");
    expect(text).to.include("  --json      print one JSON document on stdout and nothing else\n");
    expect(text).to.include("  -h, --help  show this help\n");
    expect(text).to.include(
      "Exit codes: 0 success, 1 failure or findings, 2 usage or missing credentials, 130 interrupted.",
    );
  });

  it("gives each command its flags, one line each, and an example", () => {
    expect(commandUsage(COMMAND_SPECS.find((c) => c.name === "db-user")!)).to.equal(
      [
        "Usage: npx rds-secret-share db-user <env> [flags]",
        "",
        "Step ③: create or update the database user from the secret. Needs AWS credentials for the owner account and a route to the database.",
        "",
        "Flags:",
        "  --dry-run           say what would change; change nothing",
        "  --ca-bundle <file>  trust exactly the CAs in this PEM file",
        "  --no-tls            connect without TLS (a local server only)",
        "  --yes               accepted and ignored: db-user asks no questions",
        "  --json              print one JSON document on stdout and nothing else",
        "  -h, --help          show this help",
        "",
        "Examples:",
        "  npx rds-secret-share db-user dev --dry-run",
        "  npx rds-secret-share db-user dev --ca-bundle global-bundle.pem",
      ].join("\n"),
    );
  });

  it("names every flag of every command, each with a description, and at least one example per command", () => {
    for (const spec of COMMAND_SPECS) {
      const text = commandUsage(spec);
      for (const flag of spec.flags) {
        expect(flag.description, `${spec.name} --${flag.name}`).to.not.equal("");
        expect(text, spec.name).to.include(`--${flag.name}`);
      }
      expect(spec.examples.length, spec.name).to.be.greaterThan(0);
    }
  });
});

describe("command line: help and usage errors, through main()", () => {
  it("GIVEN --help, -h or help THEN the usage of every command on stdout, nothing on stderr, exit 0", async () => {
    for (const argv of [["--help"], ["-h"], ["help"]]) {
      expect(await runMain(argv), argv[0]).to.deep.equal({ code: 0, stdout: `${usage()}\n`, stderr: "" });
    }
  });

  it("GIVEN <command> --help THEN that command's flags and an example, exit 0, even without an environment", async () => {
    const deploy = COMMAND_SPECS.find((c) => c.name === "deploy")!;
    for (const argv of [
      ["deploy", "--help"],
      ["deploy", "dev", "-h"],
      ["help", "deploy"],
    ]) {
      expect(await runMain(argv), argv.join(" ")).to.deep.equal({
        code: 0,
        stdout: `${commandUsage(deploy)}\n`,
        stderr: "",
      });
    }
  });

  it("GIVEN db-user dev --dryrun THEN exit 2, the usage error alone on stderr", async () => {
    expect(await runMain(["db-user", "dev", "--dryrun"])).to.deep.equal({
      code: 2,
      stdout: "",
      stderr:
        "db-user: unknown flag --dryrun. Did you mean --dry-run? db-user takes --dry-run, --ca-bundle <file>, --no-tls, --yes, --json.\n" +
        'Run "npx rds-secret-share db-user --help" for its flags.\n',
    });
  });
});
