import { expect } from "chai";
import { offlinePassword } from "../../automation/offline/values";
import { configWith, only, policyOf, runProgram } from "../support/program";
import { MASTER_KEY_ARN, MASTER_SECRET_ARN, OWNER, REGION, SECRET_ARN } from "./support";

const SAR = "arn:aws:serverlessrepo:us-east-1:297356227824:applications/";
const KEY_ARN = `arn:aws:kms:${REGION}:${OWNER}:key/4ff3a99c-52ba-e682-11c6-2840d00343d2`;

/** AWS's rotation applications and the versions pinned (as aws-cdk-lib pins them). */
const CASES = [
  {
    engine: "postgres",
    port: 5432,
    strategy: "single-user",
    app: "SecretsManagerRDSPostgreSQLRotationSingleUser",
    version: "1.1.671",
  },
  {
    engine: "postgres",
    port: 5432,
    strategy: "alternating-users",
    app: "SecretsManagerRDSPostgreSQLRotationMultiUser",
    version: "1.1.671",
  },
  {
    engine: "mysql",
    port: 3306,
    strategy: "single-user",
    app: "SecretsManagerRDSMySQLRotationSingleUser",
    version: "1.1.671",
  },
  {
    engine: "mysql",
    port: 3306,
    strategy: "alternating-users",
    app: "SecretsManagerRDSMySQLRotationMultiUser",
    version: "1.1.671",
  },
  {
    engine: "mariadb",
    port: 3306,
    strategy: "single-user",
    app: "SecretsManagerRDSMariaDBRotationSingleUser",
    version: "1.1.670",
  },
  {
    engine: "mariadb",
    port: 3306,
    strategy: "alternating-users",
    app: "SecretsManagerRDSMariaDBRotationMultiUser",
    version: "1.1.670",
  },
];

const BASE_PARAMETERS = {
  endpoint: `https://secretsmanager.${REGION}.amazonaws.com`,
  functionName: "rds-dev-app_user-rotation",
  vpcSubnetIds: "subnet-0123456789abcdef0,subnet-0123456789abcdef1",
  vpcSecurityGroupIds: "sg-0123456789abcdef0",
  excludeCharacters: "/@\" :'\\`",
};

const SECRET_KEY_STATEMENT = {
  Sid: "UseSecretKeyViaSecretsManager",
  Effect: "Allow",
  Action: ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"],
  Resource: KEY_ARN,
  Condition: {
    StringEquals: {
      "kms:ViaService": `secretsmanager.${REGION}.amazonaws.com`,
      "kms:EncryptionContext:SecretARN": SECRET_ARN,
    },
  },
};

function withRotation(engine: string, port: number, strategy: string, masterKey?: string) {
  return configWith((c) => {
    c["rds-secret-share:database"].engine = engine;
    c["rds-secret-share:database"].port = port;
    if (masterKey) {
      c["rds-secret-share:database"].masterSecretKmsKeyArn = masterKey;
    }
    c["rds-secret-share:rotation"].strategy = strategy;
  });
}

describe("rotation: AWS's application per engine and strategy", () => {
  for (const c of CASES) {
    it(`GIVEN ${c.engine} and ${c.strategy} THEN ${c.app} ${c.version} with its parameters, and masterarn only for alternating users`, async () => {
      // GIVEN the dev example with this engine and strategy
      const run = await runProgram(withRotation(c.engine, c.port, c.strategy));
      // THEN the pinned application gets exactly these parameters
      const app = only(run, "aws:serverlessrepository/cloudFormationStack:CloudFormationStack");
      const alternating = c.strategy === "alternating-users";
      expect(app.inputs.applicationId).to.equal(SAR + c.app);
      expect(app.inputs.semanticVersion).to.equal(c.version);
      expect(app.inputs.parameters).to.deep.equal(
        alternating ? { ...BASE_PARAMETERS, masterSecretArn: MASTER_SECRET_ARN } : BASE_PARAMETERS,
      );
      // AND the secret's JSON names the administrator's secret only when the function reads it
      const version = only(run, "aws:secretsmanager/secretVersion:SecretVersion");
      expect(JSON.parse(version.inputs.secretString as string)).to.deep.equal({
        username: "app_user",
        password: offlinePassword("share-owner-password"),
        engine: c.engine,
        host: "app-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com",
        port: c.port,
        dbname: "app",
        dbInstanceIdentifier: "app-db",
        ...(alternating ? { masterarn: MASTER_SECRET_ARN } : {}),
      });
    });
  }

  it("GIVEN alternating users and a customer-managed key on the administrator's secret THEN the function may decrypt it only via Secrets Manager, for that secret", async () => {
    const run = await runProgram(withRotation("postgres", 5432, "alternating-users", MASTER_KEY_ARN));
    const inline = only(run, "aws:iam/rolePolicy:RolePolicy", "share-owner-rotation-key-use");
    expect(policyOf(inline).Statement).to.deep.equal([
      SECRET_KEY_STATEMENT,
      {
        Sid: "DecryptMasterSecretViaSecretsManager",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: MASTER_KEY_ARN,
        Condition: {
          StringEquals: {
            "kms:ViaService": `secretsmanager.${REGION}.amazonaws.com`,
            "kms:EncryptionContext:SecretARN": MASTER_SECRET_ARN,
          },
        },
      },
    ]);
    // The grant is made here, with conditions, not by the template (which would grant it bare).
    const app = only(run, "aws:serverlessrepository/cloudFormationStack:CloudFormationStack");
    expect(app.inputs.parameters).not.to.have.any.keys("masterSecretKmsKeyArn", "kmsKeyArn");
  });

  it("GIVEN single user and the administrator's key configured (for db-user) THEN the function gets nothing on that key", async () => {
    const run = await runProgram(withRotation("postgres", 5432, "single-user", MASTER_KEY_ARN));
    const inline = only(run, "aws:iam/rolePolicy:RolePolicy", "share-owner-rotation-key-use");
    expect(policyOf(inline).Statement).to.deep.equal([SECRET_KEY_STATEMENT]);
  });

  it("GIVEN alternating users with the administrator's secret under the AWS managed key THEN no extra key statement", async () => {
    const run = await runProgram(withRotation("mysql", 3306, "alternating-users"));
    const inline = only(run, "aws:iam/rolePolicy:RolePolicy", "share-owner-rotation-key-use");
    expect(policyOf(inline).Statement).to.deep.equal([SECRET_KEY_STATEMENT]);
  });

  it("GIVEN alternating users THEN the task definition still injects the username from the secret", async () => {
    const run = await runProgram(withRotation("postgres", 5432, "alternating-users"));
    const task = only(run, "aws:ecs/taskDefinition:TaskDefinition");
    const [container] = JSON.parse(task.inputs.containerDefinitions as string) as { secrets: unknown }[];
    expect(container.secrets).to.deep.equal([
      { name: "SPRING_DATASOURCE_PASSWORD", valueFrom: `${SECRET_ARN}:password::` },
      { name: "SPRING_DATASOURCE_USERNAME", valueFrom: `${SECRET_ARN}:username::` },
    ]);
  });
});
