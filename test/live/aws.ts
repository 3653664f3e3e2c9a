// A healthy AWS for the dev example (owner 111111111111, consumer app in 222222222222), mocked
// with aws-sdk-client-mock in the response shapes of AWS's API reference. Each account is told
// apart by its credentials: the mocked AssumeRole hands out keys ASIA<account id>.

import { AssumeRoleCommand, STSClient as NestedSTSClient } from "@aws-sdk/nested-clients/sts";
import {
  AccessAnalyzerClient,
  CheckAccessNotGrantedCommand,
  CheckNoPublicAccessCommand,
  ValidatePolicyCommand,
} from "@aws-sdk/client-accessanalyzer";
import {
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { ECSClient } from "@aws-sdk/client-ecs";
import { GetRoleCommand, GetUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { DescribeDBInstancesCommand, RDSClient } from "@aws-sdk/client-rds";
import { DescribeSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import {
  GetApplicationCommand,
  ServerlessApplicationRepositoryClient,
} from "@aws-sdk/client-serverlessapplicationrepository";
import { SFNClient } from "@aws-sdk/client-sfn";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { clearAwsVariables } from "../support/awsVariables";

export const OWNER = "111111111111";
export const CONSUMER = "222222222222";
export const REGION = "ap-northeast-1";
export const HOST = "app-db.abcdefghijkl.ap-northeast-1.rds.amazonaws.com";
export const KEY_ADMIN =
  "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_perm-app_0123456789abcdef";
export const EXECUTION_ROLE = "arn:aws:iam::222222222222:role/app-task-execution";
export const MASTER_ARN = "arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:rds!db-0123abcd-AbCdEf";
export const VPC = "vpc-0a1b2c3d4e5f60718";
export const DB_GROUP = "sg-0fedcba9876543210";
export const ROTATION_GROUP = "sg-0123456789abcdef0";

type Client = { config: { credentials: () => Promise<{ accessKeyId: string; sessionToken?: string }> } };

/** The account a mocked call was made in, from the keys the mocked AssumeRole handed out. */
export async function accountOf(getClient: () => unknown): Promise<string> {
  const { accessKeyId } = await (getClient() as Client).config.credentials();
  return accessKeyId.slice(4);
}

/** Access denied as AWS says it, e.g. for iam:GetRole. */
export function denied(name: string, action: string, account = CONSUMER): Error {
  return Object.assign(
    new Error(
      `User: arn:aws:sts::${account}:assumed-role/deployer/rds-secret-share-dev-preflight is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
    ),
    { name, $fault: "client", $metadata: { httpStatusCode: 403 } },
  );
}

export function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode: 400 } });
}

const CLASSES = {
  sts: STSClient,
  nestedSts: NestedSTSClient,
  analyzer: AccessAnalyzerClient,
  iam: IAMClient,
  sm: SecretsManagerClient,
  ec2: EC2Client,
  rds: RDSClient,
  kms: KMSClient,
  lambda: LambdaClient,
  ecs: ECSClient,
  sfn: SFNClient,
  sar: ServerlessApplicationRepositoryClient,
};

// The Serverless Application Repository client is an older release, on an older @smithy/types, so
// aws-sdk-client-mock's typed stub does not apply to it; its stub is the untyped one.
export type Mocks = {
  [K in Exclude<keyof typeof CLASSES, "sar">]: AwsClientStub<InstanceType<(typeof CLASSES)[K]>>;
} & { sar: ReturnType<typeof mockClient> };

/** Only what the test sets: none of this machine's AWS settings is read. Ambient keys by default. */
export function isolateAws(ambient = true): void {
  let restore = (): void => undefined;
  let dir = "";
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), "live-aws-"));
    writeFileSync(path.join(dir, "config"), "");
    writeFileSync(path.join(dir, "credentials"), "");
    restore = clearAwsVariables();
    process.env.AWS_CONFIG_FILE = path.join(dir, "config");
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, "credentials");
    process.env.AWS_EC2_METADATA_DISABLED = "true";
    // Node 20: the SDK's notice that later releases need Node 22 would be printed among the results.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
    if (ambient) {
      process.env.AWS_ACCESS_KEY_ID = "AKIAAMBIENTEXAMPLE00";
      process.env.AWS_SECRET_ACCESS_KEY = "ambient-secret";
    }
  });
  after(() => {
    restore();
    rmSync(dir, { recursive: true, force: true });
  });
}

/** Every client mocked for the enclosing describe; `healthy` sets each test's answers. */
export function mockAws(healthy: (m: Mocks) => void): Mocks {
  const mocks: Record<string, ReturnType<typeof mockClient>> = {};
  before(() => {
    for (const [k, c] of Object.entries(CLASSES)) {
      mocks[k] = mockClient(c as never);
    }
  });
  beforeEach(() => {
    for (const m of Object.values(mocks)) {
      m.reset();
    }
    healthy(mocks as unknown as Mocks);
  });
  after(() => Object.values(mocks).forEach((m) => m.restore()));
  return mocks as unknown as Mocks;
}

/** Roles and users that exist, by account and name. */
const PRINCIPALS = [KEY_ADMIN, EXECUTION_ROLE];

export function identities(m: Mocks): void {
  m.nestedSts.on(AssumeRoleCommand).callsFake((input: { RoleArn: string; RoleSessionName: string }) => ({
    Credentials: {
      AccessKeyId: `ASIA${input.RoleArn.split(":")[4]}`,
      SecretAccessKey: "temporary-secret",
      // Carries the session name to GetCallerIdentity below, as AWS's own answer would.
      SessionToken: input.RoleSessionName,
      Expiration: new Date(Date.now() + 3600_000),
    },
  }));
  m.sts.on(GetCallerIdentityCommand).callsFake(async (_i, getClient) => {
    const account = await accountOf(getClient);
    const { sessionToken } = await (getClient() as Client).config.credentials();
    const session = sessionToken ?? "rds-secret-share-dev";
    return {
      UserId: `AROAEXAMPLEID:${session}`,
      Account: account,
      Arn: `arn:aws:sts::${account}:assumed-role/deployer/${session}`,
    };
  });
}

/**
 * The stub of GetApplication. Its client is an older release on an older @smithy/types, whose
 * command type aws-sdk-client-mock's typings do not accept; at run time the stub is the same.
 */
export function getApplication(m: Mocks) {
  return m.sar.on(GetApplicationCommand as never);
}

/** Everything preflight asks of a healthy dev environment. */
export function healthyPreflight(m: Mocks): void {
  identities(m);
  m.analyzer.on(ValidatePolicyCommand).resolves({ findings: [] });
  getApplication(m).callsFake((input: { ApplicationId: string; SemanticVersion: string }) => ({
    ApplicationId: input.ApplicationId,
    Name: input.ApplicationId.slice(input.ApplicationId.lastIndexOf("/") + 1),
    Version: { ApplicationId: input.ApplicationId, SemanticVersion: input.SemanticVersion },
  }));
  m.analyzer.on(CheckNoPublicAccessCommand).resolves({
    result: "PASS",
    message: "The resource policy does not grant public access for the given resource type.",
    reasons: [],
  });
  m.analyzer.on(CheckAccessNotGrantedCommand).resolves({
    result: "PASS",
    message: "The policy document does not grant access to perform one or more of the listed actions or resources.",
    reasons: [],
  });
  m.iam.on(GetRoleCommand).callsFake(async (input: { RoleName: string }, getClient) => {
    const account = await accountOf(getClient);
    const arn = PRINCIPALS.find((a) => a.split(":")[4] === account && a.endsWith(`/${input.RoleName}`));
    if (!arn) {
      throw awsError("NoSuchEntity", `The role with name ${input.RoleName} cannot be found.`);
    }
    const rolePath = arn.slice(arn.indexOf(":role") + 5, arn.lastIndexOf("/") + 1);
    return {
      Role: {
        Arn: arn,
        RoleName: input.RoleName,
        Path: rolePath,
        RoleId: "AROAEXAMPLEID",
        CreateDate: new Date("2025-01-01T00:00:00Z"),
      },
    };
  });
  m.iam.on(GetUserCommand).rejects(awsError("NoSuchEntity", "The user cannot be found."));
  m.sm.on(DescribeSecretCommand, { SecretId: MASTER_ARN }).resolves({ ARN: MASTER_ARN, Name: "rds!db-0123abcd" });
  m.ec2.on(DescribeSubnetsCommand).resolves({
    Subnets: [
      {
        SubnetId: "subnet-0123456789abcdef0",
        VpcId: VPC,
        CidrBlock: "10.0.1.0/24",
        AvailabilityZone: "ap-northeast-1a",
        State: "available",
      },
      {
        SubnetId: "subnet-0123456789abcdef1",
        VpcId: VPC,
        CidrBlock: "10.0.2.0/24",
        AvailabilityZone: "ap-northeast-1c",
        State: "available",
      },
    ],
  });
  m.ec2.on(DescribeVpcEndpointsCommand).resolves({
    VpcEndpoints: [
      {
        VpcEndpointId: "vpce-0123456789abcdef0",
        VpcEndpointType: "Interface",
        VpcId: VPC,
        ServiceName: `com.amazonaws.${REGION}.secretsmanager`,
        State: "Available",
        PrivateDnsEnabled: true,
        SubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
      },
    ],
  });
  m.ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
  m.ec2.on(DescribeSecurityGroupsCommand).resolves({
    SecurityGroups: [
      {
        GroupId: DB_GROUP,
        GroupName: "app-db",
        VpcId: VPC,
        IpPermissions: [
          {
            IpProtocol: "tcp",
            FromPort: 5432,
            ToPort: 5432,
            UserIdGroupPairs: [{ GroupId: ROTATION_GROUP, UserId: OWNER }],
            IpRanges: [],
          },
        ],
      },
    ],
  });
  m.rds.on(DescribeDBInstancesCommand).resolves({
    DBInstances: [
      {
        DBInstanceIdentifier: "app-db",
        Engine: "postgres",
        DBInstanceStatus: "available",
        Endpoint: { Address: HOST, Port: 5432 },
        DBSubnetGroup: { VpcId: VPC, DBSubnetGroupName: "app-db" },
        VpcSecurityGroups: [{ VpcSecurityGroupId: DB_GROUP, Status: "active" }],
      },
    ],
  });
}
