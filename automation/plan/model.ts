// What `plan` shows: the program's registrations arranged by account and procedure step.

import { ConfigWarning } from "../../infra/config/problems";
import { Part } from "../../infra/config/types";
import { PlanPolicy } from "./registrationInputs";
import { PlanGraph } from "./graph";
import { StepId } from "./steps";

export interface PlanResource {
  readonly type: string;
  /** The logical (Pulumi) name. */
  readonly name: string;
  /** The procedure step it implements; undefined only for a resource the step table misses. */
  readonly step?: StepId;
  /** What it is in the share, from the step table. */
  readonly role?: string;
  /** The consumer it serves, for a consumer account's resources. */
  readonly consumer?: string;
  /** Inputs other than policies; JSON text parsed; secrets masked. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** Policy documents among the inputs, parsed. */
  readonly policies: readonly PlanPolicy[];
  /** Inputs that are secrets (shown masked). */
  readonly secretInputs: readonly string[];
  readonly options: {
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    readonly ignoreChanges: readonly string[];
    readonly additionalSecretOutputs: readonly string[];
    /** Logical names of the resources it waits for. */
    readonly dependsOn: readonly string[];
  };
}

export interface PlanDataSource {
  readonly token: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly result: Readonly<Record<string, unknown>>;
}

/** One account (and region): its explicit provider and everything made through it. */
export interface PlanAccount {
  readonly role: "owner" | "consumer";
  readonly accountId: string;
  readonly region: string;
  /** The explicit provider's logical name. */
  readonly provider: string;
  readonly assumeRoleArn?: string;
  readonly profile?: string;
  /** Consumers deployed in this account and region. */
  readonly consumers: readonly string[];
  readonly resources: readonly PlanResource[];
  /** Existing resources read through this provider. */
  readonly dataSources: readonly PlanDataSource[];
}

export interface PlanStackReference {
  readonly name: string;
  /** The stack read. */
  readonly stack: string;
  /** The outputs this plan uses, as placeholders. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** A config value the driver gives the plan's stack besides Pulumi.<env>.yaml. */
export interface DriverSetting {
  readonly key: string;
  /** A placeholder or a mask: never the value itself. */
  readonly value: string;
  /** Where the driver takes it from. */
  readonly from: string;
}

export interface Plan {
  readonly env: string;
  readonly stack: string;
  readonly part: Part;
  /** Owner first, then each consumer account in config order. */
  readonly accounts: readonly PlanAccount[];
  readonly stackReferences: readonly PlanStackReference[];
  /** What the driver adds to the stack's config (plans of --part owner and consumer). */
  readonly driverConfig: readonly DriverSetting[];
  /** Stack outputs, with placeholders for values known after deployment. */
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly graph: PlanGraph;
  /** What the settings set that deploys but was probably not meant, each once. */
  readonly warnings: readonly ConfigWarning[];
}
