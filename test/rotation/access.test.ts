// Least privilege of restart-on-rotation, by policy simulation of the registered policies: each
// request below gets exactly the decision written next to it. The expectations are written here,
// independently of the program's policies.

import { expect } from "chai";
import { OfflineRun } from "../../automation/offline/runtime";
import { devRun, policyOf } from "../support/program";
import { ALLOW_EVERYTHING, Caller, evaluate, identityPoliciesOf, PolicyJson, sessionOf } from "../support/simulate";
import { CONSUMER, named, OWNER, REGION } from "./support";
import { writeReport } from "../support/reports";

type Decision = "Allowed" | "ImplicitlyDenied";

interface Request {
  readonly caller: Caller;
  readonly action: string;
  readonly resource: string;
  readonly resourcePolicy?: PolicyJson;
  readonly context?: Record<string, string | string[]>;
  /** A long-format ARN the simulator validates a short-format request with. */
  readonly validateAs?: string;
  readonly expected: Decision;
}

const BUS_ARN = `arn:aws:events:${REGION}:${CONSUMER}:event-bus/rds-dev-app_user-app-rotation`;
const DEFAULT_BUS_ARN = `arn:aws:events:${REGION}:${CONSUMER}:event-bus/default`;
const MACHINE_ARN = `arn:aws:states:${REGION}:${CONSUMER}:stateMachine:rds-dev-app_user-app-restart`;
const SERVICE = (cluster: string, service: string) => `arn:aws:ecs:${REGION}:${CONSUMER}:service/${cluster}/${service}`;
const CLUSTER = (cluster: string) => `arn:aws:ecs:${REGION}:${CONSUMER}:cluster/${cluster}`;
/** A service created before 2021 that kept the short ARN, without its cluster. */
const SHORT_SERVICE = (service: string) => `arn:aws:ecs:${REGION}:${CONSUMER}:service/${service}`;
const FORWARD_RULE_ARN = `arn:aws:events:${REGION}:${OWNER}:rule/rds-dev-app_user-app-forward`;
/** RotationSucceeded as the owner's forwarding rule delivers it: EventBridge names the rule in aws:SourceArn. */
const ROTATION_EVENT = {
  "events:source": ["aws.secretsmanager"],
  "events:detail-type": ["AWS Service Event via CloudTrail"],
  "aws:SourceArn": FORWARD_RULE_ARN,
};

function role(run: OfflineRun, account: string, roleName: string, label: string): Caller {
  return {
    label,
    account,
    principal: sessionOf(`arn:aws:iam::${account}:role/${roleName}`, "events"),
    identityPolicies: identityPoliciesOf([run], account, roleName),
  };
}

function stranger(account: string, label: string): Caller {
  return {
    label,
    account,
    principal: sessionOf(`arn:aws:iam::${account}:role/intruder`, "x"),
    identityPolicies: [ALLOW_EVERYTHING],
  };
}

function requests(run: OfflineRun): Request[] {
  const busPolicy = policyOf(named(run, "share-consumer-app-restart-bus-policy"));
  const forwarder = role(run, OWNER, "rds-dev-app_user-app-forward", "owner forwarder role");
  const redeploy = role(run, CONSUMER, "rds-dev-app_user-app-redeploy", "state machine role");
  const start = role(run, CONSUMER, "rds-dev-app_user-app-start-restart", "start role");
  const onBus = (caller: Caller, context: Record<string, string | string[]>, expected: Decision): Request => ({
    caller,
    action: "events:PutEvents",
    resource: BUS_ARN,
    resourcePolicy: busPolicy,
    context,
    expected,
  });
  return [
    onBus(forwarder, ROTATION_EVENT, "Allowed"),
    onBus(forwarder, { ...ROTATION_EVENT, "events:source": ["com.example.app"] }, "ImplicitlyDenied"),
    onBus(forwarder, { ...ROTATION_EVENT, "events:detail-type": ["Order Placed"] }, "ImplicitlyDenied"),
    onBus(
      forwarder,
      { ...ROTATION_EVENT, "events:source": ["aws.secretsmanager", "com.example.app"] },
      "ImplicitlyDenied",
    ),
    // A missing key must not pass: ForAllValues alone held vacuously when events:source or detail-type was absent.
    onBus(
      forwarder,
      { "events:detail-type": ROTATION_EVENT["events:detail-type"], "aws:SourceArn": FORWARD_RULE_ARN },
      "ImplicitlyDenied",
    ),
    onBus(
      forwarder,
      { "events:source": ROTATION_EVENT["events:source"], "aws:SourceArn": FORWARD_RULE_ARN },
      "ImplicitlyDenied",
    ),
    onBus(forwarder, { "aws:SourceArn": FORWARD_RULE_ARN }, "ImplicitlyDenied"),
    // Sent by anything but the owner's forwarding rule (another rule, or a PutEvents call with the role).
    onBus(forwarder, { ...ROTATION_EVENT, "aws:SourceArn": `${FORWARD_RULE_ARN}-other` }, "ImplicitlyDenied"),
    onBus(
      forwarder,
      { "events:source": ROTATION_EVENT["events:source"], "events:detail-type": ROTATION_EVENT["events:detail-type"] },
      "ImplicitlyDenied",
    ),
    onBus(stranger(OWNER, "another owner-account role (allows *)"), ROTATION_EVENT, "ImplicitlyDenied"),
    onBus(stranger("999999999999", "a role in a third account (allows *)"), ROTATION_EVENT, "ImplicitlyDenied"),
    {
      caller: forwarder,
      action: "events:PutEvents",
      resource: DEFAULT_BUS_ARN,
      context: ROTATION_EVENT,
      expected: "ImplicitlyDenied",
    },
    {
      caller: forwarder,
      action: "events:PutRule",
      resource: `arn:aws:events:${REGION}:${CONSUMER}:rule/rds-dev-app_user-app-rotation/x`,
      resourcePolicy: busPolicy,
      expected: "ImplicitlyDenied",
    },
    // ECS puts the service's cluster in ecs:cluster; the policy names it beside each service.
    updateService(redeploy, SERVICE("app-cluster", "app"), "app-cluster", "Allowed"),
    // The same service, created before 2021 and never migrated: IAM sees the short ARN.
    updateService(redeploy, SHORT_SERVICE("app"), "app-cluster", "Allowed", SERVICE("app-cluster", "app")),
    // A same-named pre-2021 service of another cluster has the very same short ARN: only ecs:cluster tells them apart.
    updateService(redeploy, SHORT_SERVICE("app"), "other-cluster", "ImplicitlyDenied", SERVICE("other-cluster", "app")),
    updateService(redeploy, SERVICE("other-cluster", "app"), "other-cluster", "ImplicitlyDenied"),
    // Unlisted services of the listed cluster, by either form.
    updateService(redeploy, SERVICE("app-cluster", "other"), "app-cluster", "ImplicitlyDenied"),
    updateService(redeploy, SHORT_SERVICE("other"), "app-cluster", "ImplicitlyDenied", SERVICE("app-cluster", "other")),
    // Without the condition key the statement does not apply.
    {
      caller: redeploy,
      action: "ecs:UpdateService",
      resource: SERVICE("app-cluster", "app"),
      expected: "ImplicitlyDenied",
    },
    {
      caller: redeploy,
      action: "ecs:DeleteService",
      resource: SERVICE("app-cluster", "app"),
      expected: "ImplicitlyDenied",
    },
    { caller: redeploy, action: "states:StartExecution", resource: MACHINE_ARN, expected: "ImplicitlyDenied" },
    { caller: start, action: "states:StartExecution", resource: MACHINE_ARN, expected: "Allowed" },
    { caller: start, action: "states:StartExecution", resource: `${MACHINE_ARN}-other`, expected: "ImplicitlyDenied" },
    updateService(start, SERVICE("app-cluster", "app"), "app-cluster", "ImplicitlyDenied"),
  ];
}

/** UpdateService on `resource`, with ecs:cluster naming `cluster` as ECS sets it. */
function updateService(
  caller: Caller,
  resource: string,
  cluster: string,
  expected: Decision,
  validateAs?: string,
): Request {
  return {
    caller,
    action: "ecs:UpdateService",
    resource,
    context: { "ecs:cluster": CLUSTER(cluster) },
    validateAs,
    expected,
  };
}

function line(r: Request, decision: string): string {
  const context = r.context ? ` ${JSON.stringify(r.context)}` : "";
  return `${r.caller.label} | ${r.action} | ${r.resource}${context} => ${decision}`;
}

describe("restart on rotation: least privilege, by policy simulation", () => {
  it("GIVEN the dev example THEN each request gets exactly the expected decision", async () => {
    const run = await devRun();
    const list = requests(run);
    const simulated: string[] = [];
    for (const r of list) {
      const resourceAccount = r.resource.split(":")[4];
      const { decision } = await evaluate({
        caller: r.caller,
        action: r.action,
        resource: r.resource,
        resourceAccount,
        resourcePolicy: r.resourcePolicy,
        validateAs: r.validateAs,
        // The helper types context values as strings; multivalued keys (events:source) go as arrays.
        context: (r.context ?? {}) as Record<string, string>,
      });
      simulated.push(line(r, decision));
    }
    const title = "Access matrix: restart on rotation (dev example)";
    writeReport("access-matrix-restart-on-rotation", [title, ...simulated].join("\n"));
    expect(simulated).to.deep.equal(list.map((r) => line(r, r.expected)));
    expect(list.filter((r) => r.expected === "Allowed")).to.have.length(4);
  });
});
