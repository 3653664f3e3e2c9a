import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serialise } from "../access/documents";
import { SecretReader } from "../access/grants";
import { secretPolicy } from "../access/policies";
import { DatabaseSettings } from "../config/types";
import { SHARED_SECRET_TYPE } from "../componentTypes";
import { InAccount, kept, Protectable } from "../common/account";

/**
 * A staging label that stays on the version this program writes. Rotation moves AWSCURRENT and
 * AWSPREVIOUS away from it, but a version with any label is never deleted by Secrets Manager, so
 * the tracked version never disappears and is never recreated with the original password.
 */
export const INITIAL_VERSION_STAGE = "RDS_SECRET_SHARE_INITIAL";

/**
 * Properties of the initial version that Pulumi must never write again: rotation owns the value
 * and the staging labels from the first rotation on.
 */
export const ROTATION_OWNED_PROPERTIES = ["secretString", "versionStages"];

/** The fields AWS's rotation functions read, in the shape of an "RDS database credentials" secret. */
export interface CredentialFields {
  readonly username: string;
  readonly engine: string;
  readonly host: string;
  readonly port: number;
  readonly dbname: string;
  readonly dbInstanceIdentifier?: string;
  /** Alternating-users rotation reads the administrator's secret from here. */
  readonly masterarn?: string;
}

export function credentialFields(db: DatabaseSettings, withMaster: boolean): CredentialFields {
  return {
    username: db.username,
    engine: db.engine,
    host: db.host,
    port: db.port,
    dbname: db.dbname,
    ...(db.instanceIdentifier ? { dbInstanceIdentifier: db.instanceIdentifier } : {}),
    ...(withMaster && db.masterSecretArn ? { masterarn: db.masterSecretArn } : {}),
  };
}

/** The secret's JSON text; the password goes second, as in the console's RDS secret type. */
export function secretString(fields: CredentialFields, password: string): string {
  const { username, ...rest } = fields;
  return JSON.stringify({ username, password, ...rest });
}

export interface SharedSecretArgs extends InAccount, Protectable {
  readonly name: string;
  readonly description: string;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly recoveryWindowInDays: number;
  readonly fields: CredentialFields;
  /** The initial password. A secret; written once, never again. */
  readonly password: pulumi.Input<string>;
  /** Principals given GetSecretValue in the resource policy. */
  readonly readers: readonly SecretReader[];
  /** Owner region. */
  readonly region: string;
}

/**
 * Step ②: the secret of type "RDS database credentials", encrypted with the shared key, its
 * initial value, and a resource policy letting each reader call GetSecretValue.
 */
export class SharedSecret extends pulumi.ComponentResource {
  readonly secretArn: pulumi.Output<string>;
  readonly secretName: pulumi.Output<string>;
  /** The initial value: rotation must not be turned on before it exists. */
  readonly initialVersion: aws.secretsmanager.SecretVersion;

  constructor(name: string, args: SharedSecretArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(SHARED_SECRET_TYPE, name, {}, opts);
    const child = { parent: this, provider: args.provider };

    const secret = new aws.secretsmanager.Secret(
      `${name}-secret`,
      {
        name: args.name,
        description: args.description,
        kmsKeyId: args.kmsKeyArn,
        recoveryWindowInDays: args.recoveryWindowInDays,
      },
      // A new name would replace the secret, and the replacement would get the *initial* password
      // back while the database has the rotated one. The name is fixed when the secret is created.
      { ...child, ...kept(args.protect), ignoreChanges: ["name"] },
    );

    this.initialVersion = new aws.secretsmanager.SecretVersion(
      `${name}-initial`,
      {
        secretId: secret.arn,
        secretString: pulumi.secret(pulumi.output(args.password).apply((p) => secretString(args.fields, p))),
        versionStages: ["AWSCURRENT", INITIAL_VERSION_STAGE],
      },
      { ...child, ignoreChanges: ROTATION_OWNED_PROPERTIES, additionalSecretOutputs: ["secretString"] },
    );

    new aws.secretsmanager.SecretPolicy(
      `${name}-policy`,
      {
        secretArn: secret.arn,
        blockPublicPolicy: true,
        policy: pulumi
          .all([secret.arn, args.kmsKeyArn])
          .apply(([secretArn, kmsKeyArn]) =>
            serialise(secretPolicy({ secretArn, kmsKeyArn, region: args.region }, args.readers)),
          ),
      },
      child,
    );

    this.secretArn = secret.arn;
    this.secretName = secret.name;
    this.registerOutputs({ secretArn: this.secretArn, secretName: this.secretName });
  }
}
