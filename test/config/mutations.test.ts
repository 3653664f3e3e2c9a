import { expect } from "chai";
import fc from "fast-check";
import { toRuntimeConfig } from "../../automation/environment";
import { NAMESPACE } from "../../infra/config/keys";
import { ConfigError } from "../../infra/config/problems";
import { ENGINES, PARTS, ROTATION_STRATEGIES } from "../../infra/config/types";
import { validateConfig } from "../../infra/config/validate";
import { STACK, validConfig } from "../support/arbitraries";
import { getAt, setAt } from "./edit";
import { writeReport } from "../support/reports";

/** Kept modest; each run is one validateConfig call. */
const RUNS = 300;

/** One way to break one key: where, and a generator of values that key must refuse. */
interface Mutation {
  readonly path: string;
  readonly value: fc.Arbitrary<unknown>;
}

const notIn = (allowed: readonly unknown[]): fc.Arbitrary<unknown> =>
  fc.oneof(fc.string(), fc.integer(), fc.boolean()).filter((v) => !allowed.includes(v));
const badAccount = fc.oneof(
  fc.stringMatching(/^\d{1,11}$/),
  fc.stringMatching(/^\d{13,14}$/),
  fc.stringMatching(/^\d{11}[a-z]$/),
  fc.integer({ min: 100000000000, max: 999999999999 }),
);
const badRegion = fc.constantFrom("tokyo", "cn-north-1", "us-gov-west-1", "eu-west", "EU-WEST-1", "", 1);
const outOfRange = (min: number, max: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.integer({ max: min - 1 }),
    fc.integer({ min: max + 1 }),
    fc.double({ min, max, noInteger: true, noNaN: true }),
    fc.integer({ min, max }).map(String),
  );
const roleIn = (account: string): string => `arn:aws:iam::${account}:role/somebody`;

/** The mutations that apply to a config: every scalar key of the configuration reference, in each consumer too. */
function mutationsOf(config: Record<string, unknown>): Mutation[] {
  const owner = String(getAt(config, "owner.accountId"));
  const consumers = getAt(config, "consumers") as Record<string, unknown>[];
  const foreign = String(consumers[0].accountId);
  const list: Mutation[] = [
    { path: "part", value: notIn(PARTS) },
    { path: "protect", value: notIn([true, false, "true", "false"]) },
    { path: "owner.accountId", value: badAccount },
    { path: "owner.region", value: badRegion },
    {
      path: "owner.assumeRoleArn",
      value: fc.constantFrom(roleIn(foreign), "deployer", `arn:aws:iam::${owner}:user/x`),
    },
    { path: "owner.keyAdminArns", value: fc.constantFrom([], "arn", {}) },
    { path: "owner.keyAdminArns[0]", value: fc.constantFrom("*", roleIn(foreign), `arn:aws:iam::${owner}:root`) },
    { path: "database.engine", value: notIn(ENGINES) },
    { path: "database.host", value: fc.constantFrom("db host", "-db", "db_.example.com", "", 5432) },
    { path: "database.port", value: outOfRange(1, 65535) },
    { path: "database.dbname", value: fc.constantFrom("1db", "db-name", "", "d".repeat(64)) },
    { path: "database.username", value: fc.constantFrom("root", "postgres", "1user", "app-user", "", "u".repeat(64)) },
    { path: "secret.name", value: fc.constantFrom("has space", "name#1", "", "x".repeat(513)) },
    { path: "secret.recoveryWindowInDays", value: outOfRange(7, 30) },
    { path: "consumers", value: fc.constantFrom([], {}, "app") },
  ];
  consumers.forEach((_, i) => {
    const c = `consumers[${i}]`;
    list.push(
      { path: `${c}.name`, value: fc.constantFrom("App", "-app", "app_1", "", "a".repeat(33)) },
      { path: `${c}.accountId`, value: badAccount },
      { path: `${c}.region`, value: badRegion },
      {
        path: `${c}.executionRoleArn`,
        value: fc.constantFrom(roleIn(owner), "role/app", `arn:aws:iam::${foreign}:user/app`),
      },
      {
        path: `${c}.taskDefinition.cpu`,
        value: fc.integer().filter((n) => ![256, 512, 1024, 2048, 4096, 8192, 16384].includes(n)),
      },
      { path: `${c}.taskDefinition.memory`, value: fc.constantFrom(256, 4096, 513, "512") },
      { path: `${c}.taskDefinition.image`, value: fc.constantFrom("App:1", "app:", "/app", "app//x", "") },
    );
  });
  if (getAt(config, "rotation") !== undefined) {
    list.push(
      {
        path: "rotation.scheduleExpression",
        value: fc.oneof(
          fc.integer({ min: 0, max: 3 }).map((n) => `rate(${n} hours)`),
          fc.integer({ min: 1000, max: 5000 }).map((n) => `rate(${n} days)`),
          fc.integer({ min: 1, max: 59 }).map((m) => `cron(${m} 16 ? * SUN *)`),
          fc.constantFrom("cron(0 16 * * SUN *)", "cron(0 0/2 * * ? *)", "daily"),
        ),
      },
      { path: "rotation.strategy", value: notIn(ROTATION_STRATEGIES) },
      { path: "rotation.subnetIds", value: fc.constantFrom([], "subnet-0123456789abcdef0", {}) },
      { path: "rotation.subnetIds[0]", value: fc.constantFrom("subnet-xyz", "sg-0123456789abcdef0", 1) },
    );
  }
  return list;
}

/** The key a message must name for a mutation at `path`. */
const keyOf = (path: string): string => `${NAMESPACE}:${path}`;

describe("bad input, property-based: one key of a valid config mutated", () => {
  it(`is always rejected, naming the mutated key (${RUNS} runs)`, () => {
    const mutated = validConfig.chain((config) =>
      fc.constantFrom(...mutationsOf(config)).chain((m) => m.value.map((value) => ({ config, path: m.path, value }))),
    );
    const seen = new Set<string>();
    fc.assert(
      fc.property(mutated, ({ config, path, value }) => {
        seen.add(path.replace(/\[\d+\]/g, "[i]"));
        const broken = setAt(JSON.parse(JSON.stringify(config)) as Record<string, unknown>, path, value);
        let error: unknown;
        try {
          validateConfig(toRuntimeConfig(broken), { project: "rds-secret-share", stack: STACK });
        } catch (err) {
          error = err;
        }
        expect(error, `${path} = ${JSON.stringify(value)}`).to.be.instanceOf(ConfigError);
        const e = error as ConfigError;
        expect(
          e.problems.map((p) => p.key),
          `${path} = ${JSON.stringify(value)}`,
        ).to.include(keyOf(path));
        expect(e.message).to.include(`${keyOf(path)}: got `);
      }),
      { numRuns: RUNS },
    );
    writeReport("mutations", `${RUNS} mutations over ${seen.size} distinct keys`);
  });

  it("control: the unmutated generated configs are all valid", () => {
    fc.assert(
      fc.property(validConfig, (config) => {
        const s = validateConfig(toRuntimeConfig(config), { project: "rds-secret-share", stack: STACK });
        expect(s.consumers.length).to.be.within(1, 3);
      }),
      { numRuns: RUNS },
    );
  });
});
