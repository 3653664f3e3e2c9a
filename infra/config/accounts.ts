// The owner account and the account part of each consumer: where resources go, with which credentials.

import { ObjectReader } from "./reader";
import { warnUnlistedRegion } from "./regions";
import * as rules from "./rules";
import { AccountSettings, OwnerSettings } from "./types";

/** The keys of `owner`; anything else is a typo. */
export const OWNER_KEYS = ["accountId", "region", "assumeRoleArn", "profile", "keyAdminArns"];

/** The account part shared by the owner and each consumer. */
export function readAccount(o: ObjectReader): Partial<AccountSettings> {
  const accountId = o.string("accountId", rules.accountId);
  const region = o.string("region", rules.region);
  if (region) {
    warnUnlistedRegion(o.problems, o.keyOf("region"), region);
  }
  const assumeRoleArn = o.optionalString("assumeRoleArn", rules.roleArn(accountId));
  const profile = o.optionalString("profile", rules.profile);
  return { accountId, region, assumeRoleArn, profile };
}

export function readOwner(o: ObjectReader): OwnerSettings | undefined {
  const account = readAccount(o);
  const keyAdminArns = o.stringList("keyAdminArns", rules.principalArn(account.accountId), 1, 10);
  if (!account.accountId || !account.region || !keyAdminArns) {
    return undefined;
  }
  return { ...account, accountId: account.accountId, region: account.region, keyAdminArns };
}
