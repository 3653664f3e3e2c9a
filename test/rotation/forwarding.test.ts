import { expect } from "chai";
import { devRun, only, policyOf } from "../support/program";
import { CONSUMER, DEV_PATTERN, descendantsOf, jsonInput, named, OWNER, OWNER_PROVIDER, REGION } from "./support";

const RULE_ARN = `arn:aws:events:${REGION}:${OWNER}:rule/rds-dev-app_user-app-forward`;
const BUS_ARN = `arn:aws:events:${REGION}:${CONSUMER}:event-bus/rds-dev-app_user-app-rotation`;
const ROLE_ARN = `arn:aws:iam::${OWNER}:role/rds-dev-app_user-app-forward`;
const QUEUE_ARN = `arn:aws:sqs:${REGION}:${OWNER}:rds-dev-app_user-app-forward-dlq`;

describe("restart on rotation, owner account: forwarding RotationSucceeded to the consumer", () => {
  it("GIVEN the dev example THEN a rule on the owner's default bus matches RotationSucceeded of this secret only", async () => {
    const run = await devRun();
    const rule = named(run, "share-owner-rotation-events-app-rule");
    expect(rule.type).to.equal("aws:cloudwatch/eventRule:EventRule");
    expect(rule.inputs).to.have.keys("name", "description", "eventPattern");
    expect(rule.inputs.name).to.equal("rds-dev-app_user-app-forward");
    // No eventBusName: CloudTrail delivers Secrets Manager's service events to the default bus.
    expect(jsonInput(rule, "eventPattern")).to.deep.equal(DEV_PATTERN);
  });

  it("GIVEN the dev example THEN the target is the consumer's rotation bus, through the forwarder role, with a dead-letter queue", async () => {
    const run = await devRun();
    const target = named(run, "share-owner-rotation-events-app-target");
    expect(target.type).to.equal("aws:cloudwatch/eventTarget:EventTarget");
    expect(target.inputs).to.deep.equal({
      rule: "rds-dev-app_user-app-forward",
      targetId: "consumer-rotation-bus",
      arn: BUS_ARN,
      roleArn: ROLE_ARN,
      // No retryPolicy: EventBridge does not take one for an event bus target and retries it itself.
      deadLetterConfig: { arn: QUEUE_ARN },
    });
    // The role's permission exists before the first event can be sent.
    expect(target.dependsOn).to.include(named(run, "share-owner-rotation-events-app-forwarder-policy").urn);
  });

  it("GIVEN the dev example THEN the forwarder role is assumable by EventBridge for this rule only and may only put events on that bus", async () => {
    const run = await devRun();
    const role = named(run, "share-owner-rotation-events-app-forwarder", "aws:iam/role:Role");
    expect(role.inputs.name).to.equal("rds-dev-app_user-app-forward");
    expect(jsonInput(role, "assumeRolePolicy")).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AssumedByEventsForThisResource",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": OWNER }, ArnEquals: { "aws:SourceArn": RULE_ARN } },
        },
      ],
    });
    const policy = named(run, "share-owner-rotation-events-app-forwarder-policy");
    expect(policy.inputs.role).to.equal("rds-dev-app_user-app-forward");
    expect(policy.inputs.name).to.equal("put-events-on-consumer-rotation-bus");
    expect(policyOf(policy)).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        { Sid: "PutEventsOnConsumerRotationBus", Effect: "Allow", Action: "events:PutEvents", Resource: BUS_ARN },
      ],
    });
  });

  it("GIVEN the dev example THEN the dead-letter queue is encrypted, keeps messages 14 days and takes them from this rule only", async () => {
    const run = await devRun();
    const queue = named(run, "share-owner-rotation-events-app-dlq");
    expect(queue.type).to.equal("aws:sqs/queue:Queue");
    expect(queue.inputs).to.deep.include({
      name: "rds-dev-app_user-app-forward-dlq",
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

  it("GIVEN the dev example THEN every forwarding resource is in the owner account, through the owner's provider", async () => {
    const run = await devRun();
    const component = only(run, "rds-secret-share:owner:RotationEvents");
    expect(component.parentUrn).to.equal(only(run, "rds-secret-share:owner:OwnerAccount").urn);
    const resources = descendantsOf(run, component);
    expect(resources.map((r) => r.type).sort()).to.deep.equal([
      "aws:cloudwatch/eventRule:EventRule",
      "aws:cloudwatch/eventTarget:EventTarget",
      "aws:iam/role:Role",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:sqs/queue:Queue",
    ]);
    expect(resources.map((r) => [r.provider, r.place.account, r.place.region])).to.deep.equal(
      resources.map(() => [OWNER_PROVIDER, OWNER, REGION]),
    );
  });
});
