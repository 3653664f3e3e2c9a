// `plan`: what a deployment of an environment would create, per account, offline.
export { PLAN_FORMATS, planCommand, planJson, renderPlan } from "./command";
export type { PlanFormat } from "./command";
export { PlanUsageError } from "./errors";
export type { GraphEdge, GraphNode, GrantSource, PlanGraph } from "./graph";
export { DEPLOYER_ACTIONS, deployerActions } from "./deployerActions";
export type { Actions, DeployerActions, Grant, PassedRole, Purpose } from "./deployerGrants";
export { PURPOSES } from "./deployerGrants";
export {
  deployerPolicies,
  deployerPoliciesJson,
  MANAGED_POLICY_LIMIT,
  policySize,
  renderDeployerPolicies,
  sizeNote,
  uncoveredTokens,
} from "./deployerPolicy";
export type { DeployerAccount, DeployerPolicies } from "./deployerPolicy";
export { renderMermaid } from "./mermaid";
export { plan, planConfig, planConfigWithRun, planWithRun } from "./plan";
export type { DriverSetting, Plan, PlanAccount, PlanDataSource, PlanResource, PlanStackReference } from "./model";
export type { PlanOptions } from "./plan";
export { RESOURCE_STEPS } from "./resourceSteps";
export type { ResourceStep } from "./resourceSteps";
export { STEPS } from "./steps";
export type { Step, StepId } from "./steps";
export { renderText } from "./text";
