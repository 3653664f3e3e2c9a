import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { serialise } from "../access/documents";
import { SecretReader } from "../access/grants";
import { keyPolicy } from "../access/policies";
import { RestartRoute } from "../access/restartRoute";
import { PASSWORD_LENGTH, PASSWORD_SPECIAL_CHARACTERS } from "../config/password";
import { DatabaseSettings, OwnerSettings, RotationSettings, SecretSettings } from "../config/types";
import { SecretKey } from "./key";
import { Rotation } from "./rotation";
import { RotationEvents } from "./rotationEvents";
import { credentialFields, SharedSecret } from "./secret";
import { OWNER_ACCOUNT_TYPE } from "../componentTypes";
import { InAccount, Protectable } from "../common/account";

export interface OwnerAccountArgs extends InAccount, Protectable {
  readonly owner: OwnerSettings;
  readonly database: DatabaseSettings;
  readonly secret: SecretSettings;
  readonly rotation?: RotationSettings;
  /** The consumers' execution roles. They must exist: KMS and Secrets Manager check. */
  readonly readers: readonly SecretReader[];
  /** Consumers to notify after each successful rotation. @default none */
  readonly restartRoutes?: readonly RestartRoute[];
  /** The initial password (secret). @default a generated random.RandomPassword */
  readonly password?: pulumi.Input<string>;
}

/** Everything in the owner account: steps ①, ②, ④, ⑤ and ⑥. */
export class OwnerAccount extends pulumi.ComponentResource {
  readonly secretArn: pulumi.Output<string>;
  readonly secretName: pulumi.Output<string>;
  readonly kmsKeyArn: pulumi.Output<string>;
  readonly kmsKeyAliasName: pulumi.Output<string>;
  readonly passwordValueFrom: pulumi.Output<string>;
  readonly usernameValueFrom: pulumi.Output<string>;
  readonly rotationLambdaArn?: pulumi.Output<string>;
  /** Consumer name → the role that forwards rotations to it; with rotation and restartServices only. */
  readonly forwarderRoleArns?: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: OwnerAccountArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(OWNER_ACCOUNT_TYPE, name, {}, opts);
    const { owner, database, secret: settings, provider } = args;
    const region = owner.region;

    const key = new SecretKey(
      `${name}-kms`,
      {
        aliasName: settings.kmsAliasName,
        description: `Encrypts the Secrets Manager secret ${settings.name} shared by rds-secret-share`,
        deletionWindowInDays: settings.kmsDeletionWindowInDays,
        protect: args.protect,
        provider,
      },
      { parent: this },
    );

    const password = args.password ?? generatedPassword(`${name}-password`, this);
    const secret = new SharedSecret(
      `${name}-secret`,
      {
        name: settings.name,
        description: settings.description,
        kmsKeyArn: key.keyArn,
        recoveryWindowInDays: settings.recoveryWindowInDays,
        fields: credentialFields(database, args.rotation?.strategy === "alternating-users"),
        password,
        readers: args.readers,
        region,
        protect: args.protect,
        provider,
      },
      { parent: this },
    );

    // Step ④. The policy names the secret's ARN, so it is set once the secret exists.
    new aws.kms.KeyPolicy(
      `${name}-key-policy`,
      {
        keyId: key.keyId,
        policy: pulumi.all([secret.secretArn, key.keyArn]).apply(([secretArn, kmsKeyArn]) =>
          serialise(
            keyPolicy({
              ownerAccountId: owner.accountId,
              keyAdminArns: owner.keyAdminArns,
              secret: { secretArn, kmsKeyArn, region },
              readers: args.readers,
            }),
          ),
        ),
      },
      { parent: this, provider },
    );

    if (args.rotation) {
      const rotation = new Rotation(
        `${name}-rotation`,
        {
          rotation: args.rotation,
          database,
          secretArn: secret.secretArn,
          after: [secret.initialVersion],
          kmsKeyArn: key.keyArn,
          region,
          provider,
        },
        { parent: this },
      );
      this.rotationLambdaArn = rotation.rotationLambdaArn;
      if (args.restartRoutes && args.restartRoutes.length > 0) {
        this.forwarderRoleArns = new RotationEvents(
          `${name}-rotation-events`,
          { routes: args.restartRoutes, secretName: settings.name, secretArn: secret.secretArn, provider },
          { parent: this },
        ).forwarderRoleArns;
      }
    }

    this.secretArn = secret.secretArn;
    this.secretName = secret.secretName;
    this.kmsKeyArn = key.keyArn;
    this.kmsKeyAliasName = key.aliasName;
    this.passwordValueFrom = pulumi.interpolate`${secret.secretArn}:password::`;
    this.usernameValueFrom = pulumi.interpolate`${secret.secretArn}:username::`;
    this.registerOutputs({
      secretArn: this.secretArn,
      secretName: this.secretName,
      kmsKeyArn: this.kmsKeyArn,
      kmsKeyAliasName: this.kmsKeyAliasName,
      passwordValueFrom: this.passwordValueFrom,
      usernameValueFrom: this.usernameValueFrom,
      rotationLambdaArn: this.rotationLambdaArn,
      forwarderRoleArns: this.forwarderRoleArns,
    });
  }
}

/** Used when no dbPassword is configured, e.g. a plain `pulumi up`. Kept in state, as a secret. */
function generatedPassword(name: string, parent: pulumi.Resource): pulumi.Output<string> {
  return new random.RandomPassword(
    name,
    {
      length: PASSWORD_LENGTH,
      special: true,
      overrideSpecial: PASSWORD_SPECIAL_CHARACTERS,
      minLower: 1,
      minUpper: 1,
      minNumeric: 1,
      minSpecial: 1,
    },
    { parent, additionalSecretOutputs: ["result"] },
  ).result;
}
