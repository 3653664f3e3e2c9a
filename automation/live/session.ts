// One account as preflight and doctor reach it: its credentials (the provider's choice), its SDK
// clients (region and credentials only, so AWS_ENDPOINT_URL keeps working), every call counted,
// and each check's outcome recorded, a failed call as "could not check", never as a pass.

import { NAMESPACE } from "../../infra/config/keys";
import { roleSessionName } from "../../infra/names";
import { AccountSettings, ConsumerSettings, Settings } from "../../infra/config/types";
import {
  AccountAccess,
  accountCredentials,
  AssumeRoleFailure,
  configKey,
  credentialsInUse,
  CredentialsProvider,
} from "../aws/credentials";
import { AccountReport, Check } from "./model";

/** What every client of the account is made with, and nothing else. */
export interface ClientConfig {
  readonly region: string;
  readonly credentials: CredentialsProvider;
}

type ClientClass<C> = new (config: ClientConfig) => C;

/** Calls made, and the IAM actions they needed, across the accounts of one run. */
export interface Tally {
  calls: number;
  readonly actions: Map<string, Set<string>>;
}

export interface ConsumerAt {
  readonly consumer: ConsumerSettings;
  /** Its index in `consumers`, for config keys. */
  readonly index: number;
}

export interface AccountRun {
  readonly role: "owner" | "consumer";
  readonly account: AccountSettings;
  readonly access: AccountAccess;
  /** Consumer accounts: the consumers deployed there. */
  readonly consumers: readonly ConsumerAt[];
  readonly credentials: CredentialsProvider;
  readonly checks: Check[];
  readonly tally: Tally;
  client<C>(make: ClientClass<C>): C;
}

export interface SessionOptions {
  /** Bound on the instance-metadata probe of the default credential chain, ms. @default 1000 */
  readonly metadataTimeoutMs?: number;
}

/** The owner account, then one per consumer account and region (one provider each), in config order. */
export function accountRuns(settings: Settings, command: string, options: SessionOptions = {}): AccountRun[] {
  const tally: Tally = { calls: 0, actions: new Map() };
  const sessionName = roleSessionName(`${settings.env}-${command}`);
  const make = (role: AccountRun["role"], account: AccountSettings, key: string, consumers: ConsumerAt[]) =>
    accountRun(role, { account, key, sessionName }, consumers, tally, options);
  const groups = new Map<string, ConsumerAt[]>();
  settings.consumers.forEach((consumer, index) => {
    const key = `${consumer.accountId}-${consumer.region}`;
    groups.set(key, [...(groups.get(key) ?? []), { consumer, index }]);
  });
  return [
    make("owner", settings.owner, "owner", []),
    ...[...groups.values()].map((g) => make("consumer", g[0].consumer, `consumers[${g[0].index}]`, g)),
  ];
}

function accountRun(
  role: AccountRun["role"],
  access: AccountAccess,
  consumers: ConsumerAt[],
  tally: Tally,
  options: SessionOptions,
): AccountRun {
  const credentials = accountCredentials(access, { metadataTimeoutMs: options.metadataTimeoutMs ?? 1000 });
  const clients = new Map<unknown, unknown>();
  return {
    role,
    account: access.account,
    access,
    consumers,
    credentials,
    checks: [],
    tally,
    client<C>(make: ClientClass<C>): C {
      if (!clients.has(make)) {
        clients.set(make, new make({ region: access.account.region, credentials }));
      }
      return clients.get(make) as C;
    },
  };
}

/** The calls and actions of the whole run, as the results give them. */
export function tallied(runs: readonly AccountRun[]): {
  calls: number;
  actions: Record<"owner" | "consumer", string[]>;
} {
  const tally = runs[0].tally;
  const of = (role: string) => [...(tally.actions.get(role) ?? [])].sort();
  return { calls: tally.calls, actions: { owner: of("owner"), consumer: of("consumer") } };
}

export function report(run: AccountRun): AccountReport {
  return {
    role: run.role,
    accountId: run.account.accountId,
    region: run.account.region,
    consumers: run.consumers.map((c) => c.consumer.name),
    credentials: credentialsInUse(run.access),
    checks: run.checks,
  };
}

/** A call AWS refused or that failed: the action, AWS's error name and message. */
export class CallFailure extends Error {
  constructor(
    readonly action: string,
    readonly errorName: string,
    readonly awsMessage: string,
  ) {
    super(`${action}: ${errorName}: ${awsMessage}`);
    this.name = "CallFailure";
  }

  /** AccessDenied whatever the service calls it (AccessDeniedException, UnauthorizedOperation, …). */
  get reason(): string {
    return /AccessDenied|UnauthorizedOperation|NotAuthorized|Forbidden/.test(this.errorName)
      ? "AccessDenied"
      : this.errorName;
  }
}

/** Makes one AWS call for `action` (the IAM action it needs), counted; a failure is a CallFailure. */
export async function call<T>(run: AccountRun, action: string, send: () => Promise<T>): Promise<T> {
  run.tally.calls++;
  const actions = run.tally.actions.get(run.role) ?? new Set<string>();
  run.tally.actions.set(run.role, actions.add(action));
  try {
    return await send();
  } catch (err) {
    if (err instanceof AssumeRoleFailure) {
      throw new CallFailure(action, err.causeName, err.causeMessage);
    }
    const name = err instanceof Error ? err.name : "Error";
    throw new CallFailure(action, name || "Error", err instanceof Error ? err.message : String(err));
  }
}

/** True when the call failed with one of `names`, e.g. NoSuchEntity: an answer, not a failure. */
export function failedWith(err: unknown, ...names: string[]): err is CallFailure {
  return err instanceof CallFailure && names.includes(err.errorName);
}

export type Outcome = Omit<Check, "id">;

/**
 * Runs one check and records its outcomes under `id`. A call that fails is recorded as
 * "could not check <what>: <reason> on <action>", so nothing unverified passes.
 */
export async function check(
  run: AccountRun,
  id: string,
  what: string,
  body: () => Promise<Outcome | readonly Outcome[]>,
  configKeyOf?: string,
): Promise<void> {
  try {
    const outcomes = await body();
    const list: readonly Outcome[] = "status" in outcomes ? [outcomes] : outcomes;
    for (const o of list) {
      run.checks.push({ id, ...o });
    }
  } catch (err) {
    run.checks.push(couldNotCheck(run, id, what, err, configKeyOf));
  }
}

export function couldNotCheck(run: AccountRun, id: string, what: string, err: unknown, key?: string): Check {
  if (!(err instanceof CallFailure)) {
    const message = err instanceof Error ? err.message : String(err);
    return { id, status: "error", title: `could not check ${what}: ${message}`, ...(key ? { configKey: key } : {}) };
  }
  const grant =
    err.reason === "AccessDenied"
      ? ` Grant ${err.action} to ${credentialsInUse(run.access)} (docs/live-checks.md lists what each command needs).`
      : "";
  return {
    id,
    status: "error",
    title: `could not check ${what}: ${err.reason} on ${err.action}`,
    detail: `${err.awsMessage}${grant}`,
    ...(key ? { configKey: key } : {}),
  };
}

/** `rds-secret-share:<key>`. */
export function keyOf(key: string): string {
  return `${NAMESPACE}:${key}`;
}

/** The config key choosing the account's credentials: the role when one is assumed, else the profile. */
export function credentialsKey(run: AccountRun): string {
  return configKey(run.access, run.account.assumeRoleArn ? "assumeRoleArn" : "profile");
}
