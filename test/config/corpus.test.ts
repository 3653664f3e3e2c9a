import { expect } from "chai";
import { toRuntimeConfig } from "../../automation/environment";
import { OWNER_KEYS } from "../../infra/config/accounts";
import { CONSUMER_KEYS, TASK_KEYS } from "../../infra/config/consumers";
import { DATABASE_KEYS } from "../../infra/config/database";
import { NAMESPACE } from "../../infra/config/keys";
import { ConfigError } from "../../infra/config/problems";
import { ROTATION_KEYS } from "../../infra/config/rotation";
import { SECRET_KEYS } from "../../infra/config/secret";
import { CONFIG_KEYS, validateConfig } from "../../infra/config/validate";
import { ROOT_STACK, runProgramBare } from "../support/bare";
import { configWith, runProgram } from "../support/program";
import { BadInput, configOf, CORPUS } from "./corpus";
import { writeReport } from "../support/reports";

function validate(input: BadInput): unknown {
  try {
    validateConfig(toRuntimeConfig(configOf(input)), {
      project: "rds-secret-share",
      stack: input.stack ?? "dev",
      isSecret: (k) => (input.secretKeys ?? []).includes(k),
    });
  } catch (err) {
    return err;
  }
  return undefined;
}

/** A key as a path of names, indices dropped: `rds-secret-share:consumers[1].name` → `consumers.name`. */
function pathOf(key: string): string {
  return key.slice(NAMESPACE.length + 1).replace(/\[\d+\]/g, "");
}

function expectRejected(err: unknown, input: BadInput): void {
  expect(err, input.title).to.be.instanceOf(ConfigError);
  const e = err as ConfigError;
  expect(
    e.problems.map((p) => p.key),
    input.title,
  ).to.include(input.key);
  expect(e.message, input.title).to.include(`${input.key}: got `);
  if (input.message !== undefined) {
    expect(e.message, input.title).to.equal(input.message);
  }
}

describe("bad input: a corpus of invalid configurations", () => {
  it(`has at least 40 entries (${CORPUS.length}) with distinct titles, asserting the exact message for most`, () => {
    expect(CORPUS.length).to.be.at.least(40);
    expect(new Set(CORPUS.map((c) => c.title)).size).to.equal(CORPUS.length);
    const exact = CORPUS.filter((c) => c.message !== undefined).length;
    writeReport("corpus", `${CORPUS.length} invalid configurations, ${exact} with the exact message asserted`);
    expect(exact).to.be.greaterThan(CORPUS.length / 2);
  });

  it("names every key the validator accepts at least once", () => {
    const required = [
      ...CONFIG_KEYS,
      ...OWNER_KEYS.map((k) => `owner.${k}`),
      ...DATABASE_KEYS.map((k) => `database.${k}`),
      ...SECRET_KEYS.map((k) => `secret.${k}`),
      ...ROTATION_KEYS.map((k) => `rotation.${k}`),
      ...CONSUMER_KEYS.map((k) => `consumers.${k}`),
      ...TASK_KEYS.map((k) => `consumers.taskDefinition.${k}`),
      "consumers.restartServices.cluster",
    ];
    const named = CORPUS.map((c) => pathOf(c.key));
    const missing = required.filter((k) => !named.some((n) => n === k || n.startsWith(`${k}.`)));
    expect(missing).to.deep.equal([]);
  });

  it("control: a valid owner-only config run the same way registers its resources", async () => {
    // GIVEN config the program accepts (owner side, no rotation: nothing it reads from AWS)
    const valid = configWith((c) => {
      c["rds-secret-share:part"] = "owner";
      delete c["rds-secret-share:rotation"];
      // Without rotation restartServices would only draw a warning on the console.
      delete c["rds-secret-share:consumers"][0].restartServices;
    });
    // WHEN infra/program.ts runs under the same recorder
    const run = await runProgramBare(valid);
    // THEN the recorder sees every registration, so an empty record above means nothing was registered
    expect(run.error).to.equal(undefined);
    expect(run.requests).to.include.members([
      `${ROOT_STACK}dev`,
      "rds-secret-share:share:SecretShare::share",
      "aws:kms/key:Key::share-owner-kms-key",
      "aws:secretsmanager/secret:Secret::share-owner-secret-secret",
    ]);
  });

  for (const input of CORPUS) {
    it(`${input.title}: validateConfig rejects it, naming ${input.key}`, () => {
      expectRejected(validate(input), input);
    });
  }

  // The program and the offline run call validateConfig themselves; what they add is the way
  // config reaches it (runtime values, secrets), which one entry per top-level key exercises.
  describe("the same rejection through the program, one entry per top-level key", () => {
    const samples = CORPUS.filter(
      (input, i) => CORPUS.findIndex((c) => topLevelKey(c.key) === topLevelKey(input.key)) === i,
    );

    for (const input of samples) {
      describe(input.title, () => {
        it("the offline run rejects it with the same error before the program starts", async () => {
          let error: unknown;
          try {
            await runProgram(configOf(input), { stack: input.stack, secretKeys: input.secretKeys });
          } catch (err) {
            error = err;
          }
          expectRejected(error, input);
          expect((error as Error).message).to.equal((validate(input) as Error).message);
        });

        it("infra/program.ts itself throws it having registered nothing", async () => {
          const run = await runProgramBare(configOf(input), { stack: input.stack, secretKeys: input.secretKeys });
          expectRejected(run.error, input);
          expect(run.requests).to.deep.equal([`${ROOT_STACK}${input.stack ?? "dev"}`]);
        });
      });
    }
  });
});

/** `rds-secret-share:consumers[1].taskDefinition.cpu` → `consumers`. */
function topLevelKey(key: string): string {
  return pathOf(key).split(".")[0];
}
