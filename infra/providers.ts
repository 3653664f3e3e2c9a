import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountSettings } from "./config/types";
import { roleSessionName } from "./names";

/** Tags every AWS resource carries, naming the project and stack that own it. */
export function defaultTags(project: string, stack: string): Record<string, string> {
  return { "pulumi:project": project, "pulumi:stack": stack };
}

/**
 * An explicit provider for one account. `allowedAccountIds` makes credentials for any other
 * account fail before anything changes; resources never fall back to a default provider.
 */
export function accountProvider(
  name: string,
  account: AccountSettings,
  tags: Record<string, string>,
  opts: pulumi.CustomResourceOptions,
): aws.Provider {
  const sessionName = roleSessionName(tags["pulumi:stack"]);
  return new aws.Provider(
    name,
    {
      region: account.region,
      allowedAccountIds: [account.accountId],
      assumeRoles: account.assumeRoleArn ? [{ roleArn: account.assumeRoleArn, sessionName }] : undefined,
      profile: account.profile,
      defaultTags: { tags },
    },
    opts,
  );
}
