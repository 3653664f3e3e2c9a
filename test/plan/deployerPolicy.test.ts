import { expect } from "chai";
import {
  DEPLOYER_ACTIONS,
  DeployerAccount,
  deployerPolicies,
  MANAGED_POLICY_LIMIT,
  policySize,
  uncoveredTokens,
} from "../../automation/plan";
import { PolicyStatement } from "../../infra/access/documents";
import { thrown } from "../support/errors";
import { compute, dev, TASK_ROLE, VARIANTS } from "./deployerVariants";

const OWNER_REGION = "arn:aws:kms:ap-northeast-1:111111111111";
const SECRET = "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user-??????";
const EXECUTION_ROLE = "arn:aws:iam::222222222222:role/app-task-execution";
const STACK_TAGS = { "pulumi:project": "rds-secret-share", "pulumi:stack": "dev" };

const tagged = (prefix: string, tags: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(tags).map(([k, v]) => [`${prefix}${k}`, v]));

function statement(account: DeployerAccount, sid: string): PolicyStatement {
  const found = account.policy.Statement.find((s) => s.Sid === sid);
  if (found === undefined) {
    throw new Error(`no statement ${sid} in the ${account.role} account's policy`);
  }
  return found;
}

describe("plan --deployer-policy: the table covers the program", () => {
  for (const variant of VARIANTS) {
    it(`GIVEN ${variant.title} WHEN its policies are computed THEN every type and data source it uses has an entry`, async () => {
      const { plan, run, policies } = await compute(variant);
      expect(uncoveredTokens(run)).to.deep.equal([]);
      expect(policies.accounts.map((a) => [a.role, a.accountId, a.region])).to.deep.equal(
        plan.accounts.map((a) => [a.role, a.accountId, a.region]),
      );
    });
  }

  it("GIVEN a run with a type the table lacks WHEN its policies are computed THEN it fails naming the type", async () => {
    const { plan, run } = await dev();
    const [first] = run.registrations.filter((r) => r.type === "aws:sqs/queue:Queue");
    const extended = { ...run, registrations: [...run.registrations, { ...first, type: "aws:s3/bucket:Bucket" }] };
    expect(uncoveredTokens(extended)).to.deep.equal(["aws:s3/bucket:Bucket"]);
    expect(thrown(() => deployerPolicies(plan, extended)).message).to.equal(
      "deployer policy: no entry in automation/plan/deployerActions.ts for aws:s3/bucket:Bucket",
    );
  });

  it("GIVEN every variant THEN each entry of the table is used by one of them: the table lists nothing stale", async () => {
    const used = new Set<string>();
    for (const variant of VARIANTS) {
      const { run } = await compute(variant);
      run.registrations.forEach((r) => used.add(r.type));
      run.invokes.forEach((i) => used.add(i.token));
    }
    expect(DEPLOYER_ACTIONS.map((e) => e.token).filter((t) => !used.has(t))).to.deep.equal([]);
  });
});

describe("plan --deployer-policy: the dev example", () => {
  it("GIVEN the owner account THEN the key is created and managed only with this stack's tags", async () => {
    const [owner] = (await dev()).policies.accounts;
    expect(statement(owner, "CreateTaggedKey")).to.deep.equal({
      Sid: "CreateTaggedKey",
      Effect: "Allow",
      Action: ["kms:CreateKey", "kms:TagResource"],
      Resource: "*",
      Condition: { StringEquals: tagged("aws:RequestTag/", STACK_TAGS) },
    });
    expect(statement(owner, "ManageTaggedKey")).to.deep.equal({
      Sid: "ManageTaggedKey",
      Effect: "Allow",
      Action: [
        "kms:CreateAlias",
        "kms:DeleteAlias",
        "kms:DescribeKey",
        "kms:DisableKeyRotation",
        "kms:EnableKeyRotation",
        "kms:GetKeyPolicy",
        "kms:GetKeyRotationStatus",
        "kms:ListResourceTags",
        "kms:PutKeyPolicy",
        "kms:ScheduleKeyDeletion",
        "kms:TagResource",
        "kms:UntagResource",
        "kms:UpdateAlias",
        "kms:UpdateKeyDescription",
      ],
      Resource: `${OWNER_REGION}:key/*`,
      Condition: { StringEquals: tagged("aws:ResourceTag/", STACK_TAGS) },
    });
    expect(statement(owner, "KeyAlias").Resource).to.equal(`${OWNER_REGION}:alias/rds/dev/app_user`);
  });

  it("GIVEN the owner account THEN the secret's actions name this secret only, and its key only via Secrets Manager", async () => {
    const [owner] = (await dev()).policies.accounts;
    expect(statement(owner, "Secret")).to.deep.equal({
      Sid: "Secret",
      Effect: "Allow",
      Action: [
        "secretsmanager:CancelRotateSecret",
        "secretsmanager:CreateSecret",
        "secretsmanager:DeleteResourcePolicy",
        "secretsmanager:DeleteSecret",
        "secretsmanager:DescribeSecret",
        "secretsmanager:GetResourcePolicy",
        "secretsmanager:GetSecretValue",
        "secretsmanager:ListSecretVersionIds",
        "secretsmanager:PutSecretValue",
        "secretsmanager:TagResource",
        "secretsmanager:UntagResource",
        "secretsmanager:UpdateSecret",
        "secretsmanager:UpdateSecretVersionStage",
      ],
      Resource: SECRET,
    });
    expect(statement(owner, "KeyViaSecretsManager")).to.deep.equal({
      Sid: "KeyViaSecretsManager",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: `${OWNER_REGION}:key/*`,
      Condition: {
        StringEquals: {
          ...tagged("aws:ResourceTag/", STACK_TAGS),
          "kms:ViaService": "secretsmanager.ap-northeast-1.amazonaws.com",
        },
        StringLike: { "kms:EncryptionContext:SecretARN": SECRET },
      },
    });
    expect(statement(owner, "RotateOnSchedule").Condition).to.deep.equal({
      StringEquals: {
        "secretsmanager:RotationLambdaARN":
          "arn:aws:lambda:ap-northeast-1:111111111111:function:rds-dev-app_user-rotation",
      },
      Bool: { "secretsmanager:RotateImmediately": "false" },
    });
  });

  it("GIVEN the consumer account THEN the execution role is passed to ECS tasks and nothing else", async () => {
    const [, consumer] = (await dev()).policies.accounts;
    expect(statement(consumer, "PassRoleToEcsTasks")).to.deep.equal({
      Sid: "PassRoleToEcsTasks",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: EXECUTION_ROLE,
      Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
    });
    expect(statement(consumer, "RoleInlinePolicies").Resource).to.deep.equal([
      EXECUTION_ROLE,
      "arn:aws:iam::222222222222:role/rds-dev-app_user-app-redeploy",
      "arn:aws:iam::222222222222:role/rds-dev-app_user-app-start-restart",
    ]);
    expect(statement(consumer, "TaskDefinitionFamily").Resource).to.equal(
      "arn:aws:ecs:ap-northeast-1:222222222222:task-definition/app:*",
    );
  });

  it("GIVEN both accounts THEN the consumer's policy fits a managed policy and the owner's only an inline one", async () => {
    const [owner, consumer] = (await dev()).policies.accounts;
    expect(policySize(consumer.policy)).to.be.at.most(MANAGED_POLICY_LIMIT);
    expect(policySize(owner.policy)).to.be.above(MANAGED_POLICY_LIMIT).and.at.most(10240);
  });
});

describe("plan --deployer-policy: scoping, in every variant", () => {
  const unresolved = (s: PolicyStatement): boolean => JSON.stringify(s).includes("<");
  for (const variant of VARIANTS) {
    it(`GIVEN ${variant.title} THEN only actions without resource types, and key creation, are on "*"`, async () => {
      for (const account of (await compute(variant)).policies.accounts) {
        const anywhere = account.policy.Statement.filter((s) => s.Resource === "*").map((s) => s.Sid);
        expect(anywhere.filter((sid) => !["Unscoped", "CreateTaggedKey"].includes(sid))).to.deep.equal([]);
        expect(account.policy.Statement.filter(unresolved).map((s) => s.Sid)).to.deep.equal([]);
      }
    });

    it(`GIVEN ${variant.title} THEN every role is passed to one service only, and only roles of its account`, async () => {
      for (const account of (await compute(variant)).policies.accounts) {
        for (const s of account.policy.Statement.filter((x) => [x.Action].flat().includes("iam:PassRole"))) {
          expect(s.Action, s.Sid).to.equal("iam:PassRole");
          expect(Object.keys(s.Condition?.StringEquals ?? {}), s.Sid).to.deep.equal(["iam:PassedToService"]);
          expect([s.Resource].flat().every((r) => r.startsWith(`arn:aws:iam::${account.accountId}:role/`))).to.be.true;
        }
      }
    });
  }

  it("GIVEN --part owner THEN the key statements require the tags of stack dev-owner", async () => {
    const [owner] = (await compute(VARIANTS[1])).policies.accounts;
    expect(statement(owner, "ManageTaggedKey").Condition).to.deep.equal({
      StringEquals: tagged("aws:ResourceTag/", { ...STACK_TAGS, "pulumi:stack": "dev-owner" }),
    });
  });

  it("GIVEN a task role THEN it is passed to ECS tasks beside the execution role", async () => {
    const variant = VARIANTS.find((v) => v.title === "a task role")!;
    const [, consumer] = (await compute(variant)).policies.accounts;
    expect(statement(consumer, "PassRoleToEcsTasks").Resource).to.deep.equal([TASK_ROLE, EXECUTION_ROLE]);
  });
});
