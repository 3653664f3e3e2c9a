import { expect } from "chai";
import { planConfig, Plan } from "../../automation/plan";
import { MASKED_PASSWORD } from "../../automation/plan/registrationInputs";
import { devKeyPolicyStatements, viaSecretsManager } from "../support/devKeyPolicy";
import { configWith } from "../support/program";
import {
  BATCH_ROLE,
  CONSUMER,
  EXECUTION_ROLE,
  grantLines,
  KEY,
  KEY_ID,
  listing,
  OWNER,
  planDev,
  policyStatements,
  resourceNamed,
  SECOND,
  SECRET,
  twoConsumerConfig,
} from "./support";

const VIA_SECRETS_MANAGER = viaSecretsManager(SECRET);

/** The owner's resources of the share itself, ①–⑥, in the plan's order. */
const OWNER_STEPS = [
  ["①", "aws:kms/key:Key", "share-owner-kms-key"],
  ["①", "aws:kms/alias:Alias", "share-owner-kms-alias"],
  ["②", "aws:secretsmanager/secret:Secret", "share-owner-secret-secret"],
  ["②", "aws:secretsmanager/secretVersion:SecretVersion", "share-owner-secret-initial"],
  ["②", "random:index/randomPassword:RandomPassword", "share-owner-password"],
  ["②", "aws:secretsmanager/secretPolicy:SecretPolicy", "share-owner-secret-policy"],
  ["④", "aws:kms/keyPolicy:KeyPolicy", "share-owner-key-policy"],
  ["⑤", "aws:serverlessrepository/cloudFormationStack:CloudFormationStack", "share-owner-rotation-function"],
  ["⑤", "aws:secretsmanager/secretRotation:SecretRotation", "share-owner-rotation-schedule"],
  ["⑥", "aws:iam/rolePolicy:RolePolicy", "share-owner-rotation-key-use"],
];

function consumerSteps(name: string): string[][] {
  return [
    ["⑦", "aws:cloudwatch/logGroup:LogGroup", `share-consumer-${name}-logs`],
    ["⑦", "aws:ecs/taskDefinition:TaskDefinition", `share-consumer-${name}-task`],
    ["cross-account", "aws:iam/rolePolicy:RolePolicy", `share-consumer-${name}-read-secret`],
  ];
}

function identityStatements(roleKey: string = KEY): unknown[] {
  return [
    { Sid: "ReadSharedSecret", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: SECRET },
    {
      Sid: "DecryptSharedSecretViaSecretsManager",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: roleKey,
      Condition: VIA_SECRETS_MANAGER,
    },
  ];
}

describe("plan: the dev example", () => {
  let p: Plan;
  before(async () => {
    p = await planDev();
  });

  it("plans stack dev, part all, owner account first and then the consumer account", () => {
    expect([p.env, p.stack, p.part]).to.deep.equal(["dev", "dev", "all"]);
    expect(
      p.accounts.map((a) => [a.role, a.accountId, a.region, a.provider, a.assumeRoleArn, a.consumers]),
    ).to.deep.equal([
      ["owner", OWNER, "ap-northeast-1", "share-owner", "arn:aws:iam::111111111111:role/deployer", []],
      [
        "consumer",
        CONSUMER,
        "ap-northeast-1",
        "share-consumer-222222222222-ap-northeast-1",
        "arn:aws:iam::222222222222:role/deployer",
        ["app"],
      ],
    ]);
  });

  it("lists the owner's resources by procedure step, then the restart-on-rotation ones", () => {
    const owner = listing(p, 0);
    expect(owner.slice(0, OWNER_STEPS.length)).to.deep.equal(OWNER_STEPS);
    const rest = owner.slice(OWNER_STEPS.length);
    expect(rest.map(([step]) => step)).to.deep.equal(rest.map(() => "restart"));
    expect(rest.map(([, type]) => type).sort()).to.deep.equal([
      "aws:cloudwatch/eventRule:EventRule",
      "aws:cloudwatch/eventTarget:EventTarget",
      "aws:iam/role:Role",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:sqs/queue:Queue",
    ]);
  });

  it("lists the consumer's ⑦ and cross-account resources, then its restart resources, none of the owner's", () => {
    const consumer = listing(p, 1);
    expect(consumer.slice(0, 3)).to.deep.equal(consumerSteps("app"));
    expect(consumer.slice(3).every(([step]) => step === "restart")).to.be.true;
    expect(p.accounts[1].resources.every((r) => r.consumer === "app")).to.be.true;
    expect(consumer.filter(([, , name]) => name.startsWith("share-owner"))).to.deep.equal([]);
  });

  it("records the existing resources each account reads: the execution role, the rotation function", () => {
    expect(p.accounts.map((a) => a.dataSources.map((d) => [d.token, d.inputs]))).to.deep.equal([
      [
        [
          "aws:lambda/getFunction:getFunction",
          { functionName: "<arn of rotation function rds-dev-app_user-rotation>" },
        ],
      ],
      [["aws:iam/getRole:getRole", { name: "app-task-execution" }]],
    ]);
  });

  it("shows the key policy statement by statement: root, administrators, the consumer via Secrets Manager", () => {
    expect(resourceNamed(p, "share-owner-key-policy").properties).to.deep.equal({ keyId: KEY_ID });
    expect(policyStatements(p, "share-owner-key-policy")).to.deep.equal(devKeyPolicyStatements(SECRET));
  });

  it("shows the secret policy, the consumer's identity policy and the rotation role's policy", () => {
    expect(policyStatements(p, "share-owner-secret-policy")).to.deep.equal([
      {
        Sid: "ReadApp",
        Effect: "Allow",
        Principal: { AWS: EXECUTION_ROLE },
        Action: "secretsmanager:GetSecretValue",
        Resource: "*",
      },
    ]);
    expect(policyStatements(p, "share-consumer-app-read-secret")).to.deep.equal(identityStatements());
    expect(resourceNamed(p, "share-consumer-app-read-secret").properties).to.deep.equal({
      name: "rds-secret-share-rds-dev-app_user-app",
      role: "app-task-execution",
    });
    expect(policyStatements(p, "share-owner-rotation-key-use")).to.deep.equal([
      {
        Sid: "UseSecretKeyViaSecretsManager",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"],
        Resource: KEY,
        Condition: VIA_SECRETS_MANAGER,
      },
    ]);
    expect(resourceNamed(p, "share-owner-rotation-key-use").properties.role).to.equal(
      "<role of rotation function rds-dev-app_user-rotation>",
    );
  });

  it("picks out every policy document generically, trust and queue policies of restart-on-rotation too", () => {
    const withPolicies = p.accounts
      .flatMap((a) => a.resources)
      .filter((r) => r.policies.length > 0)
      .map((r) => `${r.type.split(":")[2]} ${r.policies.map((x) => x.input).join(",")}`)
      .sort();
    expect(withPolicies).to.deep.equal([
      "EventBusPolicy policy",
      "KeyPolicy policy",
      "Queue policy",
      "Queue policy",
      "Role assumeRolePolicy",
      "Role assumeRolePolicy",
      "Role assumeRolePolicy",
      "RolePolicy policy",
      "RolePolicy policy",
      "RolePolicy policy",
      "RolePolicy policy",
      "RolePolicy policy",
      "SecretPolicy policy",
    ]);
    // A policy is shown as a document, never again as a property.
    for (const r of p.accounts.flatMap((a) => a.resources)) {
      for (const policy of r.policies) {
        expect(r.properties, r.name).not.to.have.property(policy.input);
      }
    }
  });

  it("shows values known only after deployment as placeholders, in properties and outputs", () => {
    expect(resourceNamed(p, "share-owner-secret-secret").properties).to.deep.equal({
      description:
        "RDS credentials of app_user@app-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com/app, shared by rds-secret-share",
      kmsKeyId: KEY,
      name: "rds/dev/app_user",
      recoveryWindowInDays: 30,
    });
    expect(resourceNamed(p, "share-owner-rotation-schedule").properties).to.deep.equal({
      rotateImmediately: false,
      rotationLambdaArn: "<arn of rotation function rds-dev-app_user-rotation>",
      rotationRules: { scheduleExpression: "cron(0 16 ? * SUN *)" },
      secretId: SECRET,
    });
    const container = (resourceNamed(p, "share-consumer-app-task").properties.containerDefinitions as any[])[0];
    expect(container.secrets).to.deep.equal([
      { name: "SPRING_DATASOURCE_PASSWORD", valueFrom: `${SECRET}:password::` },
      { name: "SPRING_DATASOURCE_USERNAME", valueFrom: `${SECRET}:username::` },
    ]);
    expect(p.outputs).to.deep.include({
      secretArn: SECRET,
      kmsKeyArn: KEY,
      passwordValueFrom: `${SECRET}:password::`,
      consumers: {
        app: { taskDefinitionArn: "<arn of task definition app>", family: "app", executionRoleArn: EXECUTION_ROLE },
      },
    });
  });

  it("masks the password in the secret's initial value, keeps its other fields and its resource options", () => {
    const version = resourceNamed(p, "share-owner-secret-initial");
    expect(version.secretInputs).to.deep.equal(["secretString"]);
    expect(version.properties).to.deep.equal({
      secretId: SECRET,
      secretString: {
        username: "app_user",
        password: MASKED_PASSWORD,
        engine: "postgres",
        host: "app-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com",
        port: 5432,
        dbname: "app",
        dbInstanceIdentifier: "app-db",
      },
      versionStages: ["AWSCURRENT", "RDS_SECRET_SHARE_INITIAL"],
    });
    expect(version.options.ignoreChanges).to.deep.equal(["secretString", "versionStages"]);
    expect(version.options.dependsOn).to.include.members(["share-owner-secret-secret", "share-owner-password"]);
  });

  it("derives the grants from the registered policies, both sides of each cross-account grant on one edge", () => {
    expect(grantLines(p).slice(0, 5)).to.deep.equal([
      "iam role app-task-execution (existing, account 222222222222) → secretsmanager Secret rds/dev/app_user: secretsmanager:GetSecretValue [secret policy + identity policy]",
      "iam root (existing, account 111111111111) → kms Key share-owner-kms-key: kms:* [key policy]",
      "iam role AWSReservedSSO_perm-app_0123456789abcdef (existing, account 111111111111) → kms Key share-owner-kms-key: 21 kms actions [key policy]",
      "iam role app-task-execution (existing, account 222222222222) → kms Key share-owner-kms-key: kms:Decrypt via Secrets Manager [key policy + identity policy]",
      "role of rotation function rds-dev-app_user-rotation → kms Key share-owner-kms-key: kms:Decrypt, kms:DescribeKey, kms:GenerateDataKey via Secrets Manager [identity policy]",
    ]);
  });
});

describe("plan: two consumers in two accounts", () => {
  let p: Plan;
  before(async () => {
    p = await planConfig(twoConsumerConfig(), "dev");
  });

  it("has the owner account and then one group per consumer account, in config order", () => {
    expect(p.accounts.map((a) => [a.role, a.accountId, a.provider, a.consumers])).to.deep.equal([
      ["owner", OWNER, "share-owner", []],
      ["consumer", CONSUMER, "share-consumer-222222222222-ap-northeast-1", ["app"]],
      ["consumer", SECOND, "share-consumer-333333333333-ap-northeast-1", ["batch"]],
    ]);
    expect(listing(p, 2)).to.deep.equal(consumerSteps("batch"));
    expect(p.accounts[2].dataSources.map((d) => d.inputs)).to.deep.equal([{ name: "batch-task-execution" }]);
  });

  it("gives each consumer a statement in the owner's policies and its own identity policy", () => {
    expect(policyStatements(p, "share-owner-secret-policy")).to.deep.equal(
      [
        ["ReadApp", EXECUTION_ROLE],
        ["ReadBatch", BATCH_ROLE],
      ].map(([Sid, role]) => ({
        Sid,
        Effect: "Allow",
        Principal: { AWS: role },
        Action: "secretsmanager:GetSecretValue",
        Resource: "*",
      })),
    );
    expect((policyStatements(p, "share-owner-key-policy") as { Sid: string }[]).map((s) => s.Sid)).to.deep.equal([
      "EnableOwnerAccountIamPolicies",
      "KeyAdministrators",
      "DecryptAppViaSecretsManager",
      "DecryptBatchViaSecretsManager",
    ]);
    expect(policyStatements(p, "share-consumer-batch-read-secret")).to.deep.equal(identityStatements());
  });

  it("draws each execution role's grants to the secret and the key, allowed on both sides", () => {
    const lines = grantLines(p).filter((l) => l.includes("task-execution"));
    expect(lines).to.deep.equal([
      "iam role app-task-execution (existing, account 222222222222) → secretsmanager Secret rds/dev/app_user: secretsmanager:GetSecretValue [secret policy + identity policy]",
      "iam role batch-task-execution (existing, account 333333333333) → secretsmanager Secret rds/dev/app_user: secretsmanager:GetSecretValue [secret policy + identity policy]",
      "iam role app-task-execution (existing, account 222222222222) → kms Key share-owner-kms-key: kms:Decrypt via Secrets Manager [key policy + identity policy]",
      "iam role batch-task-execution (existing, account 333333333333) → kms Key share-owner-kms-key: kms:Decrypt via Secrets Manager [key policy + identity policy]",
    ]);
  });
});

describe("plan: two consumers in one account", () => {
  it("shares the account's group and provider, each resource naming its consumer", async () => {
    const p = await planConfig(
      configWith((c) =>
        c["rds-secret-share:consumers"].push({
          ...JSON.parse(JSON.stringify(c["rds-secret-share:consumers"][0])),
          name: "worker",
          restartServices: undefined,
          taskDefinition: {
            family: "worker",
            image: "222222222222.dkr.ecr.ap-northeast-1.amazonaws.com/worker:1",
            cpu: 256,
            memory: 512,
          },
        }),
      ),
      "dev",
    );
    expect(p.accounts.map((a) => [a.accountId, a.consumers])).to.deep.equal([
      [OWNER, []],
      [CONSUMER, ["app", "worker"]],
    ]);
    const consumer = p.accounts[1].resources;
    expect(consumer.filter((r) => r.consumer === "worker").map((r) => [r.step, r.type, r.name])).to.deep.equal(
      consumerSteps("worker"),
    );
    // Config order: every resource of app before any of worker.
    const firstWorker = consumer.findIndex((r) => r.consumer === "worker");
    expect(consumer.slice(firstWorker).every((r) => r.consumer === "worker")).to.be.true;
  });
});
