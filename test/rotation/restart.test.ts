import { expect } from "chai";
import { devRun, only, policyOf } from "../support/program";
import { CONSUMER, CONSUMER_PROVIDER, DEV_PATTERN, descendantsOf, jsonInput, named, OWNER, REGION } from "./support";

const BUS = "rds-dev-app_user-app-rotation";
const BUS_ARN = `arn:aws:events:${REGION}:${CONSUMER}:event-bus/${BUS}`;
const RULE_ARN = `arn:aws:events:${REGION}:${CONSUMER}:rule/${BUS}/rds-dev-app_user-app-restart`;
const MACHINE_ARN = `arn:aws:states:${REGION}:${CONSUMER}:stateMachine:rds-dev-app_user-app-restart`;
const QUEUE_ARN = `arn:aws:sqs:${REGION}:${CONSUMER}:rds-dev-app_user-app-restart-dlq`;
const FORWARDER_ARN = `arn:aws:iam::${OWNER}:role/rds-dev-app_user-app-forward`;
const SERVICE_ARN = `arn:aws:ecs:${REGION}:${CONSUMER}:service/app-cluster/app`;
/** The same service's ARN if it was created before 2021 and never migrated to the long format. */
const SHORT_SERVICE_ARN = `arn:aws:ecs:${REGION}:${CONSUMER}:service/app`;

describe("restart on rotation, consumer account: the rotation bus and the redeploy", () => {
  it("GIVEN the dev example THEN a bus of its own accepts PutEvents from the owner's forwarder role only, for Secrets Manager's service events only", async () => {
    const run = await devRun();
    const bus = named(run, "share-consumer-app-restart-bus");
    expect(bus.type).to.equal("aws:cloudwatch/eventBus:EventBus");
    expect(bus.inputs.name).to.equal(BUS);
    const policy = named(run, "share-consumer-app-restart-bus-policy");
    expect(policy.type).to.equal("aws:cloudwatch/eventBusPolicy:EventBusPolicy");
    expect(policy.inputs.eventBusName).to.equal(BUS);
    expect(policyOf(policy)).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "PutEventsFrom111111111111RotationForwarder",
          Effect: "Allow",
          Principal: { AWS: FORWARDER_ARN },
          Action: "events:PutEvents",
          Resource: BUS_ARN,
          Condition: {
            "ForAllValues:StringEquals": {
              "events:source": ["aws.secretsmanager"],
              "events:detail-type": ["AWS Service Event via CloudTrail"],
            },
            Null: { "events:source": "false", "events:detail-type": "false" },
            ArnEquals: { "aws:SourceArn": `arn:aws:events:${REGION}:${OWNER}:rule/rds-dev-app_user-app-forward` },
          },
        },
      ],
    });
    // In one stack the policy waits for the owner's role: a resource policy may name only an existing role.
    expect(policy.dependsOn).to.include(
      named(run, "share-owner-rotation-events-app-forwarder", "aws:iam/role:Role").urn,
    );
  });

  it("GIVEN the dev example THEN the rule on that bus matches the forwarded RotationSucceeded of this secret only", async () => {
    const run = await devRun();
    const rule = named(run, "share-consumer-app-restart-rule");
    expect(rule.inputs.name).to.equal("rds-dev-app_user-app-restart");
    expect(rule.inputs.eventBusName).to.equal(BUS);
    expect(jsonInput(rule, "eventPattern")).to.deep.equal(DEV_PATTERN);
  });

  it("GIVEN the dev example THEN the target starts the state machine through its own role, with retries and a dead-letter queue", async () => {
    const run = await devRun();
    const target = named(run, "share-consumer-app-restart-target");
    expect(target.inputs).to.deep.equal({
      rule: "rds-dev-app_user-app-restart",
      eventBusName: BUS,
      targetId: "restart-state-machine",
      arn: MACHINE_ARN,
      roleArn: `arn:aws:iam::${CONSUMER}:role/rds-dev-app_user-app-start-restart`,
      retryPolicy: { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 },
      deadLetterConfig: { arn: QUEUE_ARN },
    });
    for (const before of [
      "share-consumer-app-restart-start-policy",
      "share-consumer-app-restart-redeploy-policy",
      "share-consumer-app-restart-bus-policy",
    ]) {
      expect(target.dependsOn, before).to.include(named(run, before).urn);
    }
    const queue = named(run, "share-consumer-app-restart-dlq");
    expect(queue.inputs).to.deep.include({
      name: "rds-dev-app_user-app-restart-dlq",
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: 1209600,
    });
    expect(jsonInput(queue, "policy")).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DeadLettersFromTheRule",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: QUEUE_ARN,
          Condition: { ArnEquals: { "aws:SourceArn": RULE_ARN } },
        },
      ],
    });
  });

  it("GIVEN the dev example THEN the start role is for this rule only and may start this state machine only", async () => {
    const run = await devRun();
    const role = named(run, "share-consumer-app-restart-start", "aws:iam/role:Role");
    expect(role.inputs.name).to.equal("rds-dev-app_user-app-start-restart");
    expect(jsonInput(role, "assumeRolePolicy")).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AssumedByEventsForThisResource",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": CONSUMER }, ArnEquals: { "aws:SourceArn": RULE_ARN } },
        },
      ],
    });
    const policy = named(run, "share-consumer-app-restart-start-policy");
    expect(policy.inputs.role).to.equal("rds-dev-app_user-app-start-restart");
    expect(policyOf(policy)).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        { Sid: "StartRestartStateMachine", Effect: "Allow", Action: "states:StartExecution", Resource: MACHINE_ARN },
      ],
    });
  });

  it("GIVEN the dev example THEN the state machine's role is for that state machine only and may update exactly the listed services", async () => {
    const run = await devRun();
    const role = named(run, "share-consumer-app-restart-redeploy", "aws:iam/role:Role");
    expect(role.inputs.name).to.equal("rds-dev-app_user-app-redeploy");
    expect(jsonInput(role, "assumeRolePolicy")).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AssumedByStatesForThisResource",
          Effect: "Allow",
          Principal: { Service: "states.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": CONSUMER }, ArnEquals: { "aws:SourceArn": MACHINE_ARN } },
        },
      ],
    });
    const policy = named(run, "share-consumer-app-restart-redeploy-policy");
    expect(policy.inputs.role).to.equal("rds-dev-app_user-app-redeploy");
    expect(policyOf(policy)).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "RedeployListedServicesOfCluster1",
          Effect: "Allow",
          Action: "ecs:UpdateService",
          Resource: [SERVICE_ARN, SHORT_SERVICE_ARN],
          Condition: { ArnEquals: { "ecs:cluster": `arn:aws:ecs:${REGION}:${CONSUMER}:cluster/app-cluster` } },
        },
      ],
    });
  });

  it("GIVEN the dev example THEN the state machine forces a new deployment of app-cluster/app with retries, and fails if it could not", async () => {
    const run = await devRun();
    const machine = only(run, "aws:sfn/stateMachine:StateMachine");
    expect(machine.inputs.name).to.equal("rds-dev-app_user-app-restart");
    expect(machine.inputs.type).to.equal("STANDARD");
    expect(machine.inputs.roleArn).to.equal(`arn:aws:iam::${CONSUMER}:role/rds-dev-app_user-app-redeploy`);
    expect(jsonInput(machine, "definition")).to.deep.equal({
      Comment: "Forces a new deployment of the services that read rds/dev/app_user after it rotates (rds-secret-share)",
      StartAt: "RedeployServices",
      States: {
        RedeployServices: {
          Type: "Parallel",
          Branches: [
            {
              StartAt: "Redeploy1",
              States: {
                Redeploy1: {
                  Type: "Task",
                  Comment: "app-cluster/app",
                  Resource: "arn:aws:states:::aws-sdk:ecs:updateService",
                  Parameters: { Cluster: "app-cluster", Service: "app", ForceNewDeployment: true },
                  ResultSelector: { "ServiceArn.$": "$.Service.ServiceArn" },
                  Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 10, MaxAttempts: 5, BackoffRate: 2 }],
                  Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.Failure", Next: "Redeploy1Failed" }],
                  End: true,
                },
                Redeploy1Failed: {
                  Type: "Pass",
                  Parameters: {
                    Service: "app-cluster/app",
                    "Error.$": "$.Failure.Error",
                    "Cause.$": "$.Failure.Cause",
                  },
                  End: true,
                },
              },
            },
          ],
          ResultPath: "$.Results",
          Next: "CheckResults",
        },
        CheckResults: {
          Type: "Choice",
          Choices: [{ Variable: "$.Results[0].Error", IsPresent: true, Next: "NotAllRedeployed" }],
          Default: "AllRedeployed",
        },
        NotAllRedeployed: {
          Type: "Fail",
          Error: "RedeployFailed",
          Cause: "At least one service could not be redeployed; see the RedeployNFailed states of this execution",
        },
        AllRedeployed: { Type: "Succeed" },
      },
    });
  });

  it("GIVEN the dev example THEN every restart resource is in the consumer account, through the consumer's provider", async () => {
    const run = await devRun();
    const component = only(run, "rds-secret-share:consumer:ServiceRestart");
    expect(component.parentUrn).to.equal(only(run, "rds-secret-share:consumer:ConsumerAccess").urn);
    const resources = descendantsOf(run, component);
    expect(resources.map((r) => r.type).sort()).to.deep.equal([
      "aws:cloudwatch/eventBus:EventBus",
      "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
      "aws:cloudwatch/eventRule:EventRule",
      "aws:cloudwatch/eventTarget:EventTarget",
      "aws:iam/role:Role",
      "aws:iam/role:Role",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:sfn/stateMachine:StateMachine",
      "aws:sqs/queue:Queue",
    ]);
    expect(resources.map((r) => [r.provider, r.place.account, r.place.region])).to.deep.equal(
      resources.map(() => [CONSUMER_PROVIDER, CONSUMER, REGION]),
    );
  });
});
