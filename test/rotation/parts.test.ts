import { expect } from "chai";
import { restartRoutes } from "../../infra/access/restartRoute";
import { validateConfig } from "../../infra/config/validate";
import { restartDefinition } from "../../infra/consumer/serviceRestart";
import { fitName } from "../../infra/names";
import { toRuntimeConfig } from "../../automation/environment";
import { BILLING_CONSUMER, configWith, only, policyOf, runProgram } from "../support/program";
import {
  CONSUMER,
  DEV_PATTERN,
  descendantsOf,
  jsonInput,
  named,
  OWNER,
  REGION,
  restartRegistrations,
  SECRET_ARN,
} from "./support";

const KEY_ARN = `arn:aws:kms:${REGION}:${OWNER}:key/4ff3a99c-52ba-e682-11c6-2840d00343d2`;

/** The second consumer, with two services. */
const BILLING = {
  ...BILLING_CONSUMER,
  restartServices: [
    { cluster: "billing", service: "api" },
    { cluster: "billing", service: "worker" },
  ],
};

describe("restart on rotation: parts, scoping and names", () => {
  it("GIVEN part owner THEN the owner still creates its forwarding rule, and nothing of the consumer's side", async () => {
    const run = await runProgram(
      configWith((c) => (c["rds-secret-share:part"] = "owner")),
      { stack: "dev-owner" },
    );
    expect(restartRegistrations(run)).to.deep.equal([
      "rds-secret-share:owner:RotationEvents share-owner-rotation-events",
      "aws:iam/role:Role share-owner-rotation-events-app-forwarder",
      "aws:sqs/queue:Queue share-owner-rotation-events-app-dlq",
      "aws:cloudwatch/eventRule:EventRule share-owner-rotation-events-app-rule",
      "aws:cloudwatch/eventTarget:EventTarget share-owner-rotation-events-app-target",
    ]);
    expect(jsonInput(named(run, "share-owner-rotation-events-app-rule"), "eventPattern")).to.deep.equal(DEV_PATTERN);
    // The consumer's bus is known from settings: the owner deploys first, before it exists.
    expect(named(run, "share-owner-rotation-events-app-target").inputs.arn).to.equal(
      `arn:aws:events:${REGION}:${CONSUMER}:event-bus/rds-dev-app_user-app-rotation`,
    );
  });

  it("GIVEN part consumer with the owner's outputs in config THEN the consumer still creates its bus policy, rule and target, naming the owner's role from settings", async () => {
    const run = await runProgram(
      configWith((c) => {
        c["rds-secret-share:part"] = "consumer";
        c["rds-secret-share:secretArn"] = SECRET_ARN;
        c["rds-secret-share:kmsKeyArn"] = KEY_ARN;
      }),
      { stack: "dev-consumer" },
    );
    expect(restartRegistrations(run)).to.deep.equal([
      "rds-secret-share:consumer:ServiceRestart share-consumer-app-restart",
      "aws:cloudwatch/eventBus:EventBus share-consumer-app-restart-bus",
      "aws:iam/role:Role share-consumer-app-restart-redeploy",
      "aws:iam/role:Role share-consumer-app-restart-start",
      "aws:sqs/queue:Queue share-consumer-app-restart-dlq",
      "aws:cloudwatch/eventBusPolicy:EventBusPolicy share-consumer-app-restart-bus-policy",
      "aws:sfn/stateMachine:StateMachine share-consumer-app-restart-state-machine",
      "aws:cloudwatch/eventRule:EventRule share-consumer-app-restart-rule",
      "aws:cloudwatch/eventTarget:EventTarget share-consumer-app-restart-target",
    ]);
    const busPolicy = policyOf(named(run, "share-consumer-app-restart-bus-policy"));
    expect(busPolicy.Statement.map((s) => s.Principal)).to.deep.equal([
      { AWS: `arn:aws:iam::${OWNER}:role/rds-dev-app_user-app-forward` },
    ]);
    expect(jsonInput(named(run, "share-consumer-app-restart-rule"), "eventPattern")).to.deep.equal(DEV_PATTERN);
  });

  it("GIVEN part consumer reading the owner stack THEN the rule matches the secret the stack reference returns", async () => {
    const run = await runProgram(
      configWith((c) => (c["rds-secret-share:part"] = "consumer")),
      { stack: "dev-consumer" },
    );
    const pattern = jsonInput(named(run, "share-consumer-app-restart-rule"), "eventPattern") as typeof DEV_PATTERN;
    expect(pattern.detail.additionalEventData.SecretId).to.deep.equal([SECRET_ARN]);
  });

  it("GIVEN no consumer lists restartServices THEN nothing of restart-on-rotation is created, in any part", async () => {
    for (const part of ["all", "owner"]) {
      const run = await runProgram(
        configWith((c) => {
          c["rds-secret-share:part"] = part;
          delete c["rds-secret-share:consumers"][0].restartServices;
        }),
      );
      expect(restartRegistrations(run), part).to.deep.equal([]);
    }
    const emptyList = await runProgram(configWith((c) => (c["rds-secret-share:consumers"][0].restartServices = [])));
    expect(restartRegistrations(emptyList)).to.deep.equal([]);
  });

  it("GIVEN no rotation block THEN nothing of restart-on-rotation is created, even with restartServices", async () => {
    for (const part of ["all", "owner", "consumer"]) {
      const run = await runProgram(
        configWith((c) => {
          c["rds-secret-share:part"] = part;
          delete c["rds-secret-share:rotation"];
        }),
        { stack: part === "all" ? "dev" : `dev-${part}` },
      );
      expect(restartRegistrations(run), part).to.deep.equal([]);
    }
  });

  it("GIVEN a second consumer in another account and region with two services THEN it gets its own route, bus and state machine through its own provider", async () => {
    const run = await runProgram(configWith((c) => c["rds-secret-share:consumers"].push(BILLING)));
    const forwarders = run.registrations.filter(
      (r) => r.type === "aws:cloudwatch/eventTarget:EventTarget" && r.provider === "share-owner",
    );
    expect(forwarders.map((t) => [t.name, t.inputs.arn, t.place.region])).to.deep.equal([
      [
        "share-owner-rotation-events-app-target",
        `arn:aws:events:${REGION}:${CONSUMER}:event-bus/rds-dev-app_user-app-rotation`,
        REGION,
      ],
      [
        "share-owner-rotation-events-billing-target",
        "arn:aws:events:us-west-2:333333333333:event-bus/rds-dev-app_user-billing-rotation",
        REGION,
      ],
    ]);
    const component = named(run, "share-consumer-billing-restart", "rds-secret-share:consumer:ServiceRestart");
    const resources = descendantsOf(run, component);
    expect(resources).to.have.length(10);
    expect([...new Set(resources.map((r) => `${r.provider} ${r.place.account} ${r.place.region}`))]).to.deep.equal([
      "share-consumer-333333333333-us-west-2 333333333333 us-west-2",
    ]);
    expect(policyOf(named(run, "share-consumer-billing-restart-redeploy-policy")).Statement).to.deep.equal([
      {
        Sid: "RedeployListedServicesOfCluster1",
        Effect: "Allow",
        Action: "ecs:UpdateService",
        Resource: [
          "arn:aws:ecs:us-west-2:333333333333:service/billing/api",
          "arn:aws:ecs:us-west-2:333333333333:service/api",
          "arn:aws:ecs:us-west-2:333333333333:service/billing/worker",
          "arn:aws:ecs:us-west-2:333333333333:service/worker",
        ],
        Condition: { ArnEquals: { "ecs:cluster": "arn:aws:ecs:us-west-2:333333333333:cluster/billing" } },
      },
    ]);
    const billingMachine = named(run, "share-consumer-billing-restart-state-machine");
    const definition = jsonInput(billingMachine, "definition") as {
      States: { CheckResults: unknown; RedeployServices: { Branches: { States: Record<string, unknown> }[] } };
    };
    expect(definition.States.RedeployServices.Branches.map((b) => Object.keys(b.States))).to.deep.equal([
      ["Redeploy1", "Redeploy1Failed"],
      ["Redeploy2", "Redeploy2Failed"],
    ]);
    expect(definition.States.CheckResults).to.deep.equal({
      Type: "Choice",
      Choices: [
        {
          Or: [
            { Variable: "$.Results[0].Error", IsPresent: true },
            { Variable: "$.Results[1].Error", IsPresent: true },
          ],
          Next: "NotAllRedeployed",
        },
      ],
      Default: "AllRedeployed",
    });
    // The app consumer's machine is untouched by the billing one.
    expect(
      only(run, "aws:iam/rolePolicy:RolePolicy", "share-consumer-app-restart-redeploy-policy").inputs.role,
    ).to.equal("rds-dev-app_user-app-redeploy");
  });

  it("GIVEN services in two clusters, interleaved, one name in both THEN one statement per cluster, in order of first appearance, each bound to its cluster", async () => {
    const services = [
      { cluster: "billing", service: "api" },
      { cluster: "batch", service: "api" },
      { cluster: "billing", service: "worker" },
    ];
    const run = await runProgram(
      configWith((c) => c["rds-secret-share:consumers"].push({ ...BILLING, restartServices: services })),
    );
    const arn = (resource: string): string => `arn:aws:ecs:us-west-2:333333333333:${resource}`;
    expect(policyOf(named(run, "share-consumer-billing-restart-redeploy-policy"))).to.deep.equal({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "RedeployListedServicesOfCluster1",
          Effect: "Allow",
          Action: "ecs:UpdateService",
          Resource: [
            arn("service/billing/api"),
            arn("service/api"),
            arn("service/billing/worker"),
            arn("service/worker"),
          ],
          Condition: { ArnEquals: { "ecs:cluster": arn("cluster/billing") } },
        },
        {
          Sid: "RedeployListedServicesOfCluster2",
          Effect: "Allow",
          Action: "ecs:UpdateService",
          Resource: [arn("service/batch/api"), arn("service/api")],
          Condition: { ArnEquals: { "ecs:cluster": arn("cluster/batch") } },
        },
      ],
    });
  });

  it("GIVEN a consumer without restartServices next to one with THEN only the listing consumer gets a route", () => {
    const settings = validateConfig(
      toRuntimeConfig(
        configWith((c) => c["rds-secret-share:consumers"].push({ ...BILLING, restartServices: undefined })),
      ),
      { project: "rds-secret-share", stack: "dev" },
    );
    expect(restartRoutes(settings).map((r) => [r.consumer, r.clusters])).to.deep.equal([
      [
        "app",
        [
          {
            cluster: "app-cluster",
            clusterArn: `arn:aws:ecs:${REGION}:${CONSUMER}:cluster/app-cluster`,
            serviceArns: [
              `arn:aws:ecs:${REGION}:${CONSUMER}:service/app-cluster/app`,
              `arn:aws:ecs:${REGION}:${CONSUMER}:service/app`,
            ],
          },
        ],
      ],
    ]);
    expect(restartRoutes({ ...settings, rotation: undefined })).to.deep.equal([]);
  });

  it("GIVEN names longer than AWS allows THEN they are cut, kept unique by a hash, and keep their suffix", () => {
    const long = `rds/${"a".repeat(70)}/app_user-app`;
    const other = `rds/${"a".repeat(70)}/app_user-api`;
    const name = fitName(long, "-forward", 64);
    expect(name).to.have.length(64);
    expect(name).to.match(/^rds-a+-[0-9a-f]{8}-forward$/);
    expect(fitName(other, "-forward", 64)).not.to.equal(name);
    expect(fitName("rds/dev/app_user-app", "-forward", 64)).to.equal("rds-dev-app_user-app-forward");
  });

  it("GIVEN one service THEN the check names it directly, without a one-element Or", () => {
    const definition = restartDefinition("s", [{ cluster: "c", service: "s" }]) as {
      States: { CheckResults: unknown };
    };
    expect(definition.States.CheckResults).to.deep.equal({
      Type: "Choice",
      Choices: [{ Variable: "$.Results[0].Error", IsPresent: true, Next: "NotAllRedeployed" }],
      Default: "AllRedeployed",
    });
  });
});
