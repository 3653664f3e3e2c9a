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
