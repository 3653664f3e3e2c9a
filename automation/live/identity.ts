// Who is calling, before anything else: the account's credentials resolve within a bound, and
// sts:GetCallerIdentity answers the configured account id.

import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import {
  AssumeRoleFailure,
  CREDENTIAL_ERRORS,
  credentialsInUse,
  refreshHint,
  SOURCE_CREDENTIAL_ERRORS,
} from "../aws/credentials";
import { CREDENTIALS_CHECK } from "./model";
import { AccountRun, call, CallFailure, couldNotCheck, credentialsKey, keyOf } from "./session";

/** How long an account's credentials may take to resolve before they count as missing. @default 2500 ms */
export const CREDENTIALS_BOUND_MS = 2500;

class CredentialsTimeout extends Error {
  constructor(ms: number) {
    super(`no credentials within ${ms / 1000} s`);
    this.name = "CredentialsTimeout";
  }
}

function bounded<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CredentialsTimeout(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function where(run: AccountRun): string {
  return `the ${run.role} account ${run.account.accountId}`;
}

/** Records the credentials failure that stops every other check of the account. */
function noCredentials(run: AccountRun, err: unknown): void {
  const name = err instanceof AssumeRoleFailure ? err.causeName : err instanceof Error ? err.name : "Error";
  const message =
    err instanceof AssumeRoleFailure ? err.causeMessage : err instanceof Error ? err.message : String(err);
  const role = run.account.assumeRoleArn;
  const assume = err instanceof AssumeRoleFailure && !SOURCE_CREDENTIAL_ERRORS.includes(name);
  const fix = assume
    ? `The source credentials need sts:AssumeRole on ${role}, and the role's trust policy must trust them; or correct ${keyOf(`${run.access.key}.assumeRoleArn`)}.`
    : refreshHint(run.access);
  run.checks.push({
    id: CREDENTIALS_CHECK,
    status: "error",
    title: `no usable AWS credentials for ${where(run)}: ${name}: ${message.replace(/\.$/, "")}`,
    detail: `Tried ${credentialsInUse(run.access)}. ${fix}`,
    configKey: credentialsKey(run),
  });
}

/**
 * Resolves the account's credentials and asks STS who they are. False when nothing more should
 * be asked of this account: no credentials, or credentials of another account.
 */
export async function identify(run: AccountRun, boundMs = CREDENTIALS_BOUND_MS): Promise<boolean> {
  try {
    await bounded(run.credentials(), boundMs);
  } catch (err) {
    noCredentials(run, err);
    return false;
  }
  let identity;
  try {
    identity = await call(run, "sts:GetCallerIdentity", () =>
      run.client(STSClient).send(new GetCallerIdentityCommand({})),
    );
  } catch (err) {
    if (err instanceof CallFailure && CREDENTIAL_ERRORS.includes(err.errorName)) {
      noCredentials(run, Object.assign(new Error(err.awsMessage), { name: err.errorName }));
    } else {
      run.checks.push(couldNotCheck(run, CREDENTIALS_CHECK, "who is calling", err));
    }
    return false;
  }
  const expected = run.account.accountId;
  const accountKey = keyOf(`${run.access.key}.accountId`);
  if (identity.Account !== expected) {
    run.checks.push({
      id: "identity",
      status: "fail",
      title: `the credentials are for account ${identity.Account ?? "unknown"} (${identity.Arn ?? "unknown caller"}), not ${expected}; nothing else was checked here`,
      detail: `${credentialsInUse(run.access)} must lead to account ${expected} (${accountKey}).`,
      configKey: credentialsKey(run),
    });
    return false;
  }
  run.checks.push({ id: "identity", status: "ok", title: `calling as ${identity.Arn ?? "unknown"}` });
  return true;
}
