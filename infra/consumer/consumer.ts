import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serialise } from "../access/documents";
import { readerIdentityPolicy } from "../access/policies";
import { RestartRoute } from "../access/restartRoute";
import { NAMESPACE } from "../config/keys";
import { ConsumerSettings, DatabaseSettings } from "../config/types";
import { identityPolicyName } from "../names";
import { containerDefinition } from "./container";
import { ServiceRestart } from "./serviceRestart";
import { CONSUMER_ACCESS_TYPE } from "../componentTypes";
import { InAccount } from "../common/account";

export interface ConsumerAccessArgs extends InAccount {
  readonly consumer: ConsumerSettings;
  /** Its index in `consumers`, to name the config key in errors. */
  readonly index: number;
  readonly database: DatabaseSettings;
  readonly secretArn: pulumi.Input<string>;
  readonly secretName: string;
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Owner region: Secrets Manager calls KMS from there. */
  readonly ownerRegion: string;
  /** Redeploys the consumer's restartServices after each rotation. @default none */
  readonly restart?: { readonly route: RestartRoute; readonly forwarderRoleArn: pulumi.Input<string> };
}

/**
 * One consumer account's side of the share: the execution role's identity policy (the second
 * allow a cross-account read needs) and the task definition of step ⑦.
 */
export class ConsumerAccess extends pulumi.ComponentResource {
  readonly taskDefinitionArn: pulumi.Output<string>;
  readonly family: pulumi.Output<string>;
  readonly executionRoleArn: pulumi.Output<string>;

  constructor(name: string, args: ConsumerAccessArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(CONSUMER_ACCESS_TYPE, name, {}, opts);
    const { consumer, provider } = args;
    const child = { parent: this, provider };
    const task = consumer.taskDefinition;

    // The role must exist and be the configured one: policies that name a missing role fail.
    const role = aws.iam.getRoleOutput({ name: consumer.executionRoleName }, child);
    const roleArn = role.arn.apply((arn) => {
      if (arn !== consumer.executionRoleArn) {
        throw new Error(
          `${NAMESPACE}:consumers[${args.index}].executionRoleArn: got "${consumer.executionRoleArn}"; ` +
            `expected the ARN of the existing role ${consumer.executionRoleName} in account ${consumer.accountId}, which is "${arn}".`,
        );
      }
      return arn;
    });

    new aws.iam.RolePolicy(
      `${name}-read-secret`,
      {
        role: role.name,
        name: identityPolicyName(args.secretName, consumer.name),
        policy: pulumi
          .all([args.secretArn, args.kmsKeyArn, roleArn])
          .apply(([secretArn, kmsKeyArn, arn]) =>
            serialise(
              readerIdentityPolicy(
                { secretArn, kmsKeyArn, region: args.ownerRegion },
                { name: consumer.name, roleArn: arn },
              ),
            ),
          ),
      },
      child,
    );

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: task.logGroupName, retentionInDays: task.logRetentionInDays },
      child,
    );

    const definition = new aws.ecs.TaskDefinition(
      `${name}-task`,
      {
        family: task.family,
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: String(task.cpu),
        memory: String(task.memory),
        executionRoleArn: roleArn,
        taskRoleArn: task.taskRoleArn,
        containerDefinitions: pulumi
          .all([args.secretArn, logGroup.name])
          .apply(([secretArn, logGroupName]) =>
            JSON.stringify([
              containerDefinition({ task, database: args.database, secretArn, logGroupName, region: consumer.region }),
            ]),
          ),
      },
      child,
    );

    if (args.restart) {
      new ServiceRestart(
        `${name}-restart`,
        { ...args.restart, secretName: args.secretName, secretArn: args.secretArn, provider },
        { parent: this },
      );
    }

    this.taskDefinitionArn = definition.arn;
    this.family = definition.family;
    this.executionRoleArn = roleArn;
    this.registerOutputs({
      taskDefinitionArn: this.taskDefinitionArn,
      family: this.family,
      executionRoleArn: this.executionRoleArn,
    });
  }
}
