// AWS credentials for one account of an environment, chosen as that account's Pulumi provider
// chooses them (infra/providers.ts): `assumeRoleArn` assumed when set, with `profile` (when set)
// or the ambient credentials as the source; else `profile`; else the ambient credentials.
// db-user, preflight and doctor all take their credentials from here.

import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { NAMESPACE } from "../../infra/config/keys";
import { AccountSettings } from "../../infra/config/types";

export type CredentialsProvider = ReturnType<typeof fromTemporaryCredentials>;
export type Credentials = Awaited<ReturnType<CredentialsProvider>>;

/** One account's credential settings and where they are configured. */
export interface AccountAccess {
  readonly account: AccountSettings;
  /** The config key holding the account's settings: `owner` or `consumers[0]`. */
  readonly key: string;
  /** The RoleSessionName when a role is assumed, e.g. `rds-secret-share-dev-db-user`. */
  readonly sessionName: string;
}

export interface ProviderOptions {
  /**
   * How long the instance-metadata probe of the default chain may take, in ms; the SDK's default
   * otherwise. A machine without a route to it would wait that long before "no credentials".
   */
  readonly metadataTimeoutMs?: number;
}

export const AMBIENT_CREDENTIALS =
  "the ambient AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, an SSO login or an instance role)";

/** STS error names that mean the source credentials are missing, expired or not valid. */
export const SOURCE_CREDENTIAL_ERRORS = [
  "CredentialsProviderError",
  "TokenProviderError",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
];

/** Errors of a call or a provider that mean the credentials themselves are missing, expired or not valid. */
export const CREDENTIAL_ERRORS = [
  ...SOURCE_CREDENTIAL_ERRORS,
  "UnrecognizedClientException",
  "InvalidSignatureException",
];

/** `rds-secret-share:owner.profile`, `rds-secret-share:consumers[0].assumeRoleArn`. */
export function configKey(access: AccountAccess, field: "assumeRoleArn" | "profile"): string {
  return `${NAMESPACE}:${access.key}.${field}`;
}

/** The credentials the role is assumed with, or that are used directly, in words naming their key. */
export function sourceCredentials(access: AccountAccess): string {
  const { profile } = access.account;
  return profile ? `the profile "${profile}" (${configKey(access, "profile")})` : AMBIENT_CREDENTIALS;
}

/** Which credentials are used for the account, in words that name the config keys choosing them. */
export function credentialsInUse(access: AccountAccess): string {
  const { assumeRoleArn } = access.account;
  const source = sourceCredentials(access);
  return assumeRoleArn
    ? `the role ${assumeRoleArn} (${configKey(access, "assumeRoleArn")}), assumed as session ${access.sessionName} with ${source}`
    : source;
}

/** What to do about credentials that are missing, expired or refused, for the source in use. */
export function refreshHint(access: AccountAccess): string {
  const { profile, accountId } = access.account;
  return profile
    ? `Check that the profile "${profile}" exists in ~/.aws/config and its credentials are current (e.g. aws sso login --profile ${profile}), or correct ${configKey(access, "profile")}.`
    : `Provide credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or aws sso login), or set ${configKey(access, "profile")} to a profile of account ${accountId}.`;
}

/** Raised by the role's provider: any failure to obtain the role's credentials, kept apart from the service's. */
export class AssumeRoleFailure extends Error {
  constructor(
    readonly roleArn: string,
    readonly causeName: string,
    readonly causeMessage: string,
  ) {
    super(`AssumeRole ${roleArn}: ${causeName}: ${causeMessage}`);
    this.name = "AssumeRoleFailure";
  }
}

/** The account's credentials provider, resolved once and shared by every client of the account. */
export function accountCredentials(access: AccountAccess, options: ProviderOptions = {}): CredentialsProvider {
  const { region, profile, assumeRoleArn } = access.account;
  const source = profile ? fromIni({ profile }) : ambient(options);
  if (!assumeRoleArn) {
    return reused(source);
  }
  const provider = fromTemporaryCredentials({
    params: { RoleArn: assumeRoleArn, RoleSessionName: access.sessionName },
    masterCredentials: source,
    clientConfig: { region },
  });
  return reused(async (properties) => {
    try {
      return await provider(properties);
    } catch (err) {
      const name = err instanceof Error ? err.name : "";
      throw new AssumeRoleFailure(assumeRoleArn, name || "error", err instanceof Error ? err.message : String(err));
    }
  });
}

function ambient(options: ProviderOptions): CredentialsProvider {
  return options.metadataTimeoutMs === undefined
    ? fromNodeProviderChain()
    : fromNodeProviderChain({ timeout: options.metadataTimeoutMs, maxRetries: 0 });
}

/** Five minutes, as the SDK refreshes credentials before they expire. */
const REFRESH_BEFORE_MS = 300_000;

/**
 * One resolution for every client of the account (each client would otherwise assume the role
 * itself), again once the credentials are about to expire; a failure is not kept.
 */
function reused(provider: CredentialsProvider): CredentialsProvider {
  let current: Promise<Credentials> | undefined;
  return async (properties) => {
    const pending = current ?? (current = provider(properties));
    try {
      const credentials = await pending;
      const expires = credentials.expiration?.getTime() ?? Infinity;
      if (expires - Date.now() < REFRESH_BEFORE_MS && current === pending) {
        current = undefined;
      }
      return credentials;
    } catch (err) {
      if (current === pending) {
        current = undefined;
      }
      throw err;
    }
  };
}
