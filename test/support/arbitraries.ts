// fast-check generators of valid configurations, YAML-shaped like Pulumi.<env>.yaml: accounts,
// regions, 1 to 3 consumers (some sharing an account), role ARNs with and without paths,
// engines, rotation or none.

import fc from "fast-check";
import { NAMESPACE } from "../../infra/config/keys";
import { sid } from "../../infra/names";

export const REGIONS = ["ap-northeast-1", "ap-southeast-2", "eu-west-1", "eu-central-1", "us-east-1", "us-west-2"];

export const VALID_SCHEDULES = [
  "cron(0 16 ? * SUN *)",
  "cron(0 3 1 * ? *)",
  "cron(0 0/6 * * ? *)",
  "rate(4 hours)",
  "rate(1 day)",
  "rate(30 days)",
  "rate(999 days)",
];

const DEFAULT_PORTS = { postgres: 5432, mysql: 3306, mariadb: 3306 } as const;

/** An account id; 9999999999xx stays free for the matrix's third account. */
const account = fc.integer({ min: 100000000000, max: 899999999999 }).map(String);
/** A role path: none, one segment or several (SSO roles have three). */
const rolePath = fc.constantFrom("", "service-role/", "ecs/tasks/", "aws-reserved/sso.amazonaws.com/eu-west-1/");
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);

export interface ConsumerShape {
  readonly name: string;
  /** Index into the consumer accounts, so that several consumers may share one. */
  readonly accountIndex: number;
  readonly region: string;
  readonly path: string;
}

const consumerShapes = fc.uniqueArray(
  fc.record({
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/),
    accountIndex: fc.nat({ max: 2 }),
    region: fc.constantFrom(...REGIONS),
    path: rolePath,
  }),
  // Distinct statement ids, not only names: the config refuses `j1` beside `j-1` (both name J1).
  { minLength: 1, maxLength: 3, selector: (c) => sid(c.name) },
);

/** A valid config for part `all`, in the shape `configWith` and `runProgram` take. */
export const validConfig: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    accounts: fc.uniqueArray(account, { minLength: 4, maxLength: 4 }),
    ownerRegion: fc.constantFrom(...REGIONS),
    ownerAssumesRole: fc.boolean(),
    adminPaths: fc.uniqueArray(rolePath, { minLength: 1, maxLength: 2 }),
    adminIsUser: fc.boolean(),
    engine: fc.constantFrom("postgres", "mysql", "mariadb"),
    explicitPort: fc.option(fc.integer({ min: 1024, max: 65535 }), { nil: undefined }),
    username: fc.stringMatching(/^[a-z][a-z0-9_]{0,19}$/).filter((u) => !["root", "postgres", "mysql"].includes(u)),
    env: word,
    withMaster: fc.boolean(),
    rotation: fc.option(fc.record({ schedule: fc.constantFrom(...VALID_SCHEDULES), alternating: fc.boolean() }), {
      nil: undefined,
    }),
    consumersAssumeRole: fc.boolean(),
    consumers: consumerShapes,
    protect: fc.boolean(),
  })
  .map((g) => {
    const [owner, ...pool] = g.accounts;
    const keyAdminArns = g.adminPaths.map((path, i) =>
      g.adminIsUser && i === 0 ? `arn:aws:iam::${owner}:user/admin` : `arn:aws:iam::${owner}:role/${path}admin-${i}`,
    );
    const alternating = g.rotation?.alternating === true;
    const masterSecretArn =
      g.withMaster || alternating
        ? `arn:aws:secretsmanager:${g.ownerRegion}:${owner}:secret:rds!db-0123abcd-AbCdEf`
        : undefined;
    return {
      [`${NAMESPACE}:part`]: "all",
      [`${NAMESPACE}:protect`]: g.protect,
      [`${NAMESPACE}:owner`]: {
        accountId: owner,
        region: g.ownerRegion,
        ...(g.ownerAssumesRole ? { assumeRoleArn: `arn:aws:iam::${owner}:role/deployer` } : {}),
        keyAdminArns,
      },
      [`${NAMESPACE}:database`]: {
        engine: g.engine,
        host: `db.${g.env}.${g.ownerRegion}.rds.amazonaws.com`,
        port: g.explicitPort ?? DEFAULT_PORTS[g.engine],
        dbname: `${g.env}_db`,
        username: g.username,
        ...(masterSecretArn ? { masterSecretArn } : {}),
      },
      ...(g.rotation
        ? {
            [`${NAMESPACE}:rotation`]: {
              scheduleExpression: g.rotation.schedule,
              strategy: alternating ? "alternating-users" : "single-user",
              subnetIds: ["subnet-0123456789abcdef0"],
              securityGroupIds: ["sg-0123456789abcdef0"],
            },
          }
        : {}),
      [`${NAMESPACE}:consumers`]: g.consumers.map((c) => {
        const accountId = pool[c.accountIndex];
        return {
          name: c.name,
          accountId,
          region: c.region,
          ...(g.consumersAssumeRole ? { assumeRoleArn: `arn:aws:iam::${accountId}:role/deployer` } : {}),
          executionRoleArn: `arn:aws:iam::${accountId}:role/${c.path}${c.name}-task-execution`,
          taskDefinition: {
            family: c.name,
            image: `${accountId}.dkr.ecr.${c.region}.amazonaws.com/${c.name}:1.0.0`,
            cpu: 256,
            memory: 512,
          },
        };
      }),
    };
  });

/** The stack a generated config is run as. */
export const STACK = "prop";
