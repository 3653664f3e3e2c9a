// preflight (before a deploy) and doctor (after it): read-only questions to AWS.

export { doctor } from "./doctor";
export type { DeployedConsumer, DeployedShare, ShareOutputs } from "./deployed";
export { exitCodeOf } from "./model";
export type { AccountReport, Check, CheckStatus, DoctorResult, PreflightResult, Verdict } from "./model";
export { preflight } from "./preflight";
export type { DoctorOptions, PreflightOptions } from "./options";
export { renderDoctor, renderPreflight } from "./render";
