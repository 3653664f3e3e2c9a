import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SECRET_KEY_TYPE } from "../componentTypes";
import { InAccount, kept, Protectable } from "../common/account";

export interface SecretKeyArgs extends InAccount, Protectable {
  /** The alias, e.g. `alias/rds/dev/app_user`. */
  readonly aliasName: string;
  readonly description: string;
  /** Days before a scheduled deletion takes effect. */
  readonly deletionWindowInDays: number;
}

/**
 * Step ①: the customer-managed key the secret is encrypted with. The AWS managed
 * aws/secretsmanager key cannot be used across accounts, so this key exists. Its policy is set
 * by the owner component once the secret's ARN is known (see `aws.kms.KeyPolicy` there); until
 * then the key has AWS's default policy, which trusts only the owner account.
 */
export class SecretKey extends pulumi.ComponentResource {
  readonly keyArn: pulumi.Output<string>;
  readonly keyId: pulumi.Output<string>;
  readonly aliasName: pulumi.Output<string>;

  constructor(name: string, args: SecretKeyArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(SECRET_KEY_TYPE, name, {}, opts);

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: args.description,
        keyUsage: "ENCRYPT_DECRYPT",
        customerMasterKeySpec: "SYMMETRIC_DEFAULT",
        enableKeyRotation: true,
        deletionWindowInDays: args.deletionWindowInDays,
      },
      { parent: this, provider: args.provider, ...kept(args.protect) },
    );
    const alias = new aws.kms.Alias(
      `${name}-alias`,
      { name: args.aliasName, targetKeyId: key.keyId },
      { parent: this, provider: args.provider },
    );

    this.keyArn = key.arn;
    this.keyId = key.keyId;
    this.aliasName = alias.name;
    this.registerOutputs({ keyArn: this.keyArn, keyId: this.keyId, aliasName: this.aliasName });
  }
}
