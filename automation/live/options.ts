// What a caller may tell preflight and doctor.

import { DriverOptions } from "../driver/options";
import { ShareOutputs } from "./deployed";

export interface PreflightOptions {
  /** The project root holding Pulumi.<env>.yaml. @default this checkout */
  readonly root?: string;
  /** Rotation findings block instead of warning. @default false */
  readonly strict?: boolean;
  /** How long an account's credentials may take to resolve, ms. @default 2500 */
  readonly credentialsBoundMs?: number;
  /** Bound on the default chain's instance-metadata probe, ms. @default 1000 */
  readonly metadataTimeoutMs?: number;
}

export interface DoctorOptions {
  /** The project root holding Pulumi.<env>.yaml. @default this checkout */
  readonly root?: string;
  /** The stacks' outputs, when the caller has them. @default read with the driver's `outputs` */
  readonly outputs?: ShareOutputs;
  /** How the driver reads the outputs (the Pulumi CLI, its environment). @default {} */
  readonly driver?: DriverOptions;
  /** Count tasks on a replaced password in every service running a consumer's family. @default restartServices only */
  readonly allServices?: boolean;
  /** The time rotation dates are judged against. @default now */
  readonly now?: Date;
  /** How long an account's credentials may take to resolve, ms. @default 2500 */
  readonly credentialsBoundMs?: number;
  /** Bound on the default chain's instance-metadata probe, ms. @default 1000 */
  readonly metadataTimeoutMs?: number;
}
