// `plan`: what a deployment of an environment would create, per account, offline.
export { PLAN_FORMATS, planCommand, planJson, PlanUsageError, renderPlan } from "./command";
export type { CliFlags, PlanFormat } from "./command";
export type { GraphEdge, GraphNode, GrantSource, PlanGraph } from "./graph";
export { renderMermaid } from "./mermaid";
export { plan, planConfig } from "./plan";
export type { DriverSetting, Plan, PlanAccount, PlanDataSource, PlanResource, PlanStackReference } from "./model";
export type { PlanOptions } from "./plan";
export { RESOURCE_STEPS } from "./resourceSteps";
export type { ResourceStep } from "./resourceSteps";
export { STEPS } from "./steps";
export type { Step, StepId } from "./steps";
export { renderText } from "./text";
