// What a deploy script imports: the commands as plain async functions, their options and their
// result types. Importing does nothing. From outside this folder, install it as a package
// (`npm install <path to this checkout>`) and `import { deploy, plan } from "rds-secret-share"`.

export * from "./driver";
export type { StackChanges } from "./driver/changes";
export type { StackUpdate } from "./driver/deploy";
export { plan, planConfig, renderPlan, renderMermaid, deployerPolicies } from "./plan";
export type {
  DeployerAccount,
  DeployerPolicies,
  DriverSetting,
  GraphEdge,
  GraphNode,
  GrantSource,
  Plan,
  PlanAccount,
  PlanDataSource,
  PlanFormat,
  PlanGraph,
  PlanOptions,
  PlanResource,
  PlanStackReference,
  Step,
  StepId,
} from "./plan";
export { dbUser, DbUserError, renderDbUser } from "./dbuser";
export type { DbUserOptions, DbUserResult, GrantOutcome, UserAction } from "./dbuser";
export { doctor, exitCodeOf, preflight, renderDoctor, renderPreflight } from "./live";
export type {
  AccountReport,
  Check,
  CheckStatus,
  DeployedConsumer,
  DeployedShare,
  DoctorOptions,
  DoctorResult,
  PreflightOptions,
  PreflightResult,
  ShareOutputs,
  Verdict,
} from "./live";
export { ConfigError } from "../infra/config/problems";
export type { ConfigWarning, Problem } from "../infra/config/problems";
export type { Settings } from "../infra/config/types";
export { EnvironmentError } from "./environment";
