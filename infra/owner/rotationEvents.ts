import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { forwarderPolicy, forwarderTrustPolicy, rotationSucceededPattern } from "../access/restartPolicies";
import { RestartRoute } from "../access/restartRoute";
import { deadLetterQueue } from "../common/deadLetterQueue";
import { serviceRole } from "../common/serviceRole";
import { ROTATION_EVENTS_TYPE } from "../componentTypes";
import { InAccount } from "../common/account";

export interface RotationEventsArgs extends InAccount {
  /** One per consumer that lists services to restart; at least one. */
  readonly routes: readonly RestartRoute[];
  readonly secretName: string;
  readonly secretArn: pulumi.Input<string>;
}

/**
 * Owner account: after each successful rotation of this secret, forward Secrets Manager's event
 * to each consumer's rotation bus, through a role that may put events on that bus only.
 */
export class RotationEvents extends pulumi.ComponentResource {
  /** Consumer name → the role its rotation bus must accept events from. */
  readonly forwarderRoleArns: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: RotationEventsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(ROTATION_EVENTS_TYPE, name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const owner = args.routes[0].owner.accountId;
    const pattern = pulumi.output(args.secretArn).apply((arn) => JSON.stringify(rotationSucceededPattern(arn, owner)));

    const roleArns: Record<string, pulumi.Output<string>> = {};
    for (const route of args.routes) {
      const prefix = `${name}-${route.consumer}`;
      const forwarder = serviceRole(
        `${prefix}-forwarder`,
        {
          roleName: route.forwarderRoleName,
          description: `Forwards rotations of ${args.secretName} to consumer ${route.consumer} (rds-secret-share)`,
          trust: forwarderTrustPolicy(route),
          policyName: "put-events-on-consumer-rotation-bus",
          policy: forwarderPolicy(route),
        },
        child,
      );
      const queue = deadLetterQueue(
        `${prefix}-dlq`,
        { name: route.forwardQueueName, arn: route.forwardQueueArn, ruleArn: route.forwardRuleArn },
        child,
      );
      // Secrets Manager's CloudTrail events arrive on the default bus only.
      const rule = new aws.cloudwatch.EventRule(
        `${prefix}-rule`,
        {
          name: route.forwardRuleName,
          description: `Successful rotations of ${args.secretName}, forwarded to consumer ${route.consumer}`,
          eventPattern: pattern,
        },
        child,
      );
      new aws.cloudwatch.EventTarget(
        `${prefix}-target`,
        {
          rule: rule.name,
          targetId: "consumer-rotation-bus",
          arn: route.busArn,
          roleArn: forwarder.role.arn,
          // No retryPolicy: EventBridge refuses one on event bus targets and retries those itself.
          deadLetterConfig: { arn: queue.arn },
        },
        // Deliveries need the role's permission from the first event on.
        { ...child, dependsOn: [forwarder.policy] },
      );
      roleArns[route.consumer] = forwarder.role.arn;
    }

    this.forwarderRoleArns = roleArns;
    this.registerOutputs({ forwarderRoleArns: this.forwarderRoleArns });
  }
}
