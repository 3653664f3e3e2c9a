// Validated settings: what the rest of the program works from. Nothing here is raw config;
// every value has been checked by `validateConfig` and every default has been applied.

import type { ConfigWarning } from "./problems";

/** Which part of the share a stack deploys. */
export type Part = "all" | "owner" | "consumer";
export const PARTS: readonly Part[] = ["all", "owner", "consumer"];

/** Database engines the secret and the rotation applications support. */
export type Engine = "postgres" | "mysql" | "mariadb";
export const ENGINES: readonly Engine[] = ["postgres", "mysql", "mariadb"];

/** AWS's rotation strategies for database credentials. */
export type RotationStrategy = "single-user" | "alternating-users";
export const ROTATION_STRATEGIES: readonly RotationStrategy[] = ["single-user", "alternating-users"];

/** Where an account's resources are deployed and with which credentials. */
export interface AccountSettings {
  /** The 12-digit account id every resource of this account is pinned to. */
  readonly accountId: string;
  /** The region of this account's resources. */
  readonly region: string;
  /** A role to assume in this account. @default the ambient credentials */
  readonly assumeRoleArn?: string;
  /** A named AWS profile for this account. @default the ambient credentials */
  readonly profile?: string;
}

/** The account that keeps the key and the secret. */
export interface OwnerSettings extends AccountSettings {
  /** Principals of the owner account that administer (never use) the key. */
  readonly keyAdminArns: readonly string[];
}

/** One privilege grant that `db-user` applies. */
export interface GrantSettings {
  /** The database the grant applies to. @default database.dbname */
  readonly database: string;
  /** Privileges, upper case; `ALL` means every privilege on the database. @default ["ALL"] */
  readonly privileges: readonly string[];
  /** PostgreSQL only: schemas whose tables and sequences the grant covers. @default ["public"] */
  readonly schemas?: readonly string[];
}

/** The database whose credentials the secret holds. */
export interface DatabaseSettings {
  readonly engine: Engine;
  readonly host: string;
  /** @default 5432 for postgres, 3306 for mysql and mariadb */
  readonly port: number;
  readonly dbname: string;
  readonly username: string;
  /** The RDS instance identifier, stored in the secret as `dbInstanceIdentifier`. */
  readonly instanceIdentifier?: string;
  /** The administrator's secret, for alternating-users rotation and `db-user`. */
  readonly masterSecretArn?: string;
  /** The KMS key of the administrator's secret. @default the AWS managed key (no grant needed) */
  readonly masterSecretKmsKeyArn?: string;
  /** What `db-user` grants. @default all privileges on dbname */
  readonly grants: readonly GrantSettings[];
}

/** The Secrets Manager secret and its KMS key. */
export interface SecretSettings {
  /** @default rds/<env>/<username> */
  readonly name: string;
  /** @default "RDS credentials of <username>@<host>/<dbname>, shared by rds-secret-share" */
  readonly description: string;
  /** @default alias/<secret name> */
  readonly kmsAliasName: string;
  /** Days a deleted secret can be restored. @default 30 */
  readonly recoveryWindowInDays: number;
  /** Days before a deleted key is gone. @default 30 */
  readonly kmsDeletionWindowInDays: number;
}

/** Rotation with AWS's rotation application; absent means no rotation. */
export interface RotationSettings {
  /** `rate(N hours|days)` or `cron(0 H DoM Mon DoW *)`, UTC. */
  readonly scheduleExpression: string;
  readonly strategy: RotationStrategy;
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  /** The window in which a rotation may run, e.g. "3h". @default Secrets Manager's default */
  readonly duration?: string;
  /** Name of the rotation Lambda function. @default <secret name with / as ->-rotation */
  readonly functionName: string;
}

/** An ECS service redeployed after each successful rotation. */
export interface RestartServiceSettings {
  readonly cluster: string;
  readonly service: string;
}

/** The Fargate task definition the consumer's application runs with. */
export interface TaskDefinitionSettings {
  readonly family: string;
  readonly image: string;
  readonly cpu: number;
  readonly memory: number;
  /** @default the family */
  readonly containerName: string;
  /** A port the container listens on. @default none */
  readonly containerPort?: number;
  /** @default SPRING_DATASOURCE_PASSWORD */
  readonly passwordEnvName: string;
  /** @default SPRING_DATASOURCE_USERNAME */
  readonly usernameEnvName: string;
  /** @default SPRING_DATASOURCE_URL */
  readonly urlEnvName: string;
  /** Extra plain environment variables. @default none */
  readonly environment: Readonly<Record<string, string>>;
  /** The task's own role. @default none */
  readonly taskRoleArn?: string;
  /** The container log group, created in the consumer account. @default /ecs/<env>/<family> */
  readonly logGroupName: string;
  /** Retention of the container log group. @default 30 */
  readonly logRetentionInDays: number;
}

/** One account (and application) the secret is shared with. */
export interface ConsumerSettings extends AccountSettings {
  /** Unique, [a-z0-9-]; names the consumer's resources and outputs. */
  readonly name: string;
  /** The existing ECS task execution role that reads the secret. */
  readonly executionRoleArn: string;
  /** The role's name, the last segment of its ARN. */
  readonly executionRoleName: string;
  readonly taskDefinition: TaskDefinitionSettings;
  /** Services redeployed after every successful rotation. @default none */
  readonly restartServices: readonly RestartServiceSettings[];
}

/** Where a `consumer` stack finds the owner's secret and key. */
export type OwnerReference =
  | { readonly kind: "config"; readonly secretArn: string; readonly kmsKeyArn: string }
  | { readonly kind: "stack"; readonly stackName: string };

/** Everything the program deploys, validated. */
export interface Settings {
  readonly project: string;
  readonly stack: string;
  /** The environment: the stack name without a trailing -owner or -consumer. */
  readonly env: string;
  readonly part: Part;
  readonly protect: boolean;
  readonly owner: OwnerSettings;
  readonly database: DatabaseSettings;
  readonly secret: SecretSettings;
  readonly rotation?: RotationSettings;
  readonly consumers: readonly ConsumerSettings[];
  /** Only for part `consumer`. */
  readonly ownerReference?: OwnerReference;
  /** Whether `dbPassword` is set; its value never enters Settings. */
  readonly hasDbPassword: boolean;
  /** What deploys but was probably not meant; the program logs them, the driver and plan show them. */
  readonly warnings: readonly ConfigWarning[];
}
