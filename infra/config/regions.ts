// Whether a region exists, by the AWS SDK's partition data (@aws-sdk/core, at the version the lock
// file pins). The region rule (rules.ts) refuses a malformed name; a well-formed name the data
// does not list is only a warning, since AWS may have opened the region after that release.

import type * as SdkClient from "@aws-sdk/core/client";
import { Problems } from "./problems";

let sdk: { readonly partition: typeof SdkClient.partition; readonly version: string } | undefined;

/** Loaded at the first check, not with validation: the module costs tens of milliseconds. */
function loadSdk(): NonNullable<typeof sdk> {
  if (sdk === undefined) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { partition } = require("@aws-sdk/core/client") as typeof SdkClient;
    const { version } = require("@aws-sdk/core/package.json") as { version: string };
    /* eslint-enable @typescript-eslint/no-require-imports */
    sdk = { partition, version };
  }
  return sdk;
}

/**
 * True when the SDK lists `region` in the commercial partition `aws`. partition() adds the
 * region's own entry (its description) only for a listed region; for any other name it answers
 * with the partition whose pattern matches, without one.
 */
export function isListedRegion(region: string): boolean {
  const found = loadSdk().partition(region) as { name: string; description?: string };
  return found.name === "aws" && found.description !== undefined && region !== "aws-global";
}

/** A warning at `key` when the well-formed `region` is not one the SDK lists. */
export function warnUnlistedRegion(problems: Problems, key: string, region: string): void {
  if (!isListedRegion(region)) {
    problems.warn(
      key,
      `"${region}" is not a region of the commercial partition as the AWS SDK of this checkout lists them (@aws-sdk/core ${loadSdk().version}); deploying goes ahead in case the region is newer than that list, so check the spelling, e.g. "ap-northeast-1".`,
    );
  }
}
