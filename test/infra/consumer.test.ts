import { expect } from "chai";
import { jdbcUrl } from "../../infra/consumer/container";
import { configWith, devRun, only, policyOf, runProgram } from "../support/program";

const SECRET_ARN = "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user-YAJGAS";
const KEY_ARN = "arn:aws:kms:ap-northeast-1:111111111111:key/4ff3a99c-52ba-e682-11c6-2840d00343d2";

describe("consumer account: the execution role's identity policy", () => {
  it("GIVEN the dev example THEN the role may read exactly this secret and decrypt with exactly this key via Secrets Manager", async () => {
    const run = await devRun();
    const policy = only(run, "aws:iam/rolePolicy:RolePolicy", "share-consumer-app-read-secret");
    expect(policy.inputs.role).to.equal("app-task-execution");
    expect(policy.inputs.name).to.equal("rds-secret-share-rds-dev-app_user-app");
    expect(policyOf(policy)).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        { Sid: "ReadSharedSecret", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: SECRET_ARN },
        {
          Sid: "DecryptSharedSecretViaSecretsManager",
          Effect: "Allow",
          Action: "kms:Decrypt",
          Resource: KEY_ARN,
          Condition: {
            StringEquals: {
              "kms:ViaService": "secretsmanager.ap-northeast-1.amazonaws.com",
              "kms:EncryptionContext:SecretARN": SECRET_ARN,
            },
          },
        },
      ],
    });
  });

  it("GIVEN an execution role with a path THEN the policy is attached by role name, the ARN keeps the path", async () => {
    const arn = "arn:aws:iam::222222222222:role/ecs/service-role/app-task-execution";
    const run = await runProgram(configWith((c) => (c["rds-secret-share:consumers"][0].executionRoleArn = arn)));
    expect(run.invokes[0].inputs).to.deep.equal({ name: "app-task-execution" });
    expect(only(run, "aws:iam/rolePolicy:RolePolicy", "share-consumer-app-read-secret").inputs.role).to.equal(
      "app-task-execution",
    );
    expect(only(run, "aws:ecs/taskDefinition:TaskDefinition").inputs.executionRoleArn).to.equal(arn);
    const keyPolicy = policyOf(only(run, "aws:kms/keyPolicy:KeyPolicy"));
    expect(keyPolicy.Statement[2].Principal).to.deep.equal({ AWS: arn });
  });
});

describe("consumer account: two consumers sharing one execution role", () => {
  it("GIVEN app and batch on the same role THEN each has its own policy, so removing one never removes the other's", async () => {
    const run = await runProgram(
      configWith((c) => {
        const first = c["rds-secret-share:consumers"][0];
        c["rds-secret-share:consumers"].push({
          ...first,
          name: "batch",
          taskDefinition: { ...first.taskDefinition, family: "batch" },
          restartServices: [],
        });
      }),
    );
    const policies = run.registrations.filter(
      (r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name.endsWith("-read-secret"),
    );
    expect(policies.map((p) => [p.inputs.role, p.inputs.name])).to.deep.equal([
      ["app-task-execution", "rds-secret-share-rds-dev-app_user-app"],
      ["app-task-execution", "rds-secret-share-rds-dev-app_user-batch"],
    ]);
  });
});

describe("consumer account: ⑦ the task definition", () => {
  it("GIVEN the dev example THEN a Fargate task definition injects password and username from the secret", async () => {
    const run = await devRun();
    const task = only(run, "aws:ecs/taskDefinition:TaskDefinition");
    expect(task.inputs).to.deep.include({
      family: "app",
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: "512",
      memory: "1024",
      executionRoleArn: "arn:aws:iam::222222222222:role/app-task-execution",
    });
    expect(JSON.parse(task.inputs.containerDefinitions as string)).to.deep.equal([
      {
        name: "app",
        image: "222222222222.dkr.ecr.ap-northeast-1.amazonaws.com/app:1.0.0",
        essential: true,
        portMappings: [{ containerPort: 8080, protocol: "tcp" }],
        environment: [
          {
            name: "SPRING_DATASOURCE_URL",
            value: "jdbc:postgresql://app-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com:5432/app",
          },
        ],
        secrets: [
          { name: "SPRING_DATASOURCE_PASSWORD", valueFrom: `${SECRET_ARN}:password::` },
          { name: "SPRING_DATASOURCE_USERNAME", valueFrom: `${SECRET_ARN}:username::` },
        ],
        logConfiguration: {
          logDriver: "awslogs",
          options: {
            "awslogs-group": "/ecs/dev/app",
            "awslogs-region": "ap-northeast-1",
            "awslogs-stream-prefix": "app",
          },
        },
      },
    ]);
    expect(only(run, "aws:cloudwatch/logGroup:LogGroup").inputs).to.deep.include({
      name: "/ecs/dev/app",
      retentionInDays: 30,
    });
  });

  it("GIVEN custom variable names, extra environment and a task role THEN the container uses them", async () => {
    const run = await runProgram(
      configWith((c) => {
        Object.assign(c["rds-secret-share:consumers"][0].taskDefinition, {
          passwordEnvName: "DB_PASSWORD",
          usernameEnvName: "DB_USER",
          urlEnvName: "DB_URL",
          environment: { TZ: "Asia/Tokyo", APP_MODE: "dev" },
          taskRoleArn: "arn:aws:iam::222222222222:role/app-task",
          containerName: "web",
          logRetentionInDays: 90,
        });
        delete c["rds-secret-share:consumers"][0].taskDefinition.containerPort;
      }),
    );
    const task = only(run, "aws:ecs/taskDefinition:TaskDefinition");
    expect(task.inputs.taskRoleArn).to.equal("arn:aws:iam::222222222222:role/app-task");
    const [container] = JSON.parse(task.inputs.containerDefinitions as string);
    expect(container.name).to.equal("web");
    expect(container).not.to.have.property("portMappings");
    expect(container.environment.map((e: { name: string }) => e.name)).to.deep.equal(["DB_URL", "APP_MODE", "TZ"]);
    expect(container.secrets.map((s: { name: string }) => s.name)).to.deep.equal(["DB_PASSWORD", "DB_USER"]);
    expect(only(run, "aws:cloudwatch/logGroup:LogGroup").inputs.retentionInDays).to.equal(90);
  });

  it("builds the JDBC URL for each engine", () => {
    const db = { host: "db.example.com", dbname: "app" };
    expect(jdbcUrl({ ...db, engine: "postgres", port: 5432 })).to.equal("jdbc:postgresql://db.example.com:5432/app");
    expect(jdbcUrl({ ...db, engine: "mysql", port: 3306 })).to.equal("jdbc:mysql://db.example.com:3306/app");
    expect(jdbcUrl({ ...db, engine: "mariadb", port: 3307 })).to.equal("jdbc:mariadb://db.example.com:3307/app");
  });
});
