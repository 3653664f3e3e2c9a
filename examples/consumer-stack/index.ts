// A consumer team's own program: a Fargate task definition that gets the database password from
// the secret an rds-secret-share owner stack shares, read from that stack's outputs. It grants
// nothing: the execution role must be one of the share's consumers (see README.md).

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();

// Fully qualified: organization/rds-secret-share/<env>-owner on a local or other DIY backend,
// <your org>/rds-secret-share/<env>-owner on Pulumi Cloud.
const owner = new pulumi.StackReference("owner", { name: config.require("ownerStack") });
const secretArn = owner.requireOutput("secretArn") as pulumi.Output<string>;
const passwordValueFrom = owner.requireOutput("passwordValueFrom") as pulumi.Output<string>;
const kmsKeyArn = owner.requireOutput("kmsKeyArn") as pulumi.Output<string>;

const family = config.get("family") ?? "report";
const containerName = config.get("containerName") ?? family;

const logGroup = new aws.cloudwatch.LogGroup("logs", { name: `/ecs/${family}`, retentionInDays: 30 });

const task = new aws.ecs.TaskDefinition("task", {
  family,
  requiresCompatibilities: ["FARGATE"],
  networkMode: "awsvpc",
  cpu: config.get("cpu") ?? "256",
  memory: config.get("memory") ?? "512",
  executionRoleArn: config.require("executionRoleArn"),
  containerDefinitions: pulumi
    .all([passwordValueFrom, secretArn, logGroup.name, aws.getRegionOutput().region])
    .apply(([password, secret, group, region]) =>
      JSON.stringify([
        {
          name: containerName,
          image: config.require("image"),
          essential: true,
          // ECS reads both from the secret's AWSCURRENT version when a task starts.
          secrets: [
            { name: "DB_PASSWORD", valueFrom: password },
            { name: "DB_USERNAME", valueFrom: `${secret}:username::` },
          ],
          logConfiguration: {
            logDriver: "awslogs",
            options: { "awslogs-group": group, "awslogs-region": region, "awslogs-stream-prefix": containerName },
          },
        },
      ]),
    ),
  // Which shared secret and key the task depends on, for whoever reads the task definition later.
  tags: { "rds-secret-share:secret": secretArn, "rds-secret-share:kms-key": kmsKeyArn },
});

export const taskDefinitionArn = task.arn;
export const sharedSecretArn = secretArn;
export const sharedKmsKeyArn = kmsKeyArn;
