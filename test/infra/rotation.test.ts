import { expect } from "chai";
import { configWith, devRun, only, policyOf, runProgram } from "../support/program";

const SECRET_ARN = "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user-YAJGAS";
const KEY_ARN = "arn:aws:kms:ap-northeast-1:111111111111:key/4ff3a99c-52ba-e682-11c6-2840d00343d2";

describe("owner account: ⑤ rotation and ⑥ the rotation role's inline policy", () => {
  it("GIVEN the dev example THEN AWS's PostgreSQL single-user rotation application is deployed, pinned, in the VPC", async () => {
    const run = await devRun();
    const app = only(run, "aws:serverlessrepository/cloudFormationStack:CloudFormationStack");
    expect(app.inputs).to.deep.equal({
      name: "rds-dev-app-user-rotation",
      applicationId:
        "arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser",
      semanticVersion: "1.1.671",
      capabilities: ["CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"],
      parameters: {
        endpoint: "https://secretsmanager.ap-northeast-1.amazonaws.com",
        functionName: "rds-dev-app_user-rotation",
        vpcSubnetIds: "subnet-0123456789abcdef0,subnet-0123456789abcdef1",
        vpcSecurityGroupIds: "sg-0123456789abcdef0",
        excludeCharacters: "/@\" :'\\`",
      },
    });
  });

  it("GIVEN the dev example THEN the function's role may use the key only via Secrets Manager for this secret", async () => {
    const run = await devRun();
    const inline = only(run, "aws:iam/rolePolicy:RolePolicy", "share-owner-rotation-key-use");
    expect(inline.inputs.role).to.equal("rds-dev-app_user-rotation-SecretsManagerRotationRole");
    expect(inline.inputs.name).to.equal("rds-secret-share-key-use");
    expect(policyOf(inline)).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "UseSecretKeyViaSecretsManager",
          Effect: "Allow",
          Action: ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"],
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
    // The role is read back from the function the application created.
    expect(run.invokes[1]).to.deep.include({
      token: "aws:lambda/getFunction:getFunction",
      inputs: { functionName: "arn:aws:lambda:ap-northeast-1:111111111111:function:rds-dev-app_user-rotation" },
      provider: "share-owner",
    });
  });

  it("GIVEN the dev example THEN rotation runs on the schedule, never on save, after the inline policy exists", async () => {
    const run = await devRun();
    const schedule = only(run, "aws:secretsmanager/secretRotation:SecretRotation");
    const inline = only(run, "aws:iam/rolePolicy:RolePolicy", "share-owner-rotation-key-use");
    expect(schedule.inputs).to.deep.equal({
      secretId: SECRET_ARN,
      rotationLambdaArn: "arn:aws:lambda:ap-northeast-1:111111111111:function:rds-dev-app_user-rotation",
      rotateImmediately: false,
      rotationRules: { scheduleExpression: "cron(0 16 ? * SUN *)" },
    });
    expect(schedule.dependsOn).to.include(inline.urn);
    // Turning rotation on tests the function against the current value, so that must exist first.
    expect(schedule.dependsOn).to.include(only(run, "aws:secretsmanager/secretVersion:SecretVersion").urn);
    expect(run.outputs.rotationLambdaArn).to.equal(
      "arn:aws:lambda:ap-northeast-1:111111111111:function:rds-dev-app_user-rotation",
    );
  });

  it("GIVEN a rotation window and function name THEN both reach the schedule and the application", async () => {
    const run = await runProgram(
      configWith((c) => {
        c["rds-secret-share:rotation"].duration = "3h";
        c["rds-secret-share:rotation"].functionName = "app_user_rotation";
      }),
    );
    const schedule = only(run, "aws:secretsmanager/secretRotation:SecretRotation");
    expect(schedule.inputs.rotationRules).to.deep.equal({ scheduleExpression: "cron(0 16 ? * SUN *)", duration: "3h" });
    const app = only(run, "aws:serverlessrepository/cloudFormationStack:CloudFormationStack");
    expect(app.inputs.name).to.equal("app-user-rotation");
    expect((app.inputs.parameters as Record<string, string>).functionName).to.equal("app_user_rotation");
  });

  it("GIVEN no rotation block THEN no rotation resource, invoke or output exists", async () => {
    const run = await runProgram(configWith((c) => delete c["rds-secret-share:rotation"]));
    const rotationTypes = [
      "aws:serverlessrepository/cloudFormationStack:CloudFormationStack",
      "aws:secretsmanager/secretRotation:SecretRotation",
      "rds-secret-share:owner:Rotation",
    ];
    expect(run.registrations.filter((r) => rotationTypes.includes(r.type))).to.deep.equal([]);
    expect(run.registrations.filter((r) => r.name === "share-owner-rotation-key-use")).to.deep.equal([]);
    expect(run.invokes.map((i) => i.token)).to.deep.equal(["aws:iam/getRole:getRole"]);
    expect(run.outputs).not.to.have.property("rotationLambdaArn");
  });
});
