// What preflight and doctor report: per account a list of checks, and one verdict. Plain data,
// loaded without the AWS SDK.

/** `ok` passed; `fail` found a problem; `warn` a problem that does not block; `error` could not check. */
export type CheckStatus = "ok" | "fail" | "warn" | "error";

export interface Check {
  /** Stable id for scripts, e.g. `identity`, `policy-valid`, `execution-role`. */
  readonly id: string;
  readonly status: CheckStatus;
  /** One line: what holds, or what is wrong. */
  readonly title: string;
  /** More: AWS's message, the fix, the command to run. */
  readonly detail?: string;
  /** The config key the finding is about, e.g. `rds-secret-share:consumers[0].executionRoleArn`. */
  readonly configKey?: string;
}

export interface AccountReport {
  readonly role: "owner" | "consumer";
  readonly accountId: string;
  readonly region: string;
  /** Consumer accounts: the consumers deployed there, in config order. */
  readonly consumers: readonly string[];
  /** The credentials used, naming the config keys that chose them. */
  readonly credentials: string;
  readonly checks: readonly Check[];
}

/**
 * `ok`: every check passed. `warnings`: some did not pass but block nothing. `blocked`: a check
 * failed or could not be made (an unverified precondition is not a pass). `no-credentials`: an
 * account has no usable credentials, so nothing there was checked.
 */
export type Verdict = "ok" | "warnings" | "blocked" | "no-credentials";

interface LiveResult {
  readonly env: string;
  readonly verdict: Verdict;
  /** Owner first, then each consumer account and region, in config order. */
  readonly accounts: readonly AccountReport[];
  /** AWS API calls made (an SDK retry is not counted again). */
  readonly calls: number;
  /** The IAM actions those calls needed, per kind of account, sorted. */
  readonly actions: Readonly<Record<"owner" | "consumer", readonly string[]>>;
}

export interface PreflightResult extends LiveResult {
  readonly command: "preflight";
  /** Rotation findings block (`--strict`) rather than warn. */
  readonly strict: boolean;
}

export interface DoctorResult extends LiveResult {
  readonly command: "doctor";
}

/** The id of the check an account without usable credentials gets instead of every other check. */
export const CREDENTIALS_CHECK = "credentials";

export function verdictOf(accounts: readonly AccountReport[]): Verdict {
  const checks = accounts.flatMap((a) => a.checks);
  if (checks.some((c) => c.id === CREDENTIALS_CHECK && c.status === "error")) {
    return "no-credentials";
  }
  if (checks.some((c) => c.status === "fail" || c.status === "error")) {
    return "blocked";
  }
  return checks.some((c) => c.status === "warn") ? "warnings" : "ok";
}

/** 0 all is well (warnings included), 1 something blocks or is broken, 2 no usable credentials. */
export function exitCodeOf(result: { readonly verdict: Verdict }): number {
  switch (result.verdict) {
    case "no-credentials":
      return 2;
    case "blocked":
      return 1;
    default:
      return 0;
  }
}

/** The checks that stop a deploy: failed, or not made. */
export function blocking(result: { readonly accounts: readonly AccountReport[] }): { account: string; check: Check }[] {
  return result.accounts.flatMap((a) =>
    a.checks
      .filter((c) => c.status === "fail" || c.status === "error")
      .map((check) => ({ account: accountLabel(a), check })),
  );
}

/** `owner account 111111111111 (ap-northeast-1)`, `consumer account 222222222222 (ap-northeast-1): app`. */
export function accountLabel(a: Pick<AccountReport, "role" | "accountId" | "region" | "consumers">): string {
  const consumers = a.role === "consumer" ? `: ${a.consumers.join(", ")}` : "";
  return `${a.role} account ${a.accountId} (${a.region})${consumers}`;
}
