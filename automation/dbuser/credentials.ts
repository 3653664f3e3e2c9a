// The AWS credentials `db-user` reads the owner account's secrets with, chosen as the Pulumi
// provider of the owner stack chooses them (infra/providers.ts): owner.assumeRoleArn assumed when
// set, from owner.profile when set, else from the ambient credentials.

import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { NAMESPACE } from "../../infra/config/keys";
import { Settings } from "../../infra/config/types";
import { roleSessionName } from "../../infra/names";
import { DbUserError } from "./errors";

type CredentialsProvider = ReturnType<typeof fromTemporaryCredentials>;

/** STS error names that mean the source credentials are missing, expired or not valid. */
const SOURCE_CREDENTIAL_ERRORS = [
  "CredentialsProviderError",
  "TokenProviderError",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
];

/** A Secrets Manager client for the owner account: its region, and its credentials as described above. */
export function ownerClient(settings: Settings): SecretsManagerClient {
  const { region, profile, assumeRoleArn } = settings.owner;
  if (assumeRoleArn) {
    return new SecretsManagerClient({ region, credentials: assumedRole(settings, assumeRoleArn) });
  }
  return new SecretsManagerClient({ region, ...(profile ? { profile } : {}) });
}

/** The RoleSessionName: beside the deploy's `rds-secret-share-<stack>`, so CloudTrail tells db-user apart. */
export function dbUserSessionName(env: string): string {
  return roleSessionName(`${env}-db-user`);
}

/** Which credentials read the secrets, in words that name the config keys choosing them. */
export function credentialsInUse(settings: Settings): string {
  const { assumeRoleArn } = settings.owner;
  const source = sourceCredentials(settings);
  return assumeRoleArn
    ? `the role ${assumeRoleArn} (${NAMESPACE}:owner.assumeRoleArn), assumed as session ${dbUserSessionName(settings.env)} with ${source}`
    : source;
}

function sourceCredentials(settings: Settings): string {
  const { profile } = settings.owner;
  return profile
    ? `the profile "${profile}" (${NAMESPACE}:owner.profile)`
    : "the ambient AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, an SSO login or an instance role)";
}

/** What to do about credentials that are missing, expired or refused, for the source in use. */
export function refreshHint(settings: Settings): string {
  const { profile, accountId } = settings.owner;
  return profile
    ? `Check that the profile "${profile}" exists in ~/.aws/config and its credentials are current (e.g. aws sso login --profile ${profile}), or correct ${NAMESPACE}:owner.profile.`
    : `Provide credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or aws sso login), or set ${NAMESPACE}:owner.profile to a profile of account ${accountId}.`;
}

/** Raised by the role's provider: any failure to obtain the role's credentials, kept apart from Secrets Manager's. */
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

function assumedRole(settings: Settings, roleArn: string): CredentialsProvider {
  const { region, profile } = settings.owner;
  const provider = fromTemporaryCredentials({
    params: { RoleArn: roleArn, RoleSessionName: dbUserSessionName(settings.env) },
    masterCredentials: profile ? fromIni({ profile }) : fromNodeProviderChain(),
    clientConfig: { region },
  });
  return async (properties) => {
    try {
      return await provider(properties);
    } catch (err) {
      const name = err instanceof Error ? err.name : "";
      throw new AssumeRoleFailure(roleArn, name || "error", err instanceof Error ? err.message : String(err));
    }
  };
}

/** A failed AssumeRole as a message naming the role, its config key, the source credentials and the fix. */
export function assumeRoleError(
  failure: AssumeRoleFailure,
  what: string,
  secretId: string,
  settings: Settings,
): DbUserError {
  const key = `${NAMESPACE}:owner.assumeRoleArn`;
  const role = failure.roleArn;
  const cause = `${failure.causeName}: ${failure.causeMessage.replace(/\.$/, "")}`;
  let fix: string;
  if (failure.causeName === "AccessDenied") {
    fix = `The source credentials need sts:AssumeRole on ${role}, and the role's trust policy must trust them; or correct ${key}.`;
  } else if (SOURCE_CREDENTIAL_ERRORS.includes(failure.causeName)) {
    fix = `The source credentials are missing, expired or not valid. ${refreshHint(settings)}`;
  } else {
    fix = `Check that STS is reachable in region ${settings.owner.region} and that ${key} is right.`;
  }
  return new DbUserError(
    `db-user: could not assume the role ${role} (${key}) with ${sourceCredentials(settings)} to read ${what} "${secretId}": ${cause}. ${fix}`,
  );
}
