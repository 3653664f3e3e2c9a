// What a single value may look like. Each rule is a test and the words that say what it allows;
// the words go straight into the error message.

export interface Rule {
  readonly test: (value: string) => boolean;
  /** Completes "expected …", e.g. `a 12-digit AWS account id`. */
  readonly allowed: string;
  /** A further check of a value that passed `test`: what is expected instead, or undefined when it is fine. */
  readonly refuse?: (value: string) => string | undefined;
}

export function pattern(re: RegExp, allowed: string): Rule {
  return { test: (v) => re.test(v), allowed };
}

export function oneOf(values: readonly string[]): Rule {
  return {
    test: (v) => values.includes(v),
    allowed: `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
  };
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;
const USER_ARN = /^arn:aws:iam::(\d{12}):user\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;

export const accountId: Rule = pattern(
  /^\d{12}$/,
  'a 12-digit AWS account id written as a quoted string, e.g. "111111111111"',
);

// Commercial partition only: rotation applications and ARNs here are built for `aws`.
export const region: Rule = pattern(
  /^(af|ap|ca|eu|il|me|mx|sa|us)-(central|north|south|east|west|northeast|northwest|southeast|southwest)-\d{1,2}$/,
  'an AWS region of the commercial partition, e.g. "ap-northeast-1"',
);

/**
 * IAM Identity Center creates its roles (AWSReservedSSO_<permission set>_<id>) only under
 * /aws-reserved/sso.amazonaws.com/, followed by the Identity Center region unless that is
 * us-east-1. Typed without that path the ARN names no role: KMS and Secrets Manager refuse the
 * principal. What is expected instead, for such an ARN; undefined for any other.
 */
export function ssoRolePath(arn: string): string | undefined {
  const m = ROLE_ARN.exec(arn);
  if (m === null || !m[3].startsWith("AWSReservedSSO_") || SSO_PATH.test(m[2])) {
    return undefined;
  }
  const prefix = `arn:aws:iam::${m[1]}:role/aws-reserved/sso.amazonaws.com`;
  return (
    `the role's full ARN, with the path IAM Identity Center creates its roles under: "${prefix}/<region>/${m[3]}", ` +
    `e.g. "${prefix}/ap-northeast-1/${m[3]}", or "${prefix}/${m[3]}" when Identity Center is in us-east-1 ` +
    `(as IAM shows the role; KMS and Secrets Manager refuse the ARN without its path)`
  );
}

const SSO_PATH = /^aws-reserved\/sso\.amazonaws\.com\/(?:[a-z]{2}(?:-[a-z]+)+-\d{1,2}\/)?$/;

export function roleArn(account: string | undefined): Rule {
  const where = account ? ` in account ${account}` : "";
  return {
    test: (v) => {
      const m = ROLE_ARN.exec(v);
      return m !== null && (account === undefined || m[1] === account);
    },
    allowed: `an IAM role ARN${where}, e.g. "arn:aws:iam::${account ?? "111111111111"}:role/name" (a path such as role/service-role/name is allowed)`,
    refuse: ssoRolePath,
  };
}

/** Key administrators: roles or users of the owner account, never a wildcard or an assumed-role session. */
export function principalArn(account: string | undefined): Rule {
  const where = account ? ` in account ${account}` : "";
  return {
    test: (v) => {
      const m = ROLE_ARN.exec(v) ?? USER_ARN.exec(v);
      return m !== null && (account === undefined || m[1] === account);
    },
    allowed: `an IAM role or user ARN${where}, e.g. "arn:aws:iam::${account ?? "111111111111"}:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_perm-app_0123456789abcdef"`,
    refuse: ssoRolePath,
  };
}

export function secretArn(account: string | undefined, inRegion: string | undefined): Rule {
  const re = /^arn:aws:secretsmanager:([a-z0-9-]+):(\d{12}):secret:([\w/+=.@!-]+)-[A-Za-z0-9]{6}$/;
  return {
    test: (v) => {
      const m = re.exec(v);
      return m !== null && (inRegion === undefined || m[1] === inRegion) && (account === undefined || m[2] === account);
    },
    allowed: `a Secrets Manager secret ARN in account ${account ?? "<owner>"} and region ${inRegion ?? "<owner region>"}, e.g. "arn:aws:secretsmanager:${inRegion ?? "ap-northeast-1"}:${account ?? "111111111111"}:secret:name-AbCdEf"`,
  };
}

export function kmsKeyArn(account: string | undefined, inRegion: string | undefined): Rule {
  const re =
    /^arn:aws:kms:([a-z0-9-]+):(\d{12}):key\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
  return {
    test: (v) => {
      const m = re.exec(v);
      return m !== null && (inRegion === undefined || m[1] === inRegion) && (account === undefined || m[2] === account);
    },
    allowed: `a KMS key ARN in account ${account ?? "<owner>"} and region ${inRegion ?? "<owner region>"}, e.g. "arn:aws:kms:${inRegion ?? "ap-northeast-1"}:${account ?? "111111111111"}:key/1234abcd-12ab-34cd-56ef-1234567890ab"`,
  };
}

export const profile = pattern(/^[\w.+@-]{1,64}$/, "an AWS profile name (letters, digits, . _ + @ -)");

export const hostname = pattern(
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/,
  'a DNS host name, e.g. "app-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com"',
);

export const dbname = pattern(
  /^[A-Za-z_][A-Za-z0-9_]{0,62}$/,
  "a database name of 1 to 63 letters, digits and underscores, not starting with a digit",
);

export const instanceIdentifier = pattern(
  /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,61}[a-zA-Z0-9]$|^[a-zA-Z]$/,
  "an RDS instance identifier: 1 to 63 letters, digits and hyphens, starting with a letter, without -- or a trailing hyphen",
);

export const consumerName = pattern(
  /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/,
  "1 to 32 characters of [a-z0-9-], not starting or ending with a hyphen",
);

// A name ending in "-" and six characters only confuses lookups by partial ARN, which this
// project never makes (full ARNs everywhere; db-user reads by name), so it is allowed.
export const secretName = pattern(/^[\w/+=.@-]{1,512}$/, "1 to 512 characters of letters, digits and / _ + = . @ -");

export const kmsAliasName = pattern(
  /^alias\/(?!aws\/)[a-zA-Z0-9/_-]{1,250}$/,
  'a KMS alias such as "alias/rds/dev/app_user": alias/ then 1 to 250 letters, digits, / _ -, not under alias/aws/',
);

export const subnetId = pattern(/^subnet-[0-9a-f]{8,17}$/, 'a subnet id, e.g. "subnet-0123456789abcdef0"');

export const securityGroupId = pattern(/^sg-[0-9a-f]{8,17}$/, 'a security group id, e.g. "sg-0123456789abcdef0"');

export const functionName = pattern(
  /^[A-Za-z0-9_-]{1,64}$/,
  "a Lambda function name of 1 to 64 letters, digits, hyphens and underscores",
);

export const rotationDuration = pattern(/^([1-9]|1[0-9]|2[0-4])h$/, 'a rotation window of 1h to 24h, e.g. "3h"');

export const family = pattern(/^[A-Za-z0-9_-]{1,255}$/, "1 to 255 letters, digits, hyphens and underscores");

// Docker's reference grammar: [registry[:port]/]path[:tag][@digest]; path components are lower
// case, separated by ".", "_", "__" or any run of "-".
const IMAGE_DOMAIN =
  "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\\d+)?";
const IMAGE_PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";

export const image = pattern(
  new RegExp(
    `^(?:${IMAGE_DOMAIN}/)?${IMAGE_PATH_COMPONENT}(?:/${IMAGE_PATH_COMPONENT})*(?::\\w[\\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$`,
  ),
  'a container image reference, e.g. "222222222222.dkr.ecr.ap-northeast-1.amazonaws.com/app:1.0.0"',
);

/**
 * Environment variable names that say password or secret: never in a task definition's plain
 * environment, which anyone who may describe it can read (config refuses them, doctor flags them).
 */
export const PASSWORD_LIKE_ENV_NAME = /PASSWORD|PASSWD|PWD|SECRET/i;

export const envName = pattern(
  /^[A-Za-z_][A-Za-z0-9_]{0,254}$/,
  "an environment variable name: letters, digits and underscores, not starting with a digit",
);

export const logGroupName = pattern(
  /^(?!aws\/)[\w/.#-]{1,512}$/,
  'a CloudWatch log group name of letters, digits and _ - / . #, not starting with aws/, e.g. "/ecs/dev/app"',
);

export const ecsName = pattern(
  /^[A-Za-z0-9_-]{1,255}$/,
  "an ECS name of 1 to 255 letters, digits, hyphens and underscores",
);

export const stackName = pattern(
  /^([\w.-]+\/){0,2}[\w.-]+$/,
  'a stack name, "<stack>", "<project>/<stack>" or "<org>/<project>/<stack>"',
);
