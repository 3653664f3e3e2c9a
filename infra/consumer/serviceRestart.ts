// Consumer account: after the owner forwards a successful rotation, force a new deployment of
// exactly the listed ECS services, so every task starts again and ECS injects the new secret.
//
// Why a Step Functions state machine with the ECS SDK integration rather than a Lambda: the work
// is one API call per service, which the state machine makes itself — no function code, runtime
// or package to patch and redeploy, retries declared per call, and every execution (which
// service, which error) visible in the console for 90 days.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serialise } from "../access/documents";
import {
  rotationBusPolicy,
  rotationSucceededPattern,
  startRolePolicy,
  startRoleTrustPolicy,
  stateMachinePolicy,
  stateMachineTrustPolicy,
  TARGET_RETRY_POLICY,
} from "../access/restartPolicies";
import { RestartRoute } from "../access/restartRoute";
import { RestartServiceSettings } from "../config/types";
import { deadLetterQueue } from "../common/deadLetterQueue";
import { serviceRole } from "../common/serviceRole";
import { SERVICE_RESTART_TYPE, START_ROLE_CHILD } from "../componentTypes";
import { InAccount } from "../common/account";

/** Step Functions' AWS SDK integration for ECS UpdateService. */
export const UPDATE_SERVICE_RESOURCE = "arn:aws:states:::aws-sdk:ecs:updateService";

/** Throttling and transient ECS errors: 10 s, 20 s, 40 s, 80 s, 160 s, then the service counts as failed. */
export const UPDATE_SERVICE_RETRY = {
  ErrorEquals: ["States.ALL"],
  IntervalSeconds: 10,
  MaxAttempts: 5,
  BackoffRate: 2,
};

/**
 * The state machine: one parallel branch per service, so one failing service never stops the
 * others; the execution fails at the end if any service could not be redeployed.
 */
export function restartDefinition(secretName: string, services: readonly RestartServiceSettings[]): object {
  const failed = services.map((_, i) => ({ Variable: `$.Results[${i}].Error`, IsPresent: true }));
  return {
    Comment: `Forces a new deployment of the services that read ${secretName} after it rotates (rds-secret-share)`,
    StartAt: "RedeployServices",
    States: {
      RedeployServices: {
        Type: "Parallel",
        Branches: services.map((s, i) => ({
          StartAt: `Redeploy${i + 1}`,
          States: {
            [`Redeploy${i + 1}`]: {
              Type: "Task",
              Comment: `${s.cluster}/${s.service}`,
              Resource: UPDATE_SERVICE_RESOURCE,
              Parameters: { Cluster: s.cluster, Service: s.service, ForceNewDeployment: true },
              // The full service description is large; keep what identifies the deployment.
              ResultSelector: { "ServiceArn.$": "$.Service.ServiceArn" },
              Retry: [UPDATE_SERVICE_RETRY],
              Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.Failure", Next: `Redeploy${i + 1}Failed` }],
              End: true,
            },
            [`Redeploy${i + 1}Failed`]: {
              Type: "Pass",
              Parameters: {
                Service: `${s.cluster}/${s.service}`,
                "Error.$": "$.Failure.Error",
                "Cause.$": "$.Failure.Cause",
              },
              End: true,
            },
          },
        })),
        ResultPath: "$.Results",
        Next: "CheckResults",
      },
      CheckResults: {
        Type: "Choice",
        Choices: [{ ...(failed.length === 1 ? failed[0] : { Or: failed }), Next: "NotAllRedeployed" }],
        Default: "AllRedeployed",
      },
      NotAllRedeployed: {
        Type: "Fail",
        Error: "RedeployFailed",
        Cause: "At least one service could not be redeployed; see the RedeployNFailed states of this execution",
      },
      AllRedeployed: { Type: "Succeed" },
    },
  };
}

export interface ServiceRestartArgs extends InAccount {
  readonly route: RestartRoute;
  readonly secretName: string;
  readonly secretArn: pulumi.Input<string>;
  /** The owner's forwarder role: from the owner component in one stack, else the route's ARN. */
  readonly forwarderRoleArn: pulumi.Input<string>;
}

/**
 * The rotation bus (a bus of its own: a policy on the account's default bus would replace
 * whatever policy is there), the rule matching this secret's rotation, and the state machine.
 */
export class ServiceRestart extends pulumi.ComponentResource {
  readonly eventBusArn: pulumi.Output<string>;
  readonly stateMachineArn: pulumi.Output<string>;

  constructor(name: string, args: ServiceRestartArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(SERVICE_RESTART_TYPE, name, {}, opts);
    const { route } = args;
    const child = { parent: this, provider: args.provider };

    const bus = new aws.cloudwatch.EventBus(
      `${name}-bus`,
      { name: route.busName, description: `Rotations of ${args.secretName}, forwarded by its owner account` },
      child,
    );
    const busPolicy = new aws.cloudwatch.EventBusPolicy(
      `${name}-bus-policy`,
      {
        eventBusName: bus.name,
        policy: pulumi.output(args.forwarderRoleArn).apply((arn) => serialise(rotationBusPolicy(route, arn))),
      },
      child,
    );

    const redeploy = serviceRole(
      `${name}-redeploy`,
      {
        roleName: route.stateMachineRoleName,
        description: `Redeploys the services of consumer ${route.consumer} after a rotation (rds-secret-share)`,
        trust: stateMachineTrustPolicy(route),
        policyName: "redeploy-listed-services",
        policy: stateMachinePolicy(route),
      },
      child,
    );
    const machine = new aws.sfn.StateMachine(
      `${name}-state-machine`,
      {
        name: route.stateMachineName,
        type: "STANDARD",
        roleArn: redeploy.role.arn,
        definition: JSON.stringify(restartDefinition(args.secretName, route.services)),
      },
      child,
    );

    const start = serviceRole(
      `${name}${START_ROLE_CHILD}`,
      {
        roleName: route.startRoleName,
        description: `Starts the restart state machine of consumer ${route.consumer} (rds-secret-share)`,
        trust: startRoleTrustPolicy(route),
        policyName: "start-restart-state-machine",
        policy: startRolePolicy(route),
      },
      child,
    );
    const queue = deadLetterQueue(
      `${name}-dlq`,
      { name: route.restartQueueName, arn: route.restartQueueArn, ruleArn: route.restartRuleArn },
      child,
    );
    const rule = new aws.cloudwatch.EventRule(
      `${name}-rule`,
      {
        name: route.restartRuleName,
        eventBusName: bus.name,
        description: `Successful rotations of ${args.secretName}: redeploy ${route.services.length} service(s)`,
        // Forwarded events keep the owner's account, which the pattern requires as well.
        eventPattern: pulumi
          .output(args.secretArn)
          .apply((arn) => JSON.stringify(rotationSucceededPattern(arn, route.owner.accountId))),
      },
      child,
    );
    new aws.cloudwatch.EventTarget(
      `${name}-target`,
      {
        rule: rule.name,
        eventBusName: bus.name,
        targetId: "restart-state-machine",
        arn: machine.arn,
        roleArn: start.role.arn,
        retryPolicy: TARGET_RETRY_POLICY,
        deadLetterConfig: { arn: queue.arn },
      },
      // The first event must find both roles able to act, and the bus open to the owner.
      { ...child, dependsOn: [start.policy, redeploy.policy, busPolicy] },
    );

    this.eventBusArn = bus.arn;
    this.stateMachineArn = machine.arn;
    this.registerOutputs({ eventBusArn: this.eventBusArn, stateMachineArn: this.stateMachineArn });
  }
}
