// The deploying role's permissions, per resource type and data source the program uses: which API
// calls the provider (terraform-provider-aws, under @pulumi/aws 7) makes to create, read, update,
// delete and tag it, and which ARNs AWS lets those actions be scoped to. `deployerPolicy` turns it
// into one IAM policy per account; a test fails when the program uses a type missing here, and
// another checks every action, resource and condition key against AWS's Service Authorization
// Reference. Each entry names where its calls were read (`source`). The owner's key, secret and
// rotation are in deployerOwnerActions.ts; roles, events, queues, state machines, logs and tasks here.

import { DeployerActions, grant, named, of, ROLE_READ, tagging, unscoped } from "./deployerGrants";
import { OWNER_ACTIONS } from "./deployerOwnerActions";

/** What every stack has: the account's provider; and what makes no AWS call at all. */
const PROGRAM_ACTIONS: readonly DeployerActions[] = [
  {
    token: "pulumi:providers:aws",
    source: "hashicorp/aws-sdk-go-base getAccountIDAndPartition: the account allowedAccountIds is checked against",
    grants: [unscoped(of("sts", { read: "GetCallerIdentity" }))],
  },
  { token: "random:index/randomPassword:RandomPassword", source: "generated locally by pulumi-random", grants: [] },
  { token: "pulumi:pulumi:StackReference", source: "read from the Pulumi state backend, not from AWS", grants: [] },
];

const COMMON_ACTIONS: readonly DeployerActions[] = [
  {
    token: "aws:iam/getRole:getRole",
    source: "internal/service/iam/role_data_source.go",
    grants: [grant("ReadExistingRoles", of("iam", { read: "GetRole" }), (s, scope) => [scope.roleArn(s.inputs.name)])],
  },
  {
    token: "aws:iam/role:Role",
    source: "internal/service/iam/role.go",
    grants: [
      grant(
        "Roles",
        of("iam", {
          create: "CreateRole",
          read: ROLE_READ,
          update: "UpdateAssumeRolePolicy UpdateRoleDescription UpdateRole",
          delete: "ListInstanceProfilesForRole DeleteRole",
          tag: "TagRole UntagRole",
        }),
        (s, scope) => [scope.iamArn(`role/${named(s)}`)],
      ),
    ],
  },
  {
    token: "aws:iam/rolePolicy:RolePolicy",
    source: "internal/service/iam/role_policy.go",
    grants: [
      grant(
        "RoleInlinePolicies",
        of("iam", {
          create: "PutRolePolicy",
          read: "GetRolePolicy",
          update: "PutRolePolicy",
          delete: "DeleteRolePolicy",
        }),
        (s, scope) => [scope.roleArn(s.inputs.role)],
      ),
    ],
  },
  {
    token: "aws:cloudwatch/eventRule:EventRule",
    source: "internal/service/events/rule.go",
    grants: [
      grant(
        "EventRules",
        of("events", {
          create: "PutRule",
          read: "DescribeRule",
          update: "PutRule",
          delete: "DeleteRule",
          tag: tagging(),
        }),
        (s, scope) => [scope.ruleArn(s.inputs.eventBusName, s.inputs.name)],
      ),
    ],
  },
  {
    token: "aws:cloudwatch/eventTarget:EventTarget",
    source: "internal/service/events/target.go, find.go (reads with ListTargetsByRule)",
    grants: [
      grant(
        "EventRules",
        of("events", {
          create: "PutTargets",
          read: "ListTargetsByRule",
          update: "PutTargets",
          delete: "RemoveTargets",
        }),
        (s, scope) => [scope.ruleArn(s.inputs.eventBusName, s.inputs.rule)],
      ),
    ],
    passRoles: [{ input: "roleArn", service: "events.amazonaws.com" }],
  },
  {
    token: "aws:cloudwatch/eventBus:EventBus",
    source: "internal/service/events/bus.go",
    grants: [
      grant(
        "EventBus",
        of("events", {
          create: "CreateEventBus",
          read: "DescribeEventBus",
          update: "UpdateEventBus",
          delete: "DeleteEventBus",
          tag: tagging(),
        }),
        (s, scope) => [scope.eventBusArn(s.inputs.name)],
      ),
    ],
  },
  {
    token: "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
    source: "internal/service/events/bus_policy.go; PutPermission and RemovePermission name no resource type",
    grants: [
      grant("EventBus", of("events", { read: "DescribeEventBus" }), (s, scope) => [
        scope.eventBusArn(s.inputs.eventBusName),
      ]),
      unscoped(of("events", { create: "PutPermission", update: "PutPermission", delete: "RemovePermission" })),
    ],
  },
  {
    token: "aws:sqs/queue:Queue",
    source: "internal/service/sqs/queue.go",
    grants: [
      grant(
        "DeadLetterQueues",
        of("sqs", {
          create: "CreateQueue",
          read: "GetQueueAttributes",
          update: "SetQueueAttributes",
          delete: "DeleteQueue",
          tag: "TagQueue UntagQueue ListQueueTags",
        }),
        (s, scope) => [scope.arn("sqs", named(s))],
      ),
    ],
  },
  {
    token: "aws:sfn/stateMachine:StateMachine",
    source: "internal/service/sfn/state_machine.go",
    grants: [
      grant(
        "StateMachines",
        of("states", {
          create: "CreateStateMachine",
          read: "DescribeStateMachine ListStateMachineVersions",
          update: "UpdateStateMachine",
          delete: "DeleteStateMachine",
          tag: tagging(),
        }),
        (s, scope) => [scope.arn("states", `stateMachine:${named(s)}`)],
      ),
    ],
    passRoles: [{ input: "roleArn", service: "states.amazonaws.com" }],
  },
  {
    token: "aws:cloudwatch/logGroup:LogGroup",
    source: "internal/service/logs/group.go (reads with DescribeLogGroups, which names no resource type)",
    grants: [
      grant(
        "LogGroups",
        of("logs", {
          create: "CreateLogGroup PutRetentionPolicy",
          update: "PutRetentionPolicy DeleteRetentionPolicy",
          delete: "DeleteLogGroup",
          tag: tagging(),
        }),
        // The log group, and the `:*` form some Logs actions are authorised against.
        (s, scope) => [scope.arn("logs", `log-group:${named(s)}`), scope.arn("logs", `log-group:${named(s)}:*`)],
      ),
      unscoped(of("logs", { read: "DescribeLogGroups" })),
    ],
  },
  {
    token: "aws:ecs/taskDefinition:TaskDefinition",
    source:
      "internal/service/ecs/task_definition.go; tags on create need ecs:TagResource (ECS guide, supported-iam-actions-tagging)",
    grants: [
      grant("TaskDefinitionFamily", of("ecs", { create: "RegisterTaskDefinition", tag: tagging() }), (s, scope) => [
        scope.arn("ecs", `task-definition/${String(s.inputs.family)}:*`),
      ]),
      unscoped(of("ecs", { read: "DescribeTaskDefinition", delete: "DeregisterTaskDefinition" })),
    ],
    passRoles: [
      { input: "executionRoleArn", service: "ecs-tasks.amazonaws.com" },
      { input: "taskRoleArn", service: "ecs-tasks.amazonaws.com" },
    ],
  },
];

/** Every resource type and data source the program uses, in the order policies list them. */
export const DEPLOYER_ACTIONS: readonly DeployerActions[] = [...PROGRAM_ACTIONS, ...OWNER_ACTIONS, ...COMMON_ACTIONS];

/** The table's entry for a resource type or data source; undefined when it has none. */
export function deployerActions(token: string): DeployerActions | undefined {
  return DEPLOYER_ACTIONS.find((e) => e.token === token);
}
