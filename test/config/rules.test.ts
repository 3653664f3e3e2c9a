import { expect } from "chai";
import * as rules from "../../infra/config/rules";

const cases: [string, rules.Rule, string[], string[]][] = [
  [
    "image",
    rules.image,
    [
      "222222222222.dkr.ecr.ap-northeast-1.amazonaws.com/app:1.0.0",
      "nginx",
      "library/nginx:1.25",
      "a--b",
      "registry.example.com:5000/team/app__x/sub.mod:v1_2",
      "public.ecr.aws/docker/library/nginx:1.25-alpine",
      `ghcr.io/org/app@sha256:${"a".repeat(64)}`,
    ],
    ["App:latest", "app:", "app:-x", "/app", "app/", "app//x", "ghcr.io/Org/app", "app@sha256:abc", "a-", "a..b", ""],
  ],
  [
    "role ARN in account 222222222222",
    rules.roleArn("222222222222"),
    [
      "arn:aws:iam::222222222222:role/app-task-execution",
      "arn:aws:iam::222222222222:role/service-role/ecs/app-task-execution",
    ],
    [
      "arn:aws:iam::333333333333:role/app",
      "arn:aws:iam::222222222222:user/app",
      "arn:aws:iam::222222222222:role/",
      "arn:aws-cn:iam::222222222222:role/app",
      "arn:aws:sts::222222222222:assumed-role/app/x",
      `arn:aws:iam::222222222222:role/${"r".repeat(65)}`,
    ],
  ],
  [
    "secret ARN in 111111111111, ap-northeast-1",
    rules.secretArn("111111111111", "ap-northeast-1"),
    ["arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds!db-0123abcd-AbCdEf"],
    [
      "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds_master",
      "arn:aws:secretsmanager:us-east-1:111111111111:secret:rds-AbCdEf",
      "arn:aws:secretsmanager:ap-northeast-1:222222222222:secret:rds-AbCdEf",
    ],
  ],
  [
    "KMS key ARN in 111111111111, ap-northeast-1",
    rules.kmsKeyArn("111111111111", "ap-northeast-1"),
    [
      "arn:aws:kms:ap-northeast-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      `arn:aws:kms:ap-northeast-1:111111111111:key/mrk-${"0".repeat(32)}`,
    ],
    [
      "arn:aws:kms:ap-northeast-1:111111111111:alias/rds",
      "arn:aws:kms:ap-northeast-1:111111111111:key/1234ABCD-12ab-34cd-56ef-1234567890ab",
      "1234abcd-12ab-34cd-56ef-1234567890ab",
    ],
  ],
  [
    "KMS alias",
    rules.kmsAliasName,
    ["alias/rds/dev/app_user", `alias/${"a".repeat(250)}`],
    ["alias/aws/rds", "rds/dev", "alias/", `alias/${"a".repeat(251)}`, "alias/rds.dev"],
  ],
];

describe("value rules", () => {
  for (const [name, rule, valid, invalid] of cases) {
    it(`${name}: accepts ${valid.length} and refuses ${invalid.length} examples`, () => {
      expect(valid.filter((v) => !rule.test(v))).to.deep.equal([]);
      expect(invalid.filter((v) => rule.test(v))).to.deep.equal([]);
    });
  }
});

describe("IAM Identity Center roles: the path AWS creates them under", () => {
  const SSO = "aws-reserved/sso.amazonaws.com";
  it("GIVEN an AWSReservedSSO_ role under its path, with a region or without (us-east-1), or any other role THEN nothing is refused", () => {
    const fine = [
      `arn:aws:iam::111111111111:role/${SSO}/ap-northeast-1/AWSReservedSSO_perm-app_0123456789abcdef`,
      `arn:aws:iam::111111111111:role/${SSO}/us-gov-west-1/AWSReservedSSO_perm-app_0123456789abcdef`,
      `arn:aws:iam::111111111111:role/${SSO}/AWSReservedSSO_perm-app_0123456789abcdef`,
      "arn:aws:iam::111111111111:role/admin",
      "arn:aws:iam::111111111111:role/team/AWSReservedSSOish",
      "arn:aws:iam::111111111111:user/AWSReservedSSO_perm-app_0123456789abcdef",
    ];
    expect(fine.filter((v) => rules.ssoRolePath(v) !== undefined)).to.deep.equal([]);
  });

  it("GIVEN an AWSReservedSSO_ role without its path or under another THEN the full ARN is asked for", () => {
    const refused = [
      "arn:aws:iam::111111111111:role/AWSReservedSSO_perm-app_0123456789abcdef",
      "arn:aws:iam::111111111111:role/ap-northeast-1/AWSReservedSSO_perm-app_0123456789abcdef",
      `arn:aws:iam::111111111111:role/${SSO}/ap-northeast-1/extra/AWSReservedSSO_perm-app_0123456789abcdef`,
      `arn:aws:iam::111111111111:role/${SSO}/tokyo/AWSReservedSSO_perm-app_0123456789abcdef`,
      "arn:aws:iam::111111111111:role/aws-reserved/AWSReservedSSO_perm-app_0123456789abcdef",
    ];
    expect(refused.filter((v) => rules.ssoRolePath(v) === undefined)).to.deep.equal([]);
    expect(rules.ssoRolePath(refused[0])).to.equal(
      `the role's full ARN, with the path IAM Identity Center creates its roles under: ` +
        `"arn:aws:iam::111111111111:role/${SSO}/<region>/AWSReservedSSO_perm-app_0123456789abcdef", ` +
        `e.g. "arn:aws:iam::111111111111:role/${SSO}/ap-northeast-1/AWSReservedSSO_perm-app_0123456789abcdef", ` +
        `or "arn:aws:iam::111111111111:role/${SSO}/AWSReservedSSO_perm-app_0123456789abcdef" when Identity Center is in us-east-1 ` +
        `(as IAM shows the role; KMS and Secrets Manager refuse the ARN without its path)`,
    );
  });
});
