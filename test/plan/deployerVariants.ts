// The configurations the deployer-policy tests compute policies for: the dev example and the
// variations the plan tests use, each planned once per test process.

import { DeployerPolicies, deployerPolicies, planConfigWithRun, Plan } from "../../automation/plan";
import { OfflineRun } from "../../automation/offline/runtime";
import { Part } from "../../infra/config/types";
import { BILLING_CONSUMER, configWith, devConfig } from "../support/program";
import { twoConsumerConfig } from "./support";

export interface Variant {
  readonly title: string;
  readonly config: Record<string, unknown>;
  readonly part?: Part;
}

export const TASK_ROLE = "arn:aws:iam::222222222222:role/app-task";

export const VARIANTS: readonly Variant[] = [
  { title: "the dev example", config: devConfig() },
  { title: "--part owner", config: devConfig(), part: "owner" },
  { title: "--part consumer", config: devConfig(), part: "consumer" },
  { title: "two consumer accounts", config: twoConsumerConfig() },
  {
    title: "a consumer in another region",
    config: configWith((c) => c["rds-secret-share:consumers"].push(BILLING_CONSUMER)),
  },
  {
    title: "alternating users",
    config: configWith((c) => (c["rds-secret-share:rotation"].strategy = "alternating-users")),
  },
  { title: "no rotation", config: configWith((c) => delete c["rds-secret-share:rotation"]) },
  {
    title: "a consumer stack by hand, reading the owner stack",
    config: configWith((c) => {
      c["rds-secret-share:part"] = "consumer";
      c["rds-secret-share:ownerStack"] = "dev-owner";
    }),
  },
  {
    title: "a task role",
    config: configWith((c) => (c["rds-secret-share:consumers"][0].taskDefinition.taskRoleArn = TASK_ROLE)),
  },
];

export interface Computed {
  readonly plan: Plan;
  readonly run: OfflineRun;
  readonly policies: DeployerPolicies;
}

const computed = new Map<Variant, Promise<Computed>>();

/** The plan, run and deployer policies of a variant, computed once. */
export function compute(variant: Variant): Promise<Computed> {
  let result = computed.get(variant);
  if (result === undefined) {
    result = planConfigWithRun(variant.config, "dev", { part: variant.part }).then(({ plan, run }) => ({
      plan,
      run,
      policies: deployerPolicies(plan, run),
    }));
    computed.set(variant, result);
  }
  return result;
}

/** The dev example's. */
export const dev = (): Promise<Computed> => compute(VARIANTS[0]);
