// --json on a failure: stdout holds exactly one JSON document, {"error":{"message","exitCode"}},
// while stderr keeps the message for people (with the stack trace, for a bug) and the exit code
// stays what it is without --json.

import { expect } from "chai";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { Readable, Writable } from "node:stream";
import { main } from "../../automation/cli/main";
import { CLI_MISSING } from "../../automation/driver/session";
import { isolateEnvironment } from "../driver/support";
import { Checkout, CliRun } from "./cli";

/** The run, with its stdout parsed: it must be one JSON document alone on its line. */
function jsonOf(run: CliRun): unknown {
  expect(run.stdout.indexOf("\n"), run.stdout).to.equal(run.stdout.length - 1);
  return JSON.parse(run.stdout);
}

function failure(message: string, exitCode: number): unknown {
  return { error: { message, exitCode } };
}

describe("the command line with --json, when the command fails", () => {
  isolateEnvironment();
  const c = new Checkout();
  before(() => writeFileSync(path.join(c.root, "Pulumi.yaml.pem"), "not a certificate\n"));
  after(() => c.remove());

  it("GIVEN a usage error THEN the JSON error on stdout, the message on stderr, exit 2", async () => {
    const run = await c.run(["deploy", "dev", "--json", "--force"], c.env());
    const message =
      'deploy: unknown flag --force. deploy takes --yes, --no-preflight, --strict, --json.\nRun "npx rds-secret-share deploy --help" for its flags.';
    expect(run.code).to.equal(2);
    expect(run.stderr).to.equal(`${message}\n`);
    expect(jsonOf(run)).to.deep.equal(failure(message, 2));
  });

  it("GIVEN no settings file THEN the JSON error, exit 1", async () => {
    const run = await c.run(["plan", "nope", "--json"], c.env({ pulumi: false }));
    const message = `no settings file Pulumi.nope.yaml in ${c.root}; environments here: dev. Create it (see Pulumi.dev.yaml for a complete example) or name one of those.`;
    expect(run).to.deep.equal({
      code: 1,
      stdout: `${JSON.stringify(failure(message, 1))}\n`,
      stderr: `${message}\n`,
    });
  });

  it("GIVEN a config error THEN the JSON error names the key, exit 1", async () => {
    writeFileSync(path.join(c.root, "Pulumi.bad.yaml"), "config:\n  rds-secret-share:protect: maybe\n");
    const run = await c.run(["deploy", "bad", "--json", "--yes"], c.env({ pulumi: false }));
    expect(run.code).to.equal(1);
    const json = jsonOf(run) as { error: { message: string; exitCode: number } };
    expect(json.error.message).to.include('rds-secret-share:protect: got "maybe"; expected true or false.');
    expect(`${json.error.message}\n`).to.equal(run.stderr);
    expect(json.error.exitCode).to.equal(1);
  });

  it("GIVEN no Pulumi CLI THEN the JSON error is the install message, exit 1", async () => {
    const run = await c.run(["outputs", "dev", "--json"], c.env({ pulumi: false }));
    expect(run).to.deep.equal({
      code: 1,
      stdout: `${JSON.stringify(failure(CLI_MISSING, 1))}\n`,
      stderr: `${CLI_MISSING}\n`,
    });
  });

  it("GIVEN a driver error (outputs of stacks never deployed) THEN the JSON error, exit 1", async () => {
    const run = await c.run(["outputs", "dev", "--json"], c.env());
    const message = `dev-owner: no such stack in file://${c.root}/.pulumi-state. Deploy the environment first, or set PULUMI_BACKEND_URL to the backend that holds it.`;
    expect(run).to.deep.equal({
      code: 1,
      stdout: `${JSON.stringify(failure(message, 1))}\n`,
      stderr: `${message}\n`,
    });
  });

  it("GIVEN a db-user error THEN the JSON error, exit 1", async () => {
    const pem = path.join(c.root, "Pulumi.yaml.pem");
    const run = await c.run(["db-user", "dev", "--json", "--ca-bundle", pem], c.env({ pulumi: false }));
    const message = `db-user: --ca-bundle ${pem}: no PEM certificate in the file; expected CA certificates such as https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem.`;
    expect(run).to.deep.equal({
      code: 1,
      stdout: `${JSON.stringify(failure(message, 1))}\n`,
      stderr: `${message}\n`,
    });
  });

  it("GIVEN a bug THEN the JSON error holds the message alone; the stack trace goes to stderr only", async () => {
    const collect = () => {
      const chunks: string[] = [];
      const stream = new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk.toString()), done()) });
      return { stream, text: () => chunks.join("") };
    };
    const [stdout, stderr] = [collect(), collect()];
    // A root that is not a path: path.join throws a TypeError, which no command expects.
    const code = await main(["plan", "dev", "--json"], {
      stdout: stdout.stream,
      stderr: stderr.stream,
      stdin: Readable.from([]),
      env: c.env({ pulumi: false }),
      root: 42 as unknown as string,
    });
    const message = 'The "path" argument must be of type string. Received type number (42)';
    expect(code).to.equal(1);
    expect(stdout.text()).to.equal(`${JSON.stringify(failure(message, 1))}\n`);
    expect(stderr.text()).to.match(/^TypeError \[ERR_INVALID_ARG_TYPE\]: The "path" argument .*\n {4}at /);
  });

  it("GIVEN the same failure without --json THEN stdout stays empty", async () => {
    const run = await c.run(["outputs", "dev"], c.env({ pulumi: false }));
    expect(run).to.deep.equal({ code: 1, stdout: "", stderr: `${CLI_MISSING}\n` });
  });
});
