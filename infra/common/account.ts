// What every component is given about where it deploys, and the options its children get.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** A component's resources go to one account, through that account's explicit provider. */
export interface InAccount {
  /** The provider of the account (and region) the component deploys to. */
  readonly provider: aws.Provider;
}

/** A component that keeps what must survive a mistake: the key and the secret. */
export interface Protectable {
  /** Protect from deletion, and keep when the stack is destroyed. @default false */
  readonly protect?: boolean;
}

/** Where a component's children go: under it, through its account's provider. */
export type Child = { readonly parent: pulumi.Resource; readonly provider: aws.Provider };

/** `protect` and `retainOnDelete` together, as `Protectable.protect` asks. */
export function kept(protect: boolean | undefined): pulumi.CustomResourceOptions {
  return { protect: protect === true, retainOnDelete: protect === true };
}
