// Configurations the access matrix runs on, each run offline through the program itself.

import { OfflineRun } from "../../automation/offline/runtime";
import { BILLING_CONSUMER, configWith, devConfig, runProgram } from "../support/program";
import { sharePolicies, SharePolicies } from "../support/simulate";

export const PATH_ROLE_ARN = "arn:aws:iam::222222222222:role/service-role/ecs/app-task-execution";

export interface Scenario {
  readonly title: string;
  readonly policies: () => Promise<SharePolicies>;
}

/** The driver's way: an owner stack, then a consumer stack given the owner's outputs. */
async function splitStacks(): Promise<SharePolicies> {
  const ownerRun = await runProgram(
    configWith((c) => (c["rds-secret-share:part"] = "owner")),
    { stack: "dev-owner" },
  );
  const consumerRun: OfflineRun = await runProgram(
    configWith((c) => {
      c["rds-secret-share:part"] = "consumer";
      c["rds-secret-share:secretArn"] = ownerRun.outputs.secretArn;
      c["rds-secret-share:kmsKeyArn"] = ownerRun.outputs.kmsKeyArn;
    }),
    { stack: "dev-consumer" },
  );
  return sharePolicies(ownerRun, consumerRun);
}

export const SCENARIOS: readonly Scenario[] = [
  { title: "dev example (Pulumi.dev.yaml)", policies: async () => sharePolicies(await runProgram(devConfig())) },
  {
    title: "two consumers in two accounts",
    policies: async () =>
      sharePolicies(await runProgram(configWith((c) => c["rds-secret-share:consumers"].push(BILLING_CONSUMER)))),
  },
  {
    title: "an execution role with a path",
    policies: async () =>
      sharePolicies(
        await runProgram(configWith((c) => (c["rds-secret-share:consumers"][0].executionRoleArn = PATH_ROLE_ARN))),
      ),
  },
  { title: "the driver's split stacks (dev-owner, then dev-consumer)", policies: splitStacks },
];
