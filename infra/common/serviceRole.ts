import * as aws from "@pulumi/aws";
import { PolicyDocument, serialise, TrustDocument } from "../access/documents";
import { ROLE_POLICY_CHILD } from "../componentTypes";
import { Child } from "./account";

export interface ServiceRoleArgs {
  readonly roleName: string;
  readonly description: string;
  readonly trust: TrustDocument;
  /** The inline policy's name on the role. */
  readonly policyName: string;
  readonly policy: PolicyDocument;
}

/**
 * A role an AWS service assumes (EventBridge, Step Functions), with its trust policy and one
 * inline policy, both exactly as decided in access/.
 */
export function serviceRole(
  name: string,
  args: ServiceRoleArgs,
  child: Child,
): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
  const role = new aws.iam.Role(
    name,
    { name: args.roleName, description: args.description, assumeRolePolicy: serialise(args.trust) },
    child,
  );
  const policy = new aws.iam.RolePolicy(
    `${name}${ROLE_POLICY_CHILD}`,
    { role: role.name, name: args.policyName, policy: serialise(args.policy) },
    child,
  );
  return { role, policy };
}
