import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serialise } from "../access/documents";
import { rotationRolePolicy } from "../access/policies";
import { resourceName } from "../arn";
import { PASSWORD_EXCLUDED_CHARACTERS } from "../config/password";
import { DatabaseSettings, RotationSettings } from "../config/types";
import { ROTATION_TYPE } from "../componentTypes";
import { InAccount } from "../common/account";
import { rotationApplication } from "./rotationApplications";

/** Parameters of the rotation application's CloudFormation template. */
export function rotationParameters(
  rotation: RotationSettings,
  db: DatabaseSettings,
  region: string,
): Record<string, string> {
  return {
    endpoint: `https://secretsmanager.${region}.amazonaws.com`,
    functionName: rotation.functionName,
    vpcSubnetIds: rotation.subnetIds.join(","),
    vpcSecurityGroupIds: rotation.securityGroupIds.join(","),
    excludeCharacters: PASSWORD_EXCLUDED_CHARACTERS,
    // kmsKeyArn and masterSecretKmsKeyArn are left out on purpose: the template would grant those
    // keys without conditions; step ⑥'s inline policy grants them only via Secrets Manager, each
    // for its own secret. masterSecretArn makes the template grant GetSecretValue on that secret.
    ...(rotation.strategy === "alternating-users" && db.masterSecretArn ? { masterSecretArn: db.masterSecretArn } : {}),
  };
}

export interface RotationArgs extends InAccount {
  readonly rotation: RotationSettings;
  readonly database: DatabaseSettings;
  readonly secretArn: pulumi.Input<string>;
  /** Resources the schedule waits for, such as the secret's initial value (its test reads it). */
  readonly after?: readonly pulumi.Resource[];
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Owner region. */
  readonly region: string;
}

/**
 * Steps ⑤ and ⑥: AWS's rotation function for the engine and strategy, its role's inline policy
 * for the key, and the rotation schedule, which never rotates on save.
 */
export class Rotation extends pulumi.ComponentResource {
  readonly rotationLambdaArn: pulumi.Output<string>;

  constructor(name: string, args: RotationArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(ROTATION_TYPE, name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const { rotation, database } = args;

    const app = new aws.serverlessrepository.CloudFormationStack(
      `${name}-function`,
      {
        name: rotation.functionName.replace(/_/g, "-"),
        ...rotationApplication(database.engine, rotation.strategy),
        capabilities: ["CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"],
        parameters: rotationParameters(rotation, database, args.region),
      },
      child,
    );
    this.rotationLambdaArn = app.outputs.apply((o) => o["RotationLambdaARN"]);

    // The template creates the function's role; its name is read back from the function.
    const fn = aws.lambda.getFunctionOutput({ functionName: this.rotationLambdaArn }, child);
    // Only the multi-user function reads the administrator's secret; masterSecretArn is also
    // set for `db-user`, which must not widen a single-user function's access.
    const master =
      rotation.strategy === "alternating-users" && database.masterSecretArn && database.masterSecretKmsKeyArn
        ? { secretArn: database.masterSecretArn, kmsKeyArn: database.masterSecretKmsKeyArn }
        : undefined;
    const keyUse = new aws.iam.RolePolicy(
      `${name}-key-use`,
      {
        // The role's name is the last segment of its ARN; `plan`'s placeholder is shown as it is.
        role: fn.role.apply((arn) => resourceName(arn) ?? arn),
        name: "rds-secret-share-key-use",
        policy: pulumi
          .all([args.secretArn, args.kmsKeyArn])
          .apply(([secretArn, kmsKeyArn]) =>
            serialise(rotationRolePolicy({ secretArn, kmsKeyArn, region: args.region }, master)),
          ),
      },
      child,
    );

    new aws.secretsmanager.SecretRotation(
      `${name}-schedule`,
      {
        secretId: args.secretArn,
        rotationLambdaArn: this.rotationLambdaArn,
        rotateImmediately: false,
        rotationRules: {
          scheduleExpression: rotation.scheduleExpression,
          ...(rotation.duration ? { duration: rotation.duration } : {}),
        },
      },
      // The function must be able to use the key before its first rotation.
      { ...child, dependsOn: [keyUse, ...(args.after ?? [])] },
    );

    this.registerOutputs({ rotationLambdaArn: this.rotationLambdaArn });
  }
}
