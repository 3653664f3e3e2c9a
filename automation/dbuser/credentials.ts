// The AWS credentials `db-user` reads the owner account's secrets with: the owner stack's provider's
// choice (owner.assumeRoleArn, owner.profile, the ambient credentials), from automation/aws.

import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { NAMESPACE } from "../../infra/config/keys";
import { Settings } from "../../infra/config/types";
import { roleSessionName } from "../../infra/names";
import * as aws from "../aws/credentials";
import { AssumeRoleFailure, SOURCE_CREDENTIAL_ERRORS } from "../aws/credentials";
import { DbUserError } from "./errors";

export { AssumeRoleFailure } from "../aws/credentials";

/** The owner account as db-user reaches it. */
function ownerAccess(settings: Settings): aws.AccountAccess {
  return { account: settings.owner, key: "owner", sessionName: dbUserSessionName(settings.env) };
}

/** A Secrets Manager client for the owner account: its region, and its credentials as described above. */
export function ownerClient(settings: Settings): SecretsManagerClient {
  const { region, profile } = settings.owner;
  // The profile also names the client's own profile, as before the credentials were shared.
  return new SecretsManagerClient({
    region,
    ...(profile ? { profile } : {}),
    credentials: aws.accountCredentials(ownerAccess(settings)),
  });
}

/** The RoleSessionName: beside the deploy's `rds-secret-share-<stack>`, so CloudTrail tells db-user apart. */
export function dbUserSessionName(env: string): string {
  return roleSessionName(`${env}-db-user`);
}

/** Which credentials read the secrets, in words that name the config keys choosing them. */
export function credentialsInUse(settings: Settings): string {
  return aws.credentialsInUse(ownerAccess(settings));
}

/** What to do about credentials that are missing, expired or refused, for the source in use. */
export function refreshHint(settings: Settings): string {
  return aws.refreshHint(ownerAccess(settings));
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
  // Exit 2, as preflight and doctor exit when an account's role cannot be assumed.
  return new DbUserError(
    `db-user: could not assume the role ${role} (${key}) with ${aws.sourceCredentials(ownerAccess(settings))} to read ${what} "${secretId}": ${cause}. ${fix}`,
    2,
  );
}
