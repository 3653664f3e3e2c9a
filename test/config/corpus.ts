// Invalid configurations, each a small edit of the dev example (Pulumi.dev.yaml), with the key the
// error must name and, for most, the exact message. Every key of the configuration reference is covered,
// and the extra keys the validator accepts.

import { NAMESPACE } from "../../infra/config/keys";
import { configWith } from "../support/program";
import { setAt } from "./edit";

export interface BadInput {
  readonly title: string;
  /** Paths without the namespace, e.g. `consumers[0].name`; undefined deletes. */
  readonly edits: readonly (readonly [string, unknown])[];
  /** Keys of the config map as written, outside the namespace (`rds-secret-shar:protect`, `rotation`). */
  readonly others?: Readonly<Record<string, unknown>>;
  /** The full key the message must name. */
  readonly key: string;
  /** The exact message, where asserted. */
  readonly message?: string;
  readonly stack?: string;
  readonly secretKeys?: readonly string[];
}

export const K = (path: string): string => `${NAMESPACE}:${path}`;
const PASSWORD_KEY = K("dbPassword");

export function configOf(input: BadInput): Record<string, unknown> {
  return configWith((c) => {
    for (const [path, value] of input.edits) {
      setAt(c, path, value);
    }
    Object.assign(c, input.others ?? {});
  });
}

const SECOND = {
  name: "worker",
  accountId: "222222222222",
  region: "ap-northeast-1",
  assumeRoleArn: "arn:aws:iam::222222222222:role/deployer",
  executionRoleArn: "arn:aws:iam::222222222222:role/worker-task-execution",
  taskDefinition: {
    family: "worker",
    image: "222222222222.dkr.ecr.ap-northeast-1.amazonaws.com/worker:1",
    cpu: 256,
    memory: 512,
  },
};

export const CORPUS: readonly BadInput[] = [
  // part, protect
  {
    title: "part not one of the three",
    edits: [["part", "both"]],
    key: K("part"),
    message: 'rds-secret-share:part: got "both"; expected one of "all", "owner", "consumer".',
  },
  {
    title: "part in the wrong case",
    edits: [["part", "Owner"]],
    key: K("part"),
    message: 'rds-secret-share:part: got "Owner"; expected one of "all", "owner", "consumer".',
  },
  {
    title: "protect not a boolean",
    edits: [["protect", "yes"]],
    key: K("protect"),
    message: 'rds-secret-share:protect: got "yes"; expected true or false.',
  },
  // owner
  {
    title: "owner missing",
    edits: [["owner", undefined]],
    key: K("owner"),
    message:
      "rds-secret-share:owner: got nothing; expected an object with keys accountId, region, assumeRoleArn, profile, keyAdminArns.",
  },
  {
    title: "owner not an object",
    edits: [["owner", ["111111111111"]]],
    key: K("owner"),
    message:
      'rds-secret-share:owner: got ["111111111111"]; expected an object with keys accountId, region, assumeRoleArn, profile, keyAdminArns.',
  },
  {
    title: "owner.accountId unquoted (a YAML number)",
    edits: [["owner.accountId", 111111111111]],
    key: K("owner.accountId"),
    message:
      'rds-secret-share:owner.accountId: got 111111111111; expected a 12-digit AWS account id written as a quoted string, e.g. "111111111111".',
  },
  {
    title: "owner.accountId of 11 digits",
    edits: [["owner.accountId", "11111111111"]],
    key: K("owner.accountId"),
    message:
      'rds-secret-share:owner.accountId: got "11111111111"; expected a 12-digit AWS account id written as a quoted string, e.g. "111111111111".',
  },
  {
    title: "owner.accountId missing",
    edits: [["owner.accountId", undefined]],
    key: K("owner.accountId"),
    message:
      'rds-secret-share:owner.accountId: got nothing; expected a 12-digit AWS account id written as a quoted string, e.g. "111111111111".',
  },
  {
    title: "owner.region not a region",
    edits: [["owner.region", "tokyo"]],
    key: K("owner.region"),
    message:
      'rds-secret-share:owner.region: got "tokyo"; expected an AWS region of the commercial partition, e.g. "ap-northeast-1".',
  },
  {
    title: "owner.region of another partition",
    edits: [["owner.region", "cn-north-1"]],
    key: K("owner.region"),
    message:
      'rds-secret-share:owner.region: got "cn-north-1"; expected an AWS region of the commercial partition, e.g. "ap-northeast-1".',
  },
  {
    title: "owner.assumeRoleArn in the consumer account",
    edits: [["owner.assumeRoleArn", "arn:aws:iam::222222222222:role/deployer"]],
    key: K("owner.assumeRoleArn"),
    message:
      'rds-secret-share:owner.assumeRoleArn: got "arn:aws:iam::222222222222:role/deployer"; expected an IAM role ARN in account 111111111111, e.g. "arn:aws:iam::111111111111:role/name" (a path such as role/service-role/name is allowed).',
  },
  {
    title: "owner.assumeRoleArn not an ARN",
    edits: [["owner.assumeRoleArn", "deployer"]],
    key: K("owner.assumeRoleArn"),
    message:
      'rds-secret-share:owner.assumeRoleArn: got "deployer"; expected an IAM role ARN in account 111111111111, e.g. "arn:aws:iam::111111111111:role/name" (a path such as role/service-role/name is allowed).',
  },
  {
    title: "owner.profile with a space",
    edits: [["owner.profile", "owner dev"]],
    key: K("owner.profile"),
    message:
      'rds-secret-share:owner.profile: got "owner dev"; expected an AWS profile name (letters, digits, . _ + @ -).',
  },
  {
    title: "owner.keyAdminArns empty",
    edits: [["owner.keyAdminArns", []]],
    key: K("owner.keyAdminArns"),
    message:
      'rds-secret-share:owner.keyAdminArns: got []; expected a list of 1 to 10 entries, each an IAM role or user ARN in account 111111111111, e.g. "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_perm-app_0123456789abcdef".',
  },
  {
    title: "owner.keyAdminArns a wildcard",
    edits: [["owner.keyAdminArns", ["*"]]],
    key: K("owner.keyAdminArns[0]"),
    message:
      'rds-secret-share:owner.keyAdminArns[0]: got "*"; expected an IAM role or user ARN in account 111111111111, e.g. "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_perm-app_0123456789abcdef".',
  },
  {
    title: "owner.keyAdminArns the account root",
    edits: [["owner.keyAdminArns", ["arn:aws:iam::111111111111:root"]]],
    key: K("owner.keyAdminArns[0]"),
    message:
      'rds-secret-share:owner.keyAdminArns[0]: got "arn:aws:iam::111111111111:root"; expected an IAM role or user ARN in account 111111111111, e.g. "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_perm-app_0123456789abcdef".',
  },
  {
    title: "owner.keyAdminArns in another account",
    edits: [["owner.keyAdminArns", ["arn:aws:iam::222222222222:role/admin"]]],
    key: K("owner.keyAdminArns[0]"),
    message:
      'rds-secret-share:owner.keyAdminArns[0]: got "arn:aws:iam::222222222222:role/admin"; expected an IAM role or user ARN in account 111111111111, e.g. "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_perm-app_0123456789abcdef".',
  },
  {
    title: "owner.keyAdminArns an assumed-role session",
    edits: [["owner.keyAdminArns", ["arn:aws:sts::111111111111:assumed-role/admin/me"]]],
    key: K("owner.keyAdminArns[0]"),
    message:
      'rds-secret-share:owner.keyAdminArns[0]: got "arn:aws:sts::111111111111:assumed-role/admin/me"; expected an IAM role or user ARN in account 111111111111, e.g. "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_perm-app_0123456789abcdef".',
  },
  {
    title: "owner.keyAdminArns an Identity Center role without its path",
    edits: [["owner.keyAdminArns", ["arn:aws:iam::111111111111:role/AWSReservedSSO_perm-app_0123456789abcdef"]]],
    key: K("owner.keyAdminArns[0]"),
    message:
      'rds-secret-share:owner.keyAdminArns[0]: got "arn:aws:iam::111111111111:role/AWSReservedSSO_perm-app_0123456789abcdef"; expected the role\'s full ARN, with the path IAM Identity Center creates its roles under: "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/<region>/AWSReservedSSO_perm-app_0123456789abcdef", e.g. "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_perm-app_0123456789abcdef", or "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_perm-app_0123456789abcdef" when Identity Center is in us-east-1 (as IAM shows the role; KMS and Secrets Manager refuse the ARN without its path).',
  },
  {
    title: "owner.keyAdminArns an Identity Center role with half its path",
    edits: [
      ["owner.keyAdminArns", ["arn:aws:iam::111111111111:role/aws-reserved/AWSReservedSSO_perm-app_0123456789abcdef"]],
    ],
    key: K("owner.keyAdminArns[0]"),
    message:
      'rds-secret-share:owner.keyAdminArns[0]: got "arn:aws:iam::111111111111:role/aws-reserved/AWSReservedSSO_perm-app_0123456789abcdef"; expected the role\'s full ARN, with the path IAM Identity Center creates its roles under: "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/<region>/AWSReservedSSO_perm-app_0123456789abcdef", e.g. "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_perm-app_0123456789abcdef", or "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_perm-app_0123456789abcdef" when Identity Center is in us-east-1 (as IAM shows the role; KMS and Secrets Manager refuse the ARN without its path).',
  },
  {
    title: "owner.keyAdminArns duplicated",
    edits: [["owner.keyAdminArns", ["arn:aws:iam::111111111111:role/admin", "arn:aws:iam::111111111111:role/admin"]]],
    key: K("owner.keyAdminArns[1]"),
    message:
      'rds-secret-share:owner.keyAdminArns[1]: got "arn:aws:iam::111111111111:role/admin"; expected no duplicate entries.',
  },
  {
    title: "owner.keyAdminArns a string, not a list",
    edits: [["owner.keyAdminArns", "arn:aws:iam::111111111111:role/admin"]],
    key: K("owner.keyAdminArns"),
    message:
      'rds-secret-share:owner.keyAdminArns: got "arn:aws:iam::111111111111:role/admin"; expected a list of 1 to 10 entries, each an IAM role or user ARN in account 111111111111, e.g. "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_perm-app_0123456789abcdef".',
  },
  {
    title: "owner key misspelt",
    edits: [["owner.acountId", "111111111111"]],
    key: K("owner.acountId"),
    message:
      'rds-secret-share:owner.acountId: got "111111111111"; expected no such key; rds-secret-share:owner takes accountId, region, assumeRoleArn, profile, keyAdminArns.',
  },
  // database
  {
    title: "database missing",
    edits: [["database", undefined]],
    key: K("database"),
    message:
      "rds-secret-share:database: got nothing; expected an object with keys engine, host, port, dbname, username, instanceIdentifier, masterSecretArn, masterSecretKmsKeyArn, grants.",
  },
  {
    title: "database.engine unknown",
    edits: [["database.engine", "oracle"]],
    key: K("database.engine"),
    message: 'rds-secret-share:database.engine: got "oracle"; expected one of "postgres", "mysql", "mariadb".',
  },
  {
    title: "database.engine an Aurora variant",
    edits: [["database.engine", "aurora-postgresql"]],
    key: K("database.engine"),
    message:
      'rds-secret-share:database.engine: got "aurora-postgresql"; expected one of "postgres", "mysql", "mariadb".',
  },
  {
    title: "database.host with a space",
    edits: [["database.host", "app db"]],
    key: K("database.host"),
    message:
      'rds-secret-share:database.host: got "app db"; expected a DNS host name, e.g. "app-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com".',
  },
  {
    title: "database.host missing",
    edits: [["database.host", undefined]],
    key: K("database.host"),
    message:
      'rds-secret-share:database.host: got nothing; expected a DNS host name, e.g. "app-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com".',
  },
  {
    title: "database.port 0",
    edits: [["database.port", 0]],
    key: K("database.port"),
    message: "rds-secret-share:database.port: got 0; expected a whole number from 1 to 65535.",
  },
  {
    title: "database.port above 65535",
    edits: [["database.port", 70000]],
    key: K("database.port"),
    message: "rds-secret-share:database.port: got 70000; expected a whole number from 1 to 65535.",
  },
  {
    title: "database.port a string",
    edits: [["database.port", "5432"]],
    key: K("database.port"),
    message: 'rds-secret-share:database.port: got "5432"; expected a whole number from 1 to 65535.',
  },
  {
    title: "database.port a fraction",
    edits: [["database.port", 5432.5]],
    key: K("database.port"),
    message: "rds-secret-share:database.port: got 5432.5; expected a whole number from 1 to 65535.",
  },
  {
    title: "database.dbname starting with a digit",
    edits: [["database.dbname", "1app"]],
    key: K("database.dbname"),
    message:
      'rds-secret-share:database.dbname: got "1app"; expected a database name of 1 to 63 letters, digits and underscores, not starting with a digit.',
  },
  {
    title: "database.dbname a PostgreSQL template database",
    edits: [["database.dbname", "template1"]],
    key: K("database.dbname"),
    message:
      "rds-secret-share:database.dbname: got \"template1\"; expected the application's own database, not one of postgres's system databases rdsadmin, template0, template1 (in any letter case).",
  },
  {
    title: "database.dbname the template PostgreSQL never lets anyone connect to",
    edits: [["database.dbname", "template0"]],
    key: K("database.dbname"),
    message:
      "rds-secret-share:database.dbname: got \"template0\"; expected the application's own database, not one of postgres's system databases rdsadmin, template0, template1 (in any letter case).",
  },
  {
    title: "database.dbname RDS's own PostgreSQL database",
    edits: [["database.dbname", "rdsadmin"]],
    key: K("database.dbname"),
    message:
      "rds-secret-share:database.dbname: got \"rdsadmin\"; expected the application's own database, not one of postgres's system databases rdsadmin, template0, template1 (in any letter case).",
  },
  {
    title: "database.dbname MySQL's system database",
    edits: [
      ["database.engine", "mysql"],
      ["database.port", 3306],
      ["database.dbname", "mysql"],
    ],
    key: K("database.dbname"),
    message:
      "rds-secret-share:database.dbname: got \"mysql\"; expected the application's own database, not one of mysql's system databases mysql, sys, performance_schema, information_schema (in any letter case).",
  },
  {
    title: "database.dbname MySQL's sys schema",
    edits: [
      ["database.engine", "mysql"],
      ["database.port", 3306],
      ["database.dbname", "sys"],
    ],
    key: K("database.dbname"),
    message:
      "rds-secret-share:database.dbname: got \"sys\"; expected the application's own database, not one of mysql's system databases mysql, sys, performance_schema, information_schema (in any letter case).",
  },
  {
    title: "database.dbname MySQL's performance_schema",
    edits: [
      ["database.engine", "mysql"],
      ["database.port", 3306],
      ["database.dbname", "performance_schema"],
    ],
    key: K("database.dbname"),
    message:
      "rds-secret-share:database.dbname: got \"performance_schema\"; expected the application's own database, not one of mysql's system databases mysql, sys, performance_schema, information_schema (in any letter case).",
  },
  {
    title: "database.dbname MariaDB's information_schema in upper case",
    edits: [
      ["database.engine", "mariadb"],
      ["database.port", 3306],
      ["database.dbname", "INFORMATION_SCHEMA"],
    ],
    key: K("database.dbname"),
    message:
      "rds-secret-share:database.dbname: got \"INFORMATION_SCHEMA\"; expected the application's own database, not one of mariadb's system databases mysql, sys, performance_schema, information_schema (in any letter case).",
  },
  {
    title: "database.username reserved",
    edits: [["database.username", "postgres"]],
    key: K("database.username"),
    message:
      'rds-secret-share:database.username: got "postgres"; expected a user name of 1 to 63 letters, digits and underscores starting with a letter, not one of rdsadmin, rdsrepladmin, rdsproxyadmin, rds_superuser, root, postgres, mysql.',
  },
  {
    title: "database.username with a hyphen",
    edits: [["database.username", "app-user"]],
    key: K("database.username"),
    message:
      'rds-secret-share:database.username: got "app-user"; expected a user name of 1 to 63 letters, digits and underscores starting with a letter, not one of rdsadmin, rdsrepladmin, rdsproxyadmin, rds_superuser, root, postgres, mysql.',
  },
  {
    title: "database.username too long for MySQL",
    edits: [
      ["database.engine", "mysql"],
      ["database.port", 3306],
      ["database.username", "a".repeat(33)],
    ],
    key: K("database.username"),
    message:
      'rds-secret-share:database.username: got "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"; expected a user name of 1 to 32 letters, digits and underscores starting with a letter, not one of rdsadmin, rdsrepladmin, rdsproxyadmin, rds_superuser, root, postgres, mysql.',
  },
  {
    title: "database.instanceIdentifier with --",
    edits: [["database.instanceIdentifier", "app--db"]],
    key: K("database.instanceIdentifier"),
    message:
      'rds-secret-share:database.instanceIdentifier: got "app--db"; expected an RDS instance identifier: 1 to 63 letters, digits and hyphens, starting with a letter, without -- or a trailing hyphen.',
  },
  {
    title: "database.masterSecretArn in another account",
    edits: [
      ["database.masterSecretArn", "arn:aws:secretsmanager:ap-northeast-1:222222222222:secret:rds!db-0123abcd-AbCdEf"],
    ],
    key: K("database.masterSecretArn"),
    message:
      'rds-secret-share:database.masterSecretArn: got "arn:aws:secretsmanager:ap-northeast-1:222222222222:secret:rds!db-0123abcd-AbCdEf"; expected a Secrets Manager secret ARN in account 111111111111 and region ap-northeast-1, e.g. "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:name-AbCdEf".',
  },
  {
    title: "database.masterSecretArn in another region",
    edits: [
      ["database.masterSecretArn", "arn:aws:secretsmanager:us-east-1:111111111111:secret:rds!db-0123abcd-AbCdEf"],
    ],
    key: K("database.masterSecretArn"),
    message:
      'rds-secret-share:database.masterSecretArn: got "arn:aws:secretsmanager:us-east-1:111111111111:secret:rds!db-0123abcd-AbCdEf"; expected a Secrets Manager secret ARN in account 111111111111 and region ap-northeast-1, e.g. "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:name-AbCdEf".',
  },
  {
    title: "database.masterSecretArn without its suffix",
    edits: [["database.masterSecretArn", "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds_master"]],
    key: K("database.masterSecretArn"),
    message:
      'rds-secret-share:database.masterSecretArn: got "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds_master"; expected a Secrets Manager secret ARN in account 111111111111 and region ap-northeast-1, e.g. "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:name-AbCdEf".',
  },
  {
    title: "database.masterSecretKmsKeyArn without masterSecretArn",
    edits: [
      ["database.masterSecretArn", undefined],
      [
        "database.masterSecretKmsKeyArn",
        "arn:aws:kms:ap-northeast-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      ],
    ],
    key: K("database.masterSecretKmsKeyArn"),
    message:
      'rds-secret-share:database.masterSecretKmsKeyArn: got "arn:aws:kms:ap-northeast-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"; expected only together with database.masterSecretArn.',
  },
  {
    title: "database.masterSecretKmsKeyArn an alias",
    edits: [["database.masterSecretKmsKeyArn", "arn:aws:kms:ap-northeast-1:111111111111:alias/rds"]],
    key: K("database.masterSecretKmsKeyArn"),
    message:
      'rds-secret-share:database.masterSecretKmsKeyArn: got "arn:aws:kms:ap-northeast-1:111111111111:alias/rds"; expected a KMS key ARN in account 111111111111 and region ap-northeast-1, e.g. "arn:aws:kms:ap-northeast-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab".',
  },
  {
    title: "database.grants privileges mixing ALL",
    edits: [["database.grants", [{ privileges: ["ALL", "SELECT"] }]]],
    key: K("database.grants[0].privileges"),
  },
  {
    title: "database.grants an unknown privilege",
    edits: [["database.grants", [{ database: "app", privileges: ["FLY"] }]]],
    key: K("database.grants[0].privileges[0]"),
  },
  {
    title: "database key misspelt",
    edits: [["database.hostname", "db"]],
    key: K("database.hostname"),
    message:
      'rds-secret-share:database.hostname: got "db"; expected no such key; rds-secret-share:database takes engine, host, port, dbname, username, instanceIdentifier, masterSecretArn, masterSecretKmsKeyArn, grants.',
  },
  // secret
  {
    title: "secret.name with a space",
    edits: [["secret.name", "rds dev"]],
    key: K("secret.name"),
    message:
      'rds-secret-share:secret.name: got "rds dev"; expected 1 to 512 characters of letters, digits and / _ + = . @ -.',
  },
  {
    title: "secret.name whose derived alias would be reserved",
    edits: [["secret.name", "aws/rds/app_user"]],
    key: K("secret.kmsAliasName"),
    message:
      'rds-secret-share:secret.kmsAliasName: got nothing; expected a KMS alias such as "alias/rds/dev/app_user": alias/ then 1 to 250 letters, digits, / _ -, not under alias/aws/; the default derived from secret.name, "alias/aws/rds/app_user", is not one, so set it.',
  },
  {
    title: "secret.name whose derived alias would be too long",
    edits: [["secret.name", `rds/${"x".repeat(300)}`]],
    key: K("secret.kmsAliasName"),
    message:
      'rds-secret-share:secret.kmsAliasName: got nothing; expected a KMS alias such as "alias/rds/dev/app_user": alias/ then 1 to 250 letters, digits, / _ -, not under alias/aws/; the default derived from secret.name, "alias/rds/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\u2026, is not one, so set it.',
  },
  {
    title: "secret.kmsAliasName reserved for AWS",
    edits: [["secret.kmsAliasName", "alias/aws/rds"]],
    key: K("secret.kmsAliasName"),
    message:
      'rds-secret-share:secret.kmsAliasName: got "alias/aws/rds"; expected a KMS alias such as "alias/rds/dev/app_user": alias/ then 1 to 250 letters, digits, / _ -, not under alias/aws/.',
  },
  {
    title: "secret.kmsAliasName without alias/",
    edits: [["secret.kmsAliasName", "rds/dev"]],
    key: K("secret.kmsAliasName"),
    message:
      'rds-secret-share:secret.kmsAliasName: got "rds/dev"; expected a KMS alias such as "alias/rds/dev/app_user": alias/ then 1 to 250 letters, digits, / _ -, not under alias/aws/.',
  },
  {
    title: "secret.description of two lines",
    edits: [["secret.description", "one\ntwo"]],
    key: K("secret.description"),
    message: 'rds-secret-share:secret.description: got "one\\ntwo"; expected one line of up to 2048 characters.',
  },
  {
    title: "secret.recoveryWindowInDays below 7",
    edits: [["secret.recoveryWindowInDays", 5]],
    key: K("secret.recoveryWindowInDays"),
    message: "rds-secret-share:secret.recoveryWindowInDays: got 5; expected a whole number from 7 to 30.",
  },
  {
    title: "secret.kmsDeletionWindowInDays above 30",
    edits: [["secret.kmsDeletionWindowInDays", 31]],
    key: K("secret.kmsDeletionWindowInDays"),
    message: "rds-secret-share:secret.kmsDeletionWindowInDays: got 31; expected a whole number from 7 to 30.",
  },
  {
    title: "secret not an object",
    edits: [["secret", "rds/dev/app_user"]],
    key: K("secret"),
    message:
      'rds-secret-share:secret: got "rds/dev/app_user"; expected an object with keys name, description, kmsAliasName, recoveryWindowInDays, kmsDeletionWindowInDays.',
  },
  // rotation
  {
    title: "rotation.scheduleExpression every 3 hours",
    edits: [["rotation.scheduleExpression", "rate(3 hours)"]],
    key: K("rotation.scheduleExpression"),
    message:
      'rds-secret-share:rotation.scheduleExpression: got "rate(3 hours)"; expected a rate of at least 4 hours, not 3 hours. Secrets Manager accepts rate(N hours) or rate(N days) between 4 hours and 999 days, or cron(0 H DoM Mon DoW *) with minutes 0, year *, exactly one of day-of-month and day-of-week "?" and at least 4 hours between rotations (UTC), e.g. "cron(0 16 ? * SUN *)" or "rate(30 days)".',
  },
  {
    title: "rotation.scheduleExpression over 999 days",
    edits: [["rotation.scheduleExpression", "rate(1000 days)"]],
    key: K("rotation.scheduleExpression"),
    message:
      'rds-secret-share:rotation.scheduleExpression: got "rate(1000 days)"; expected a rate of at most 999 days, not 1000 days. Secrets Manager accepts rate(N hours) or rate(N days) between 4 hours and 999 days, or cron(0 H DoM Mon DoW *) with minutes 0, year *, exactly one of day-of-month and day-of-week "?" and at least 4 hours between rotations (UTC), e.g. "cron(0 16 ? * SUN *)" or "rate(30 days)".',
  },
  {
    title: "rotation.scheduleExpression 1 days",
    edits: [["rotation.scheduleExpression", "rate(1 days)"]],
    key: K("rotation.scheduleExpression"),
    message:
      'rds-secret-share:rotation.scheduleExpression: got "rate(1 days)"; expected rate(1 day), with the unit in the singular. Secrets Manager accepts rate(N hours) or rate(N days) between 4 hours and 999 days, or cron(0 H DoM Mon DoW *) with minutes 0, year *, exactly one of day-of-month and day-of-week "?" and at least 4 hours between rotations (UTC), e.g. "cron(0 16 ? * SUN *)" or "rate(30 days)".',
  },
  {
    title: "rotation.scheduleExpression cron with minutes",
    edits: [["rotation.scheduleExpression", "cron(15 16 ? * SUN *)"]],
    key: K("rotation.scheduleExpression"),
    message:
      'rds-secret-share:rotation.scheduleExpression: got "cron(15 16 ? * SUN *)"; expected minutes 0, not 15: rotations start on the hour. Secrets Manager accepts rate(N hours) or rate(N days) between 4 hours and 999 days, or cron(0 H DoM Mon DoW *) with minutes 0, year *, exactly one of day-of-month and day-of-week "?" and at least 4 hours between rotations (UTC), e.g. "cron(0 16 ? * SUN *)" or "rate(30 days)".',
  },
  {
    title: "rotation.scheduleExpression cron with both days",
    edits: [["rotation.scheduleExpression", "cron(0 16 * * SUN *)"]],
    key: K("rotation.scheduleExpression"),
    message:
      'rds-secret-share:rotation.scheduleExpression: got "cron(0 16 * * SUN *)"; expected "?" in one of day-of-month and day-of-week, since only one may choose the days, not * and SUN. Secrets Manager accepts rate(N hours) or rate(N days) between 4 hours and 999 days, or cron(0 H DoM Mon DoW *) with minutes 0, year *, exactly one of day-of-month and day-of-week "?" and at least 4 hours between rotations (UTC), e.g. "cron(0 16 ? * SUN *)" or "rate(30 days)".',
  },
  {
    title: "rotation.scheduleExpression cron every 2 hours",
    edits: [["rotation.scheduleExpression", "cron(0 0/2 * * ? *)"]],
    key: K("rotation.scheduleExpression"),
    message:
      'rds-secret-share:rotation.scheduleExpression: got "cron(0 0/2 * * ? *)"; expected at least 4 hours between rotations, not every 2 hours (hours 0/2). Secrets Manager accepts rate(N hours) or rate(N days) between 4 hours and 999 days, or cron(0 H DoM Mon DoW *) with minutes 0, year *, exactly one of day-of-month and day-of-week "?" and at least 4 hours between rotations (UTC), e.g. "cron(0 16 ? * SUN *)" or "rate(30 days)".',
  },
  {
    title: "rotation.scheduleExpression cron with 5 fields",
    edits: [["rotation.scheduleExpression", "cron(0 16 ? * SUN)"]],
    key: K("rotation.scheduleExpression"),
    message:
      'rds-secret-share:rotation.scheduleExpression: got "cron(0 16 ? * SUN)"; expected 6 cron fields (minutes, hours, day-of-month, month, day-of-week, year), not 5. Secrets Manager accepts rate(N hours) or rate(N days) between 4 hours and 999 days, or cron(0 H DoM Mon DoW *) with minutes 0, year *, exactly one of day-of-month and day-of-week "?" and at least 4 hours between rotations (UTC), e.g. "cron(0 16 ? * SUN *)" or "rate(30 days)".',
  },
  {
    title: "rotation.scheduleExpression cron every hour",
    edits: [["rotation.scheduleExpression", "cron(0 * ? * MON *)"]],
    key: K("rotation.scheduleExpression"),
    message:
      'rds-secret-share:rotation.scheduleExpression: got "cron(0 * ? * MON *)"; expected at least 4 hours between rotations, not every hour (hours *). Secrets Manager accepts rate(N hours) or rate(N days) between 4 hours and 999 days, or cron(0 H DoM Mon DoW *) with minutes 0, year *, exactly one of day-of-month and day-of-week "?" and at least 4 hours between rotations (UTC), e.g. "cron(0 16 ? * SUN *)" or "rate(30 days)".',
  },
  {
    title: "rotation.scheduleExpression cron with both day fields *",
    edits: [["rotation.scheduleExpression", "cron(0 16 * * * *)"]],
    key: K("rotation.scheduleExpression"),
    message:
      'rds-secret-share:rotation.scheduleExpression: got "cron(0 16 * * * *)"; expected "?" in one of day-of-month and day-of-week, since only one may choose the days, not * in both. Secrets Manager accepts rate(N hours) or rate(N days) between 4 hours and 999 days, or cron(0 H DoM Mon DoW *) with minutes 0, year *, exactly one of day-of-month and day-of-week "?" and at least 4 hours between rotations (UTC), e.g. "cron(0 16 ? * SUN *)" or "rate(30 days)".',
  },
  {
    title: "rotation.scheduleExpression in words",
    edits: [["rotation.scheduleExpression", "every sunday"]],
    key: K("rotation.scheduleExpression"),
    message:
      'rds-secret-share:rotation.scheduleExpression: got "every sunday"; expected rate(N hours) or rate(N days) between 4 hours and 999 days, or cron(0 H DoM Mon DoW *) with minutes 0, year *, exactly one of day-of-month and day-of-week "?" and at least 4 hours between rotations (UTC), e.g. "cron(0 16 ? * SUN *)" or "rate(30 days)".',
  },
  {
    title: "rotation.scheduleExpression missing",
    edits: [["rotation.scheduleExpression", undefined]],
    key: K("rotation.scheduleExpression"),
    message:
      'rds-secret-share:rotation.scheduleExpression: got nothing; expected rate(N hours) or rate(N days) between 4 hours and 999 days, or cron(0 H DoM Mon DoW *) with minutes 0, year *, exactly one of day-of-month and day-of-week "?" and at least 4 hours between rotations (UTC), e.g. "cron(0 16 ? * SUN *)" or "rate(30 days)".',
  },
  {
    title: "rotation.strategy unknown",
    edits: [["rotation.strategy", "multi-user"]],
    key: K("rotation.strategy"),
    message:
      'rds-secret-share:rotation.strategy: got "multi-user"; expected one of "single-user", "alternating-users".',
  },
  {
    title: "rotation.strategy alternating-users without masterSecretArn",
    edits: [
      ["rotation.strategy", "alternating-users"],
      ["database.masterSecretArn", undefined],
    ],
    key: K("database.masterSecretArn"),
    message:
      "rds-secret-share:database.masterSecretArn: got nothing; expected the administrator's secret ARN, which rotation.strategy alternating-users requires.",
  },
  {
    title: "rotation.strategy alternating-users with a user name too long for its clone",
    edits: [
      ["rotation.strategy", "alternating-users"],
      ["database.engine", "mysql"],
      ["database.port", 3306],
      ["database.username", "a".repeat(27)],
    ],
    key: K("database.username"),
    message:
      'rds-secret-share:database.username: got "aaaaaaaaaaaaaaaaaaaaaaaaaaa"; expected at most 26 characters with alternating-users rotation, which adds _clone.',
  },
  {
    title: "rotation.subnetIds empty",
    edits: [["rotation.subnetIds", []]],
    key: K("rotation.subnetIds"),
    message:
      'rds-secret-share:rotation.subnetIds: got []; expected a list of 1 to 16 entries, each a subnet id, e.g. "subnet-0123456789abcdef0".',
  },
  {
    title: "rotation.subnetIds malformed",
    edits: [["rotation.subnetIds", ["subnet-xyz"]]],
    key: K("rotation.subnetIds[0]"),
    message:
      'rds-secret-share:rotation.subnetIds[0]: got "subnet-xyz"; expected a subnet id, e.g. "subnet-0123456789abcdef0".',
  },
  {
    title: "rotation.securityGroupIds too short",
    edits: [["rotation.securityGroupIds", ["sg-0123"]]],
    key: K("rotation.securityGroupIds[0]"),
    message:
      'rds-secret-share:rotation.securityGroupIds[0]: got "sg-0123"; expected a security group id, e.g. "sg-0123456789abcdef0".',
  },
  {
    title: "rotation.securityGroupIds missing",
    edits: [["rotation.securityGroupIds", undefined]],
    key: K("rotation.securityGroupIds"),
    message:
      'rds-secret-share:rotation.securityGroupIds: got nothing; expected a list of 1 to 5 entries, each a security group id, e.g. "sg-0123456789abcdef0".',
  },
  {
    title: "rotation.duration running into the next UTC day",
    edits: [["rotation.duration", "12h"]],
    key: K("rotation.duration"),
    message:
      'rds-secret-share:rotation.duration: got "12h"; expected at most 8h with scheduleExpression cron(0 16 ? * SUN *): a rotation window may not run into the next UTC day or the next scheduled rotation.',
  },
  {
    title: "rotation.duration longer than the rate",
    edits: [
      ["rotation.scheduleExpression", "rate(4 hours)"],
      ["rotation.duration", "6h"],
    ],
    key: K("rotation.duration"),
    message:
      'rds-secret-share:rotation.duration: got "6h"; expected at most 4h with scheduleExpression rate(4 hours): a rotation window may not run into the next UTC day or the next scheduled rotation.',
  },
  {
    title: "rotation.duration over a day",
    edits: [["rotation.duration", "25h"]],
    key: K("rotation.duration"),
    message: 'rds-secret-share:rotation.duration: got "25h"; expected a rotation window of 1h to 24h, e.g. "3h".',
  },
  {
    title: "rotation.functionName with a dot",
    edits: [["rotation.functionName", "rds.rotation"]],
    key: K("rotation.functionName"),
    message:
      'rds-secret-share:rotation.functionName: got "rds.rotation"; expected a Lambda function name of 1 to 64 letters, digits, hyphens and underscores.',
  },
  {
    title: "rotation key misspelt",
    edits: [["rotation.schedule", "rate(30 days)"]],
    key: K("rotation.schedule"),
    message:
      'rds-secret-share:rotation.schedule: got "rate(30 days)"; expected no such key; rds-secret-share:rotation takes scheduleExpression, strategy, subnetIds, securityGroupIds, duration, functionName.',
  },
  // consumers
  {
    title: "consumers missing",
    edits: [["consumers", undefined]],
    key: K("consumers"),
    message:
      "rds-secret-share:consumers: got nothing; expected a list of 1 to 20 consumers, each an object with keys name, accountId, region, assumeRoleArn, profile, executionRoleArn, taskDefinition, restartServices.",
  },
  {
    title: "consumers empty",
    edits: [["consumers", []]],
    key: K("consumers"),
    message:
      "rds-secret-share:consumers: got []; expected a list of 1 to 20 consumers, each an object with keys name, accountId, region, assumeRoleArn, profile, executionRoleArn, taskDefinition, restartServices.",
  },
  {
    title: "consumers a map, not a list",
    edits: [["consumers", { app: {} }]],
    key: K("consumers"),
    message:
      'rds-secret-share:consumers: got {"app":{}}; expected a list of 1 to 20 consumers, each an object with keys name, accountId, region, assumeRoleArn, profile, executionRoleArn, taskDefinition, restartServices.',
  },
  {
    title: "consumers[0].name in upper case",
    edits: [["consumers[0].name", "App_1"]],
    key: K("consumers[0].name"),
    message:
      'rds-secret-share:consumers[0].name: got "App_1"; expected 1 to 32 characters of [a-z0-9-], not starting or ending with a hyphen.',
  },
  {
    title: "consumers[0].name missing",
    edits: [["consumers[0].name", undefined]],
    key: K("consumers[0].name"),
    message:
      "rds-secret-share:consumers[0].name: got nothing; expected 1 to 32 characters of [a-z0-9-], not starting or ending with a hyphen.",
  },
  {
    title: "consumers names duplicated",
    edits: [["consumers[1]", { ...SECOND, name: "app" }]],
    key: K("consumers[1].name"),
    message:
      'rds-secret-share:consumers[1].name: got "app"; expected a name not already used by rds-secret-share:consumers[0].',
  },
  {
    title: "consumers[0].accountId with a letter",
    edits: [["consumers[0].accountId", "22222222222a"]],
    key: K("consumers[0].accountId"),
    message:
      'rds-secret-share:consumers[0].accountId: got "22222222222a"; expected a 12-digit AWS account id written as a quoted string, e.g. "111111111111".',
  },
  {
    title: "consumers[0].region not a region",
    edits: [["consumers[0].region", "ap-northeast"]],
    key: K("consumers[0].region"),
    message:
      'rds-secret-share:consumers[0].region: got "ap-northeast"; expected an AWS region of the commercial partition, e.g. "ap-northeast-1".',
  },
  {
    title: "consumers[0].executionRoleArn in another account",
    edits: [["consumers[0].executionRoleArn", "arn:aws:iam::333333333333:role/app-task-execution"]],
    key: K("consumers[0].executionRoleArn"),
    message:
      'rds-secret-share:consumers[0].executionRoleArn: got "arn:aws:iam::333333333333:role/app-task-execution"; expected an IAM role ARN in account 222222222222, e.g. "arn:aws:iam::222222222222:role/name" (a path such as role/service-role/name is allowed).',
  },
  {
    title: "consumers[0].executionRoleArn a bare name",
    edits: [["consumers[0].executionRoleArn", "app-task-execution"]],
    key: K("consumers[0].executionRoleArn"),
    message:
      'rds-secret-share:consumers[0].executionRoleArn: got "app-task-execution"; expected an IAM role ARN in account 222222222222, e.g. "arn:aws:iam::222222222222:role/name" (a path such as role/service-role/name is allowed).',
  },
  {
    title: "consumers[0].executionRoleArn a user",
    edits: [["consumers[0].executionRoleArn", "arn:aws:iam::222222222222:user/app"]],
    key: K("consumers[0].executionRoleArn"),
    message:
      'rds-secret-share:consumers[0].executionRoleArn: got "arn:aws:iam::222222222222:user/app"; expected an IAM role ARN in account 222222222222, e.g. "arn:aws:iam::222222222222:role/name" (a path such as role/service-role/name is allowed).',
  },
  {
    title: "consumers[0].executionRoleArn an Identity Center role without its path",
    edits: [
      ["consumers[0].executionRoleArn", "arn:aws:iam::222222222222:role/AWSReservedSSO_app-runner_fedcba9876543210"],
    ],
    key: K("consumers[0].executionRoleArn"),
    message:
      'rds-secret-share:consumers[0].executionRoleArn: got "arn:aws:iam::222222222222:role/AWSReservedSSO_app-runner_fedcba9876543210"; expected the role\'s full ARN, with the path IAM Identity Center creates its roles under: "arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/<region>/AWSReservedSSO_app-runner_fedcba9876543210", e.g. "arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_app-runner_fedcba9876543210", or "arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_app-runner_fedcba9876543210" when Identity Center is in us-east-1 (as IAM shows the role; KMS and Secrets Manager refuse the ARN without its path).',
  },
  {
    title: "consumers[0].assumeRoleArn in the owner account",
    edits: [["consumers[0].assumeRoleArn", "arn:aws:iam::111111111111:role/deployer"]],
    key: K("consumers[0].assumeRoleArn"),
    message:
      'rds-secret-share:consumers[0].assumeRoleArn: got "arn:aws:iam::111111111111:role/deployer"; expected an IAM role ARN in account 222222222222, e.g. "arn:aws:iam::222222222222:role/name" (a path such as role/service-role/name is allowed).',
  },
  {
    title: "consumers[0].profile with a slash",
    edits: [["consumers[0].profile", "consumer/dev"]],
    key: K("consumers[0].profile"),
    message:
      'rds-secret-share:consumers[0].profile: got "consumer/dev"; expected an AWS profile name (letters, digits, . _ + @ -).',
  },
  {
    title: "consumers[0].taskDefinition missing",
    edits: [["consumers[0].taskDefinition", undefined]],
    key: K("consumers[0].taskDefinition"),
    message:
      "rds-secret-share:consumers[0].taskDefinition: got nothing; expected an object with keys family, image, cpu, memory, containerName, containerPort, passwordEnvName, usernameEnvName, urlEnvName, environment, taskRoleArn, logGroupName, logRetentionInDays.",
  },
  {
    title: "taskDefinition.family with a slash",
    edits: [["consumers[0].taskDefinition.family", "app/web"]],
    key: K("consumers[0].taskDefinition.family"),
    message:
      'rds-secret-share:consumers[0].taskDefinition.family: got "app/web"; expected 1 to 255 letters, digits, hyphens and underscores.',
  },
  {
    title: "taskDefinition.image in upper case",
    edits: [["consumers[0].taskDefinition.image", "App:latest"]],
    key: K("consumers[0].taskDefinition.image"),
    message:
      'rds-secret-share:consumers[0].taskDefinition.image: got "App:latest"; expected a container image reference, e.g. "222222222222.dkr.ecr.ap-northeast-1.amazonaws.com/app:1.0.0".',
  },
  {
    title: "taskDefinition.cpu not a Fargate size",
    edits: [["consumers[0].taskDefinition.cpu", 300]],
    key: K("consumers[0].taskDefinition.cpu"),
    message:
      "rds-secret-share:consumers[0].taskDefinition.cpu: got 300; expected one of 256, 512, 1024, 2048, 4096, 8192, 16384.",
  },
  {
    title: "taskDefinition.memory not allowed with its cpu",
    edits: [
      ["consumers[0].taskDefinition.cpu", 256],
      ["consumers[0].taskDefinition.memory", 4096],
    ],
    key: K("consumers[0].taskDefinition.memory"),
    message:
      "rds-secret-share:consumers[0].taskDefinition.memory: got 4096; expected a Fargate memory size for cpu 256: one of 512, 1024, 2048.",
  },
  {
    title: "taskDefinition.passwordEnvName starting with a digit",
    edits: [["consumers[0].taskDefinition.passwordEnvName", "1PASSWORD"]],
    key: K("consumers[0].taskDefinition.passwordEnvName"),
    message:
      'rds-secret-share:consumers[0].taskDefinition.passwordEnvName: got "1PASSWORD"; expected an environment variable name: letters, digits and underscores, not starting with a digit.',
  },
  {
    title: "taskDefinition.usernameEnvName equal to passwordEnvName",
    edits: [["consumers[0].taskDefinition.usernameEnvName", "SPRING_DATASOURCE_PASSWORD"]],
    key: K("consumers[0].taskDefinition.usernameEnvName"),
    message:
      'rds-secret-share:consumers[0].taskDefinition.usernameEnvName: got "SPRING_DATASOURCE_PASSWORD"; expected a name other than passwordEnvName\'s, since the two variables would clash.',
  },
  {
    title: "taskDefinition.urlEnvName with a hyphen",
    edits: [["consumers[0].taskDefinition.urlEnvName", "DB-URL"]],
    key: K("consumers[0].taskDefinition.urlEnvName"),
    message:
      'rds-secret-share:consumers[0].taskDefinition.urlEnvName: got "DB-URL"; expected an environment variable name: letters, digits and underscores, not starting with a digit.',
  },
  {
    title: "taskDefinition.environment setting the password variable",
    edits: [["consumers[0].taskDefinition.environment", { SPRING_DATASOURCE_PASSWORD: "x" }]],
    key: K("consumers[0].taskDefinition.environment.SPRING_DATASOURCE_PASSWORD"),
    message:
      'rds-secret-share:consumers[0].taskDefinition.environment.SPRING_DATASOURCE_PASSWORD: got "SPRING_DATASOURCE_PASSWORD"; expected a name other than SPRING_DATASOURCE_PASSWORD, SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_URL, which the task definition sets itself.',
  },
  {
    title: "taskDefinition.environment with a number",
    edits: [["consumers[0].taskDefinition.environment", { POOL_SIZE: 10 }]],
    key: K("consumers[0].taskDefinition.environment.POOL_SIZE"),
    message:
      "rds-secret-share:consumers[0].taskDefinition.environment.POOL_SIZE: got 10; expected a string (quote numbers and booleans).",
  },
  {
    title: "taskDefinition.environment holding a password in plain text",
    edits: [["consumers[0].taskDefinition.environment", { DB_PASSWORD: "Plain-Text-Pass-123" }]],
    key: K("consumers[0].taskDefinition.environment.DB_PASSWORD"),
    message:
      "rds-secret-share:consumers[0].taskDefinition.environment.DB_PASSWORD: got a secret value (not shown); expected no password or secret in plain environment: anyone who may describe the task definition reads it, and the state keeps it in plain text. The database password reaches the container from the secret as SPRING_DATASOURCE_PASSWORD; keep other secrets in Secrets Manager.",
  },
  {
    title: "taskDefinition.environment with a password as a number",
    edits: [["consumers[0].taskDefinition.environment", { DB_PWD: 98765432 }]],
    key: K("consumers[0].taskDefinition.environment.DB_PWD"),
    message:
      "rds-secret-share:consumers[0].taskDefinition.environment.DB_PWD: got a secret value (not shown); expected a string (quote numbers and booleans).",
  },
  {
    title: "a password under an unknown key of database",
    edits: [["database.password", "Sup3r-Secret-Value"]],
    key: K("database.password"),
    message:
      "rds-secret-share:database.password: got a secret value (not shown); expected no such key; rds-secret-share:database takes engine, host, port, dbname, username, instanceIdentifier, masterSecretArn, masterSecretKmsKeyArn, grants.",
  },
  {
    title: "a password inside a value of the wrong type",
    edits: [["database.host", { hostname: "db.internal", password: "Sup3r-Secret-Value" }]],
    key: K("database.host"),
    message:
      'rds-secret-share:database.host: got {"hostname":"db.internal","password":"(not shown)"}; expected a DNS host name, e.g. "app-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com".',
  },
  {
    title: "taskDefinition.containerName with a space",
    edits: [["consumers[0].taskDefinition.containerName", "app web"]],
    key: K("consumers[0].taskDefinition.containerName"),
    message:
      'rds-secret-share:consumers[0].taskDefinition.containerName: got "app web"; expected 1 to 255 letters, digits, hyphens and underscores.',
  },
  {
    title: "taskDefinition.containerPort 0",
    edits: [["consumers[0].taskDefinition.containerPort", 0]],
    key: K("consumers[0].taskDefinition.containerPort"),
    message:
      "rds-secret-share:consumers[0].taskDefinition.containerPort: got 0; expected a whole number from 1 to 65535.",
  },
  {
    title: "taskDefinition.taskRoleArn in another account",
    edits: [["consumers[0].taskDefinition.taskRoleArn", "arn:aws:iam::111111111111:role/app-task"]],
    key: K("consumers[0].taskDefinition.taskRoleArn"),
    message:
      'rds-secret-share:consumers[0].taskDefinition.taskRoleArn: got "arn:aws:iam::111111111111:role/app-task"; expected an IAM role ARN in account 222222222222, e.g. "arn:aws:iam::222222222222:role/name" (a path such as role/service-role/name is allowed).',
  },
  {
    title: "taskDefinition.logGroupName under aws/",
    edits: [["consumers[0].taskDefinition.logGroupName", "aws/ecs/app"]],
    key: K("consumers[0].taskDefinition.logGroupName"),
    message:
      'rds-secret-share:consumers[0].taskDefinition.logGroupName: got "aws/ecs/app"; expected a CloudWatch log group name of letters, digits and _ - / . #, not starting with aws/, e.g. "/ecs/dev/app".',
  },
  {
    title: "taskDefinition.logRetentionInDays not a CloudWatch period",
    edits: [["consumers[0].taskDefinition.logRetentionInDays", 2]],
    key: K("consumers[0].taskDefinition.logRetentionInDays"),
    message:
      "rds-secret-share:consumers[0].taskDefinition.logRetentionInDays: got 2; expected one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653.",
  },
  {
    title: "taskDefinition key misspelt",
    edits: [["consumers[0].taskDefinition.familly", "app"]],
    key: K("consumers[0].taskDefinition.familly"),
    message:
      'rds-secret-share:consumers[0].taskDefinition.familly: got "app"; expected no such key; rds-secret-share:consumers[0].taskDefinition takes family, image, cpu, memory, containerName, containerPort, passwordEnvName, usernameEnvName, urlEnvName, environment, taskRoleArn, logGroupName, logRetentionInDays.',
  },
  {
    title: "restartServices listing a service twice",
    edits: [
      [
        "consumers[0].restartServices",
        [
          { cluster: "c", service: "s" },
          { cluster: "c", service: "s" },
        ],
      ],
    ],
    key: K("consumers[0].restartServices[1]"),
    message:
      'rds-secret-share:consumers[0].restartServices[1]: got {"cluster":"c","service":"s"}; expected each cluster and service listed once.',
  },
  {
    title: "restartServices with a space in the cluster",
    edits: [["consumers[0].restartServices", [{ cluster: "app cluster", service: "app" }]]],
    key: K("consumers[0].restartServices[0].cluster"),
    message:
      'rds-secret-share:consumers[0].restartServices[0].cluster: got "app cluster"; expected an ECS name of 1 to 255 letters, digits, hyphens and underscores.',
  },
  {
    title: "restartServices not a list",
    edits: [["consumers[0].restartServices", "app-cluster/app"]],
    key: K("consumers[0].restartServices"),
    message:
      'rds-secret-share:consumers[0].restartServices: got "app-cluster/app"; expected a list of up to 20 services, each {cluster, service}.',
  },
  {
    title: "two consumers in one account and region restarting the same service",
    edits: [["consumers[1]", { ...SECOND, restartServices: [{ cluster: "app-cluster", service: "app" }] }]],
    key: K("consumers[1].restartServices[0]"),
    message:
      'rds-secret-share:consumers[1].restartServices[0]: got {"cluster":"app-cluster","service":"app"}; expected a service not already restarted by rds-secret-share:consumers[0] (it would be redeployed twice per rotation).',
  },
  {
    title: "two consumer names that differ only in hyphens",
    edits: [
      ["consumers[0].name", "app-1"],
      ["consumers[1]", { ...SECOND, name: "app1" }],
    ],
    key: K("consumers[1].name"),
    message:
      'rds-secret-share:consumers[1].name: got "app1"; expected a name that differs from rds-secret-share:consumers[0] ("app-1") in more than hyphens, since both name the policy statement App1.',
  },
  {
    title: "two consumers in one account and region with different credentials",
    edits: [["consumers[1]", { ...SECOND, assumeRoleArn: "arn:aws:iam::222222222222:role/other-deployer" }]],
    key: K("consumers[1].assumeRoleArn"),
    message:
      'rds-secret-share:consumers[1].assumeRoleArn: got "arn:aws:iam::222222222222:role/other-deployer"; expected the same assumeRoleArn and profile as rds-secret-share:consumers[0], which deploys to the same account and region.',
  },
  {
    title: "two consumers in one account and region with one family",
    edits: [["consumers[1]", { ...SECOND, taskDefinition: { ...SECOND.taskDefinition, family: "app" } }]],
    key: K("consumers[1].taskDefinition.family"),
    message:
      'rds-secret-share:consumers[1].taskDefinition.family: got "app"; expected a family not already used in account 222222222222 by rds-secret-share:consumers[0].',
  },
  {
    title: "two consumers in one account and region with one log group",
    edits: [
      ["consumers[1]", { ...SECOND, taskDefinition: { ...SECOND.taskDefinition, logGroupName: "/ecs/dev/app" } }],
    ],
    key: K("consumers[1].taskDefinition.logGroupName"),
    message:
      'rds-secret-share:consumers[1].taskDefinition.logGroupName: got "/ecs/dev/app"; expected a log group not already used in account 222222222222 and region ap-northeast-1 by rds-secret-share:consumers[0].',
  },
  {
    title: "consumer key misspelt",
    edits: [["consumers[0].executionRole", "x"]],
    key: K("consumers[0].executionRole"),
    message:
      'rds-secret-share:consumers[0].executionRole: got "x"; expected no such key; rds-secret-share:consumers[0] takes name, accountId, region, assumeRoleArn, profile, executionRoleArn, taskDefinition, restartServices.',
  },
  // dbPassword
  {
    title: "dbPassword in plain text",
    edits: [["dbPassword", "Plain-Text-Passw0rd!"]],
    key: PASSWORD_KEY,
    message:
      "rds-secret-share:dbPassword: got a value in plain text (not shown); expected a secret: delete the plain-text value from the file and run `pulumi config set --secret rds-secret-share:dbPassword --stack dev`, which asks for the password and stores it encrypted (or leave dbPassword out to have one generated).",
  },
  {
    title: "dbPassword too short",
    edits: [["dbPassword", "Sh0rt!"]],
    key: PASSWORD_KEY,
    secretKeys: [PASSWORD_KEY],
    message:
      "rds-secret-share:dbPassword: got a secret value (not shown); expected 8 to 128 printable ASCII characters without / \" @ space : ' \\ or backtick.",
  },
  {
    title: "dbPassword with an @",
    edits: [["dbPassword", "Secret@Passw0rd-123"]],
    key: PASSWORD_KEY,
    secretKeys: [PASSWORD_KEY],
    message:
      "rds-secret-share:dbPassword: got a secret value (not shown); expected 8 to 128 printable ASCII characters without / \" @ space : ' \\ or backtick.",
  },
  {
    title: "dbPassword too long for MySQL",
    edits: [
      ["database.engine", "mysql"],
      ["database.port", 3306],
      ["dbPassword", "A1b2C3d4E5".repeat(5)],
    ],
    key: PASSWORD_KEY,
    secretKeys: [PASSWORD_KEY],
    message:
      "rds-secret-share:dbPassword: got a secret value (not shown); expected 8 to 41 printable ASCII characters without / \" @ space : ' \\ or backtick.",
  },
  // the owner reference, for part consumer
  {
    title: "secretArn given to part all",
    edits: [["secretArn", "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user-AbCdEf"]],
    key: K("secretArn"),
    message:
      'rds-secret-share:secretArn: got "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user-AbCdEf"; expected nothing unless rds-secret-share:part is consumer (the owner side creates the secret and key itself).',
  },
  {
    title: "part consumer with secretArn but no kmsKeyArn",
    edits: [
      ["part", "consumer"],
      ["secretArn", "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user-AbCdEf"],
    ],
    key: K("kmsKeyArn"),
    stack: "dev-consumer",
    message:
      'rds-secret-share:kmsKeyArn: got nothing; expected a KMS key ARN in account 111111111111 and region ap-northeast-1, e.g. "arn:aws:kms:ap-northeast-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab".',
  },
  {
    title: "part consumer with a kmsKeyArn in another account",
    edits: [
      ["part", "consumer"],
      ["secretArn", "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user-AbCdEf"],
      ["kmsKeyArn", "arn:aws:kms:ap-northeast-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
    ],
    key: K("kmsKeyArn"),
    stack: "dev-consumer",
    message:
      'rds-secret-share:kmsKeyArn: got "arn:aws:kms:ap-northeast-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"; expected a KMS key ARN in account 111111111111 and region ap-northeast-1, e.g. "arn:aws:kms:ap-northeast-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab".',
  },
  {
    title: "part consumer with an invalid ownerStack",
    edits: [
      ["part", "consumer"],
      ["ownerStack", "dev owner"],
    ],
    key: K("ownerStack"),
    stack: "dev-consumer",
    message:
      'rds-secret-share:ownerStack: got "dev owner"; expected a stack name, "<stack>", "<project>/<stack>" or "<org>/<project>/<stack>".',
  },
  {
    title: "part consumer with no way to find the owner",
    edits: [["part", "consumer"]],
    key: K("ownerStack"),
    stack: "dev",
    message:
      "rds-secret-share:ownerStack: got nothing; expected the owner stack's name (or both rds-secret-share:secretArn and rds-secret-share:kmsKeyArn) for part consumer.",
  },
  // unknown keys
  {
    title: "a misspelt namespace: rds-secret-shar:protect",
    edits: [["protect", undefined]],
    others: { "rds-secret-shar:protect": true },
    key: "rds-secret-shar:protect",
    message:
      'rds-secret-shar:protect: got "true"; expected rds-secret-share:protect: "rds-secret-shar" misspells the namespace rds-secret-share, so nothing reads this key.',
  },
  {
    title: "a misspelt namespace with underscores: rds_secret_share:consumers",
    edits: [],
    others: { "rds_secret_share:consumers": [] },
    key: "rds_secret_share:consumers",
    message:
      'rds_secret_share:consumers: got "[]"; expected rds-secret-share:consumers: "rds_secret_share" misspells the namespace rds-secret-share, so nothing reads this key.',
  },
  {
    title: "a misspelt namespace in capitals, on a key that is not ours",
    edits: [],
    others: { "RDS-Secret-Share:retention": 30 },
    key: "RDS-Secret-Share:retention",
    message:
      'RDS-Secret-Share:retention: got "30"; expected a key of the rds-secret-share namespace, which "RDS-Secret-Share" misspells, so nothing reads this key; the rds-secret-share namespace takes part, protect, owner, database, secret, rotation, consumers, dbPassword, secretArn, kmsKeyArn, ownerStack.',
  },
  {
    title: "a misspelt namespace on dbPassword: the value is not shown",
    edits: [],
    others: { "rds-secret-shar:dbPassword": "Plain-Text-Passw0rd!" },
    key: "rds-secret-shar:dbPassword",
    message:
      'rds-secret-shar:dbPassword: got a secret value (not shown); expected rds-secret-share:dbPassword: "rds-secret-shar" misspells the namespace rds-secret-share, so nothing reads this key.',
  },
  {
    title: "rotation without a namespace",
    edits: [["rotation", undefined]],
    others: {
      rotation: {
        scheduleExpression: "cron(0 16 ? * SUN *)",
        strategy: "single-user",
        subnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
        securityGroupIds: ["sg-0123456789abcdef0"],
      },
    },
    key: "rotation",
    message:
      'rotation: got "{\\"scheduleExpression\\":\\"cron(0 16 ? * SUN *)\\",\\"strategy\\":\\"single-user\\",\\"subnetIds\\":[\\"subnet-0123456789abcdef0…; expected the key written as rds-secret-share:rotation: the driver, plan and db-user read only rds-secret-share:* keys, while `pulumi up` reads a key without a namespace as the project\'s, so only the full name means the same to both.',
  },
  {
    title: "protect without a namespace, in another case",
    edits: [],
    others: { Protect: true },
    key: "Protect",
    message:
      'Protect: got "true"; expected the key written as rds-secret-share:protect: the driver, plan and db-user read only rds-secret-share:* keys, while `pulumi up` reads a key without a namespace as the project\'s, so only the full name means the same to both.',
  },
  {
    title: "a key without a namespace that is not ours",
    edits: [],
    others: { retention: 30 },
    key: "retention",
    message:
      'retention: got "30"; expected no key without a namespace: `pulumi up` would read it as rds-secret-share:retention, which is no such key; the rds-secret-share namespace takes part, protect, owner, database, secret, rotation, consumers, dbPassword, secretArn, kmsKeyArn, ownerStack.',
  },
  {
    title: "a password-like key of the namespace that is not ours: the value is not shown",
    edits: [],
    others: { "rds-secret-share:dbPasword": "Plain-Text-Passw0rd!" },
    key: "rds-secret-share:dbPasword",
    message:
      "rds-secret-share:dbPasword: got a secret value (not shown); expected no such key; the rds-secret-share namespace takes part, protect, owner, database, secret, rotation, consumers, dbPassword, secretArn, kmsKeyArn, ownerStack.",
  },
  {
    title: "a misspelt top-level key",
    edits: [["consumer", []]],
    key: K("consumer"),
    message:
      'rds-secret-share:consumer: got "[]"; expected no such key; the rds-secret-share namespace takes part, protect, owner, database, secret, rotation, consumers, dbPassword, secretArn, kmsKeyArn, ownerStack.',
  },
];
