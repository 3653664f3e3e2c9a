// examples/consumer-stack run under the Pulumi SDK's mocks: what it reads from the owner stack and
// what its task definition injects. (Type-checked by `npm run typecheck` like the rest.)

import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";

const PROJECT = "rds-secret-share-consumer-example";
const OWNER_STACK = "organization/rds-secret-share/dev-owner";
const SECRET = "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds/dev/app_user-AbCdEf";
const KEY = "arn:aws:kms:ap-northeast-1:111111111111:key/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e";

interface Recorded {
  readonly type: string;
  readonly inputs: Record<string, unknown>;
}

async function runExample(): Promise<{ recorded: Recorded[]; outputs: Record<string, unknown> }> {
  const recorded: Recorded[] = [];
  pulumi.runtime.setAllConfig({
    [`${PROJECT}:ownerStack`]: OWNER_STACK,
    [`${PROJECT}:executionRoleArn`]: "arn:aws:iam::222222222222:role/app-task-execution",
    [`${PROJECT}:image`]: "222222222222.dkr.ecr.ap-northeast-1.amazonaws.com/report:1.0.0",
  });
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        recorded.push({ type: args.type, inputs: args.inputs as Record<string, unknown> });
        if (args.type === "pulumi:pulumi:StackReference") {
          const outputs = { secretArn: SECRET, kmsKeyArn: KEY, passwordValueFrom: `${SECRET}:password::` };
          return { id: String(args.inputs.name), state: { name: args.inputs.name, outputs, secretOutputNames: [] } };
        }
        return { id: `${args.name}-id`, state: { ...args.inputs, arn: `arn of ${args.name}` } };
      },
      call: (args) => (args.token === "aws:index/getRegion:getRegion" ? { region: "ap-northeast-1" } : {}),
    },
    PROJECT,
    "dev",
    false,
  );
  const outputs = await pulumi.runtime.runInPulumiStack(async () => {
    const example = (await import("../../examples/consumer-stack/index")) as Record<string, unknown>;
    return example;
  });
  await pulumi.runtime.disconnect();
  return { recorded, outputs: outputs ?? {} };
}

describe("examples/consumer-stack", () => {
  let run: Awaited<ReturnType<typeof runExample>>;
  before(async () => {
    run = await runExample();
  });

  it("GIVEN ownerStack THEN it reads that stack by its fully qualified name", () => {
    expect(
      run.recorded.filter((r) => r.type === "pulumi:pulumi:StackReference").map((r) => r.inputs.name),
    ).to.deep.equal([OWNER_STACK]);
  });

  it("THEN its task definition injects the password from passwordValueFrom and names the shared secret and key", () => {
    const task = run.recorded.find((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition");
    const [container] = JSON.parse(String(task?.inputs.containerDefinitions)) as { secrets: unknown[] }[];
    expect(container.secrets).to.deep.equal([
      { name: "DB_PASSWORD", valueFrom: `${SECRET}:password::` },
      { name: "DB_USERNAME", valueFrom: `${SECRET}:username::` },
    ]);
    expect(task?.inputs.tags).to.deep.equal({ "rds-secret-share:secret": SECRET, "rds-secret-share:kms-key": KEY });
  });

  it("THEN it creates only its log group and task definition: no policy, no grant", () => {
    expect(run.recorded.map((r) => r.type).sort()).to.deep.equal([
      "aws:cloudwatch/logGroup:LogGroup",
      "aws:ecs/taskDefinition:TaskDefinition",
      "pulumi:pulumi:Stack",
      "pulumi:pulumi:StackReference",
    ]);
  });
});
