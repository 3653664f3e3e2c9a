// What a caller (the command line or a deploy script) may tell the driver.

import { PulumiCommand } from "@pulumi/pulumi/automation";

export interface DriverOptions {
  /** The project root: Pulumi.yaml, Pulumi.<env>.yaml and the program. @default this checkout */
  readonly root?: string;
  /** The Pulumi CLI to run. @default `pulumi` on PATH, else ~/.pulumi/bin/pulumi */
  readonly pulumiCommand?: PulumiCommand;
  /**
   * Environment for the CLI on top of this process's (e.g. AWS_PROFILE). @default {}
   * The preflight run by deploy and preview asks AWS with the AWS SDK, which reads this process's
   * own environment: set AWS variables in `process.env` too, or its identity check stops the run.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** Receives the driver's per-stack headers and Pulumi's own output. @default discarded */
  readonly progress?: (text: string) => void;
  /**
   * Aborting it cancels the running Pulumi operation (SIGINT to the CLI, which then stops
   * cleanly and releases the stack) and starts no further stack. @default never aborted
   */
  readonly signal?: AbortSignal;
  /**
   * True when the CLI receives the interrupt itself: Ctrl-C in a terminal reaches the whole
   * foreground process group. The driver then does not send a second SIGINT, which would make
   * Pulumi terminate at once instead of cancelling cleanly. @default false
   */
  readonly interruptReachesCli?: boolean;
  /**
   * Asked once the configuration is valid and the CLI found, before any stack is touched;
   * false stops with nothing changed. @default no question
   */
  readonly confirm?: (question: string) => Promise<boolean>;
  /**
   * deploy and preview: run preflight (read-only AWS checks) before any stack is touched, and
   * stop when it finds something blocking. @default true
   */
  readonly preflight?: boolean;
  /** preflight's rotation findings (network, database) block too. @default false */
  readonly strict?: boolean;
}

/** A stack output as the Automation API gives it. */
export interface OutputValue {
  readonly value: unknown;
  readonly secret: boolean;
}

export type Outputs = Readonly<Record<string, OutputValue>>;

/** What the Automation API's operations accept for output and cancellation. */
export interface StepHooks {
  readonly onOutput?: (text: string) => void;
  readonly onError?: (text: string) => void;
  readonly signal?: AbortSignal;
}
