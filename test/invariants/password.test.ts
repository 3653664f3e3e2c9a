// The password is in no output, no log line, no error message, and is a secret in every input
// that carries it. Checked over every registration, so resources added later are covered too.

import { expect } from "chai";
import { OfflineRun } from "../../automation/offline/runtime";
import { offlinePassword } from "../../automation/offline/values";
import { captureOutput } from "../support/capture";
import { configWith, devConfig, only, runProgram } from "../support/program";

const PASSWORD_KEY = "rds-secret-share:dbPassword";
const CONFIGURED = "Configured-Pw-7f3a9c!x2Q";
const MARKER = "capture-marker-5d1e";

const withPassword = (password: string, edit: (c: Record<string, any>) => void = () => undefined) =>
  configWith((c) => {
    c[PASSWORD_KEY] = password;
    edit(c);
  });

/** Runs offline while capturing stdout and stderr; the marker proves the capture sees console output. */
async function capturedRun(config: Record<string, unknown>, secretKeys: string[] = []) {
  return captureOutput(async () => {
    console.log(MARKER);
    return runProgram(config, { secretKeys });
  });
}

/** Every registration input that contains the password, as `<resource name>.<input>`. */
function carriers(run: OfflineRun, password: string): string[] {
  return run.registrations.flatMap((r) =>
    Object.keys(r.inputs)
      .filter((k) => JSON.stringify(r.inputs[k]).includes(password))
      .map((k) => `${r.name}.${k}`),
  );
}

/** The same inputs, where the runtime recorded them as secret. */
function secretCarriers(run: OfflineRun, password: string): string[] {
  return run.registrations.flatMap((r) =>
    Object.keys(r.inputs)
      .filter((k) => JSON.stringify(r.inputs[k]).includes(password) && r.secretInputs.includes(k))
      .map((k) => `${r.name}.${k}`),
  );
}

function expectContained(run: OfflineRun, password: string, logs: string): void {
  // The initial version carries it, as a secret; nothing else carries it at all.
  expect(carriers(run, password)).to.deep.equal(["share-owner-secret-initial.secretString"]);
  expect(secretCarriers(run, password)).to.deep.equal(carriers(run, password));
  const version = only(run, "aws:secretsmanager/secretVersion:SecretVersion");
  expect(version.additionalSecretOutputs).to.include("secretString");
  expect(JSON.parse(String(version.inputs.secretString)).password).to.equal(password);
  // Nowhere else: outputs, data source calls, settings, anything printed.
  expect(JSON.stringify(run.outputs)).not.to.include(password);
  expect(JSON.stringify(run.invokes)).not.to.include(password);
  expect(JSON.stringify(run.settings)).not.to.include(password);
  expect(logs).to.include(MARKER);
  expect(logs).not.to.include(password);
}

describe("invariant: the password never leaks", () => {
  it("GIVEN dbPassword set as a secret THEN it is only in the initial version's secretString, as a secret", async () => {
    const { result, text, error } = await capturedRun(withPassword(CONFIGURED), [PASSWORD_KEY]);
    expect(error).to.equal(undefined);
    expectContained(result as OfflineRun, CONFIGURED, text);
  });

  it("GIVEN no dbPassword THEN the generated one is only in the initial version, and RandomPassword's result is secret", async () => {
    const { result, text, error } = await capturedRun(devConfig());
    expect(error).to.equal(undefined);
    const run = result as OfflineRun;
    const generator = only(run, "random:index/randomPassword:RandomPassword");
    expect(generator.additionalSecretOutputs).to.include("result");
    expectContained(run, offlinePassword(generator.name), text);
  });

  it("GIVEN the driver's split stacks THEN the consumer stack never sees the password", async () => {
    const owner = await runProgram(
      withPassword(CONFIGURED, (c) => (c["rds-secret-share:part"] = "owner")),
      {
        stack: "dev-owner",
        secretKeys: [PASSWORD_KEY],
      },
    );
    const { result, text } = await capturedRun(
      configWith((c) => {
        c["rds-secret-share:part"] = "consumer";
        c["rds-secret-share:secretArn"] = owner.outputs.secretArn;
        c["rds-secret-share:kmsKeyArn"] = owner.outputs.kmsKeyArn;
      }),
    );
    expect(carriers(owner, CONFIGURED)).to.deep.equal(["share-owner-secret-initial.secretString"]);
    expect(JSON.stringify(result)).not.to.include(CONFIGURED);
    expect(text).not.to.include(CONFIGURED);
  });

  const failures: [string, Record<string, unknown>, string[]][] = [
    ["another key is invalid", withPassword(CONFIGURED, (c) => (c["rds-secret-share:part"] = "both")), [PASSWORD_KEY]],
    ["it is in plain text", withPassword(CONFIGURED), []],
    ["it breaks the character rules", withPassword(`${CONFIGURED}@/`), [PASSWORD_KEY]],
    [
      "it is too long for MySQL",
      withPassword(CONFIGURED.repeat(2), (c) => (c["rds-secret-share:database"].engine = "mysql")),
      [PASSWORD_KEY],
    ],
  ];
  for (const [why, config, secretKeys] of failures) {
    it(`GIVEN a dbPassword WHEN the run fails because ${why} THEN neither the error nor the output shows it`, async () => {
      const password = String(config[PASSWORD_KEY]);
      const { error, text } = await capturedRun(config, secretKeys);
      expect(error).to.be.instanceOf(Error);
      const e = error as Error & { problems?: unknown };
      expect(e.message).to.match(/^rds-secret-share:|configuration problems/);
      expect(e.message).not.to.include(password);
      expect(JSON.stringify(e.problems)).not.to.include(password);
      expect(String(e.stack)).not.to.include(password);
      expect(text).to.include(MARKER);
      expect(text).not.to.include(password);
    });
  }
});
