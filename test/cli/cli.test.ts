import { expect } from "chai";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { CLI_MISSING } from "../../automation/driver/session";
import { Checkout, CliRun, finished } from "./cli";
import { describeCall, isolateEnvironment, LogEntry, until } from "../driver/support";

function entries(c: Checkout): LogEntry[] {
  try {
    return readFileSync(c.logFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogEntry);
  } catch {
    return [];
  }
}

function calls(c: Checkout, from = 0): string[] {
  return entries(c)
    .slice(from)
    .flatMap((e) => (e.argv ? [describeCall(e.argv)] : []));
}

describe("the command line (main, in-process; as a process for signals and the exit code)", () => {
  isolateEnvironment();
  const c = new Checkout();
  after(() => c.remove());

  describe("GIVEN no Pulumi CLI installed", () => {
    it("WHEN plan dev runs THEN it works offline", async () => {
      const run = await c.run(["plan", "dev", "--json"], c.env({ pulumi: false }));
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stdout.endsWith("}\n") && run.stdout.indexOf("\n") === run.stdout.length - 1).to.equal(true);
      const json = JSON.parse(run.stdout) as { env: string; stack: string; part: string; accounts: { role: string }[] };
      expect([json.env, json.stack, json.part, json.accounts.map((a) => a.role)]).to.deep.equal([
        "dev",
        "dev",
        "all",
        ["owner", "consumer"],
      ]);
      expect(run.stderr).to.equal("");
    });

    it("WHEN deploy dev runs THEN it fails at once saying how to install the CLI and that plan works offline", async () => {
      const run = await c.run(["deploy", "dev", "--yes"], c.env({ pulumi: false }));
      expect(run).to.deep.equal({ code: 1, stdout: "", stderr: `${CLI_MISSING}\n` });
    });

    it("THEN the message names the commands that need the CLI and those that work without it", () => {
      expect(CLI_MISSING).to.equal(
        [
          "The Pulumi CLI was not found (no `pulumi` on PATH or in ~/.pulumi/bin); deploy, preview, destroy, outputs and doctor run it.",
          "Install it:  curl -fsSL https://get.pulumi.com | sh    (or: brew install pulumi/tap/pulumi; see https://www.pulumi.com/docs/install/)",
          "then open a new shell so that ~/.pulumi/bin is on PATH.",
          "Without it, these work: plan <env> (offline), preflight <env> and db-user <env> (AWS credentials).",
        ].join("\n"),
      );
    });
  });

  describe("GIVEN a settings file with a mistake and no Pulumi CLI", () => {
    const bad = (root: string) =>
      `${root}/Pulumi.bad.yaml, for the stack bad-owner:\nrds-secret-share:protect: got "maybe"; expected true or false.\n`;
    before(() => {
      const dev = readFileSync(path.join(c.root, "Pulumi.dev.yaml"), "utf8");
      writeFileSync(path.join(c.root, "Pulumi.bad.yaml"), dev.replace("protect: false", "protect: maybe"));
    });

    for (const args of [
      ["deploy", "bad", "--yes"],
      ["preview", "bad"],
    ]) {
      it(`WHEN ${args.join(" ")} runs THEN the mistake is reported before the missing CLI`, async () => {
        const run = await c.run(args, c.env({ pulumi: false }));
        expect(run).to.deep.equal({ code: 1, stdout: "", stderr: bad(c.root) });
      });
    }

    for (const args of [
      ["destroy", "bad", "--yes"],
      ["outputs", "bad"],
    ]) {
      it(`WHEN ${args.join(" ")} runs THEN the missing CLI is reported: these never validate the file first`, async () => {
        const run = await c.run(args, c.env({ pulumi: false }));
        expect(run).to.deep.equal({ code: 1, stdout: "", stderr: `${CLI_MISSING}\n` });
      });
    }
  });

  describe("GIVEN the fake Pulumi CLI on PATH", () => {
    let first: CliRun;
    let firstCalls: string[];

    before(async () => {
      first = await c.run(["deploy", "dev", "--no-preflight", "--yes", "--json"], c.env());
      firstCalls = calls(c);
    });

    it("WHEN deploy dev --yes --json runs THEN stdout holds one JSON document and nothing else", () => {
      expect(first.code, first.stderr).to.equal(0);
      expect(first.stdout.split("\n")).to.have.length(2);
      const json = JSON.parse(first.stdout) as {
        owner: { stack: string; changes: object };
        consumer: { stack: string; changes: object };
      };
      expect([json.owner.stack, json.consumer.stack]).to.deep.equal(["dev-owner", "dev-consumer"]);
      const created = (n: number) => ({ created: n, updated: 0, replaced: 0, deleted: 0, unchanged: 0 });
      expect([json.owner.changes, json.consumer.changes]).to.deep.equal([created(9), created(4)]);
      // Pulumi's progress is not dropped: it goes to stderr, under each stack's header.
      expect(first.stderr).to.match(/^\n=== dev-owner: pulumi up ===\nUpdating \(dev-owner\):/);
      expect(first.stderr).to.include("\n=== dev-consumer: pulumi up ===\nUpdating (dev-consumer):");
    });

    it("AND the first deploy runs the CLI 14 times, `pulumi version` first", () => {
      expect(firstCalls).to.have.length(14);
      expect(firstCalls[0]).to.equal("version");
    });

    it("AND the password is nowhere in what was printed", () => {
      const password = entries(c).find((e) => e.event === "config set")?.value ?? "";
      expect(password).to.have.length(40);
      expect(first.stdout + first.stderr).not.to.include(password);
    });

    it("WHEN deploy dev runs again THEN it runs the CLI 11 times and prints Pulumi's output under stack headers", async () => {
      const from = entries(c).length;
      const again = await c.run(["deploy", "dev", "--no-preflight", "--yes"], c.env());
      expect(again.code, again.stderr).to.equal(0);
      expect(calls(c, from)).to.have.length(11);
      expect(again.stdout).to.match(/^\n=== dev-owner: pulumi up ===\nUpdating \(dev-owner\):/);
      expect(again.stdout).to.include(
        "\nDeployed dev.\ndev-owner: 9 unchanged\ndev-consumer: 4 unchanged\n\ndev-owner\n  secretArn ",
      );
      // The deploy points to step ③, which no stack performs.
      expect(again.stdout).to.match(
        /\n\nNext, step ③: npx rds-secret-share db-user dev {2}— creates or updates the database user app_user on app-db\.abcdefghijkl\.ap-northeast-1\.rds\.amazonaws\.com:5432 with the secret's password \(run it where the database is reachable; --dry-run to look first\)\.\n$/,
      );
    });

    it("WHEN deploy runs without --yes and the answer is no THEN nothing is touched", async () => {
      const from = entries(c).length;
      const run = await c.run(["deploy", "dev", "--no-preflight"], c.env(), "n\n");
      expect(run.code).to.equal(1);
      expect(run.stderr).to.equal(
        `Deploy dev: dev-owner (account 111111111111, ap-northeast-1), then dev-consumer (account 222222222222), state in file://${c.root}/.pulumi-state? [y/N] Not confirmed: nothing was changed.\n`,
      );
      expect(calls(c, from)).to.deep.equal(["version"]);
    });

    it("WHEN Ctrl-C comes at the deploy's question THEN nothing is touched and it exits 130", async () => {
      const from = entries(c).length;
      const child = c.start(["deploy", "dev", "--no-preflight"], c.env());
      const done = finished(child, null);
      let asked = "";
      child.stderr?.on("data", (d: Buffer) => (asked += d.toString()));
      await until(() => asked.includes("[y/N]"));
      child.kill("SIGINT");
      const run = await done;
      expect(run.code).to.equal(130);
      expect(run.stderr).to.equal(
        `Deploy dev: dev-owner (account 111111111111, ap-northeast-1), then dev-consumer (account 222222222222), state in file://${c.root}/.pulumi-state? [y/N] ` +
          "\nInterrupted: cancelling the running operation; no further stack will start.\n" +
          "Interrupted: nothing was changed.\n",
      );
      expect(calls(c, from)).to.deep.equal(["version"]);
    });

    it("WHEN destroy runs without --yes and no answer comes THEN nothing is destroyed", async () => {
      const from = entries(c).length;
      const run = await c.run(["destroy", "dev"], c.env());
      expect(run.code).to.equal(1);
      expect(run.stderr).to.match(
        /Type the environment name \(dev\) to confirm: Not confirmed: nothing was changed\.\n$/,
      );
      expect(calls(c, from)).to.deep.equal(["version"]);
    });

    it("WHEN destroy runs and the environment name is typed THEN the consumer, then the owner, is destroyed", async () => {
      const from = entries(c).length;
      const run = await c.run(["destroy", "dev", "--json"], c.env(), "dev\n");
      expect(run.code, run.stderr).to.equal(0);
      expect(JSON.parse(run.stdout)).to.deep.equal({
        env: "dev",
        stacks: [
          {
            stack: "dev-consumer",
            destroyed: true,
            changes: { created: 0, updated: 0, replaced: 0, deleted: 4, unchanged: 0 },
          },
          {
            stack: "dev-owner",
            destroyed: true,
            changes: { created: 0, updated: 0, replaced: 0, deleted: 9, unchanged: 0 },
          },
        ],
      });
      expect(calls(c, from).filter((x) => x.startsWith("destroy"))).to.deep.equal([
        "destroy dev-consumer",
        "destroy dev-owner",
      ]);
    });

    it("WHEN Ctrl-C comes during the owner's update THEN the CLI cancels it once, starts no consumer and exits 130", async () => {
      const from = entries(c).length;
      const env = c.env({ extra: { FAKE_PULUMI_FAIL: JSON.stringify({ "up dev-owner": { hang: true } }) } });
      const child = c.start(["deploy", "dev", "--no-preflight", "--yes"], env);
      const done = finished(child);
      await until(() =>
        entries(c)
          .slice(from)
          .some((e) => e.event === "waiting"),
      );
      child.kill("SIGINT");
      const run = await done;
      expect(run.code).to.equal(130);
      expect(run.stderr).to.equal(
        "\nInterrupted: cancelling the running operation; no further stack will start.\n" +
          "Interrupted: dev-owner: pulumi up was cancelled. dev-consumer was not started.\n",
      );
      const later = entries(c).slice(from);
      expect(later.filter((e) => e.signal === "SIGINT").map((e) => e.count)).to.deep.equal([1]);
      expect(later.some((e) => e.argv?.includes("dev-consumer"))).to.equal(false);
    });
  });

  describe("GIVEN a wrong command line", () => {
    it("THEN it exits 2 with the problem and where the help is, nothing on stdout", async () => {
      const run = await c.run(["deploy", "dev", "--no-preflight", "--force"], c.env());
      expect(run).to.deep.equal({
        code: 2,
        stdout: "",
        stderr:
          'deploy: unknown flag --force. deploy takes --yes, --no-preflight, --strict, --json.\nRun "npx rds-secret-share deploy --help" for its flags.\n',
      });
    });

    it("AS a process THEN the process exits with that code, the message on stderr and nothing on stdout", async () => {
      const run = await finished(c.start(["deploy", "dev", "--force"], c.env()));
      expect(run).to.deep.equal({
        code: 2,
        stdout: "",
        stderr:
          'deploy: unknown flag --force. deploy takes --yes, --no-preflight, --strict, --json.\nRun "npx rds-secret-share deploy --help" for its flags.\n',
      });
    });

    it("WHEN plan gets an unknown format THEN it exits 2 with plan's message alone", async () => {
      const run = await c.run(["plan", "dev", "--format", "svg"], c.env({ pulumi: false }));
      expect(run).to.deep.equal({
        code: 2,
        stdout: "",
        stderr:
          '--format: got "svg"; expected one of text, json, mermaid.\nRun "npx rds-secret-share plan --help" for its flags.\n',
      });
    });
  });

  describe("GIVEN no AWS credentials at all", () => {
    it("WHEN db-user dev --json runs as a process THEN exit 2, naming the role, its source and how to provide them", async () => {
      const env = c.env({ pulumi: false, extra: { AWS_EC2_METADATA_DISABLED: "true" } });
      const run = await finished(c.start(["db-user", "dev", "--json"], env));
      const message =
        'db-user: could not assume the role arn:aws:iam::111111111111:role/deployer (rds-secret-share:owner.assumeRoleArn) with the ambient AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, an SSO login or an instance role) to read the shared secret "rds/dev/app_user": CredentialsProviderError: Could not load credentials from any providers. The source credentials are missing, expired or not valid. Provide credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or aws sso login), or set rds-secret-share:owner.profile to a profile of account 111111111111.';
      expect(run).to.deep.equal({
        code: 2,
        stdout: `${JSON.stringify({ error: { message, exitCode: 2 } })}\n`,
        stderr: `${message}\n`,
      });
    });
  });

  describe("GIVEN an environment name that cannot name a stack", () => {
    it("THEN a usage error (exit 2) naming it, before anything is read", async () => {
      const run = await c.run(["deploy", "../x", "--yes"], c.env({ pulumi: false }));
      expect(run).to.deep.equal({
        code: 2,
        stdout: "",
        stderr:
          'deploy: environment name "../x" is not allowed; expected letters, digits, . _ - (starting with a letter or digit), as the <env> of Pulumi.<env>.yaml and of the stacks <env>-owner and <env>-consumer.\nRun "npx rds-secret-share deploy --help" for its flags.\n',
      });
    });
  });

  describe("GIVEN an invalid environment file", () => {
    it("THEN the message is printed alone, without a stack trace, and the exit code is 1", async () => {
      // The stack files the driver wrote beside Pulumi.dev.yaml are not environments.
      expect(existsSync(path.join(c.root, "Pulumi.dev-owner.yaml"))).to.equal(true);
      const run = await c.run(["deploy", "nope", "--yes"], c.env());
      expect(run.code).to.equal(1);
      expect(run.stderr).to.equal(
        `no settings file Pulumi.nope.yaml in ${c.root}; environments here: bad, dev. Create it (see Pulumi.dev.yaml for a complete example) or name one of those.\n`,
      );
    });
  });
});
