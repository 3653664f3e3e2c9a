import {
  CheckAccessNotGrantedCommand,
  CheckNoPublicAccessCommand,
  ValidatePolicyCommand,
} from "@aws-sdk/client-accessanalyzer";
import {
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
} from "@aws-sdk/client-ec2";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { GetApplicationCommand } from "@aws-sdk/client-serverlessapplicationrepository";
import { DescribeDBInstancesCommand } from "@aws-sdk/client-rds";
import { AssumeRoleCommand } from "@aws-sdk/nested-clients/sts";
import { expect } from "chai";
import { exitCodeOf, preflight, PreflightResult } from "../../automation/live";
import {
  accountOf,
  awsError,
  denied,
  EXECUTION_ROLE,
  getApplication,
  HOST,
  healthyPreflight,
  isolateAws,
  mockAws,
  VPC,
} from "./aws";

/** The checks of one account as `status id: title`. */
function lines(r: PreflightResult, role: "owner" | "consumer", id?: string): string[] {
  const account = r.accounts.find((a) => a.role === role);
  return (account?.checks ?? [])
    .filter((c) => id === undefined || c.id === id)
    .map((c) => `${c.status} ${c.id}: ${c.title}`);
}

const KEY_POLICY_STATEMENT_PATH = [{ value: "Statement" }, { index: 1 }, { value: "Action" }, { index: 3 }];

describe("preflight", () => {
  isolateAws();
  const m = mockAws(healthyPreflight);

  it("GIVEN a healthy dev environment THEN every check passes, with 30 calls and exit code 0", async () => {
    const r = await preflight("dev");
    expect([r.verdict, exitCodeOf(r), r.calls]).to.deep.equal(["ok", 0, 30]);
    expect(r.accounts.map((a) => [a.role, a.accountId, a.consumers])).to.deep.equal([
      ["owner", "111111111111", []],
      ["consumer", "222222222222", ["app"]],
    ]);
    expect(lines(r, "owner", "access-not-granted")).to.deep.equal([
      `ok access-not-granted: key policy grants ${EXECUTION_ROLE} none of 28 write or administrative actions on the key`,
      `ok access-not-granted: secret policy grants ${EXECUTION_ROLE} none of 14 write or administrative actions on the secret`,
    ]);
  });

  it("GIVEN a healthy dev environment THEN Access Analyzer gets each document with its policy type, the key admins' statement never in CheckAccessNotGranted", async () => {
    await preflight("dev");
    const validated = m.analyzer.commandCalls(ValidatePolicyCommand).map((c) => c.args[0].input);
    const bySid = Object.fromEntries(
      validated.map((i) => [
        (JSON.parse(i.policyDocument ?? "{}") as { Statement: { Sid: string }[] }).Statement.map((s) => s.Sid).join(
          "+",
        ),
        `${i.policyType} ${i.validatePolicyResourceType ?? "-"}`,
      ]),
    );
    expect(bySid).to.deep.equal({
      "EnableOwnerAccountIamPolicies+KeyAdministrators+DecryptAppViaSecretsManager": "RESOURCE_POLICY -",
      ReadApp: "RESOURCE_POLICY -",
      UseSecretKeyViaSecretsManager: "IDENTITY_POLICY -",
      AssumedByEventsForThisResource: "RESOURCE_POLICY AWS::IAM::AssumeRolePolicyDocument",
      PutEventsOnConsumerRotationBus: "IDENTITY_POLICY -",
      DeadLettersFromTheRule: "RESOURCE_POLICY -",
      AssumedByStatesForThisResource: "RESOURCE_POLICY AWS::IAM::AssumeRolePolicyDocument",
      RedeployListedServicesOfCluster1: "IDENTITY_POLICY -",
      StartRestartStateMachine: "IDENTITY_POLICY -",
      PutEventsFrom111111111111RotationForwarder: "RESOURCE_POLICY -",
      "ReadSharedSecret+DecryptSharedSecretViaSecretsManager": "IDENTITY_POLICY -",
    });
    expect(validated).to.have.length(13);
    expect(
      m.analyzer
        .commandCalls(CheckNoPublicAccessCommand)
        .map((c) => c.args[0].input.resourceType)
        .sort(),
    ).to.deep.equal(["AWS::KMS::Key", "AWS::SQS::Queue", "AWS::SQS::Queue", "AWS::SecretsManager::Secret"]);
    const notGranted = m.analyzer.commandCalls(CheckAccessNotGrantedCommand).map((c) => {
      const i = c.args[0].input;
      const sids = (JSON.parse(i.policyDocument ?? "{}") as { Statement: { Sid: string }[] }).Statement.map(
        (x) => x.Sid,
      );
      const on = i.access?.[0].resources?.[0]?.split(":")[2];
      return `${i.policyType} ${sids.join("+")}: ${i.access?.[0].actions?.length} ${on} actions`;
    });
    expect(notGranted.sort()).to.deep.equal([
      "IDENTITY_POLICY ReadSharedSecret+DecryptSharedSecretViaSecretsManager: 14 secretsmanager actions",
      "IDENTITY_POLICY ReadSharedSecret+DecryptSharedSecretViaSecretsManager: 28 kms actions",
      "RESOURCE_POLICY DecryptAppViaSecretsManager: 28 kms actions",
      "RESOURCE_POLICY ReadApp: 14 secretsmanager actions",
    ]);
  });

  it("GIVEN Access Analyzer finds an ERROR in the key policy THEN the deploy is blocked, naming the resource, the Sid and AWS's message", async () => {
    m.analyzer.on(ValidatePolicyCommand).callsFake((input: { policyDocument: string }) => ({
      findings: input.policyDocument.includes("KeyAdministrators")
        ? [
            {
              findingType: "ERROR",
              issueCode: "INVALID_ACTION",
              findingDetails: "The action kms:RotateKeyOnDemand does not exist.",
              learnMoreLink:
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-invalid-action",
              locations: [
                {
                  path: KEY_POLICY_STATEMENT_PATH,
                  span: { start: { line: 1, column: 2, offset: 3 }, end: { line: 1, column: 30, offset: 31 } },
                },
              ],
            },
          ]
        : [],
    }));
    const r = await preflight("dev");
    expect([r.verdict, exitCodeOf(r)]).to.deep.equal(["blocked", 1]);
    expect(lines(r, "owner", "policy-valid").filter((l) => l.startsWith("fail"))).to.deep.equal([
      "fail policy-valid: key policy, statement KeyAdministrators: ERROR INVALID_ACTION: The action kms:RotateKeyOnDemand does not exist.",
    ]);
  });

  it("GIVEN a SUGGESTION THEN it is printed as a warning and blocks nothing", async () => {
    m.analyzer.on(ValidatePolicyCommand).callsFake((input: { policyDocument: string }) => ({
      findings: input.policyDocument.includes("StartRestartStateMachine")
        ? [
            {
              findingType: "SUGGESTION",
              issueCode: "EMPTY_OBJECT_CONDITION",
              findingDetails: "Add a value to the empty object.",
              learnMoreLink:
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html",
              locations: [
                {
                  path: [{ value: "Statement" }, { index: 0 }],
                  span: { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 1, offset: 1 } },
                },
              ],
            },
          ]
        : [],
    }));
    const r = await preflight("dev");
    expect([r.verdict, exitCodeOf(r)]).to.deep.equal(["warnings", 0]);
    expect(lines(r, "consumer", "policy-valid").filter((l) => l.startsWith("warn"))).to.deep.equal([
      "warn policy-valid: inline policy start-restart-state-machine of role rds-dev-app_user-app-start-restart, statement StartRestartStateMachine: SUGGESTION EMPTY_OBJECT_CONDITION: Add a value to the empty object.",
    ]);
  });

  it("GIVEN a secret policy AWS finds public THEN it blocks, naming the statement", async () => {
    m.analyzer.on(CheckNoPublicAccessCommand, { resourceType: "AWS::SecretsManager::Secret" }).resolves({
      result: "FAIL",
      message: "The resource policy grants public access for the given resource type.",
      reasons: [
        {
          description: "Public access granted in the following statement with sid: ReadApp.",
          statementIndex: 0,
          statementId: "ReadApp",
        },
      ],
    });
    const r = await preflight("dev");
    expect(lines(r, "owner", "no-public-access").filter((l) => l.startsWith("fail"))).to.deep.equal([
      "fail no-public-access: secret policy grants public access (AWS::SecretsManager::Secret): statement ReadApp: Public access granted in the following statement with sid: ReadApp.",
    ]);
    expect(r.verdict).to.equal("blocked");
  });

  it("GIVEN the identity policy may grant a write action THEN it blocks and lists the actions checked", async () => {
    m.analyzer.on(CheckAccessNotGrantedCommand, { policyType: "IDENTITY_POLICY" }).resolves({
      result: "FAIL",
      message: "The policy document grants access to perform one or more of the listed actions or resources.",
      reasons: [
        {
          description: "One or more of the listed actions or resources in the statement with sid: ReadSharedSecret.",
          statementIndex: 0,
          statementId: "ReadSharedSecret",
        },
      ],
    });
    const r = await preflight("dev");
    const failed = r.accounts[1].checks.filter((c) => c.status === "fail");
    expect(failed.map((c) => c.title)).to.deep.equal([
      `inline policy rds-secret-share-rds-dev-app_user-app of role app-task-execution may grant ${EXECUTION_ROLE} a write or administrative action on the secret: statement ReadSharedSecret: One or more of the listed actions or resources in the statement with sid: ReadSharedSecret.`,
      `inline policy rds-secret-share-rds-dev-app_user-app of role app-task-execution may grant ${EXECUTION_ROLE} a write or administrative action on the key: statement ReadSharedSecret: One or more of the listed actions or resources in the statement with sid: ReadSharedSecret.`,
    ]);
    expect(failed[0].detail).to.match(/^Checked: secretsmanager:PutSecretValue, secretsmanager:UpdateSecret, /);
  });

  it("GIVEN the execution role does not exist THEN it blocks, naming the config key", async () => {
    m.iam
      .on(GetRoleCommand, { RoleName: "app-task-execution" })
      .rejects(awsError("NoSuchEntity", "The role with name app-task-execution cannot be found."));
    const r = await preflight("dev");
    const c = r.accounts[1].checks.find((x) => x.id === "principal-exists");
    expect(c).to.deep.equal({
      id: "principal-exists",
      status: "fail",
      title: `execution role of consumer app ${EXECUTION_ROLE} does not exist in account 222222222222`,
      detail:
        "Create the role first, or correct rds-secret-share:consumers[0].executionRoleArn: KMS and Secrets Manager reject policies that name a missing principal.",
      configKey: "rds-secret-share:consumers[0].executionRoleArn",
    });
  });

  it("GIVEN the execution role exists under another path THEN it blocks with the ARN to configure", async () => {
    m.iam.on(GetRoleCommand, { RoleName: "app-task-execution" }).resolves({
      Role: {
        Arn: "arn:aws:iam::222222222222:role/ecs/app-task-execution",
        RoleName: "app-task-execution",
        Path: "/ecs/",
        RoleId: "AROAEXAMPLEID",
        CreateDate: new Date("2025-01-01T00:00:00Z"),
      },
    });
    const r = await preflight("dev");
    expect(lines(r, "consumer", "principal-exists")).to.deep.equal([
      `fail principal-exists: execution role of consumer app ${EXECUTION_ROLE} is not the role app-task-execution of account 222222222222, which is arn:aws:iam::222222222222:role/ecs/app-task-execution`,
    ]);
  });

  it("GIVEN iam:GetRole is denied THEN the role is reported as not checked, never as present, and the run blocks", async () => {
    m.iam.on(GetRoleCommand, { RoleName: "app-task-execution" }).rejects(denied("AccessDenied", "iam:GetRole"));
    const r = await preflight("dev");
    const c = r.accounts[1].checks.find((x) => x.id === "principal-exists");
    expect([c?.status, c?.title]).to.deep.equal([
      "error",
      `could not check execution role of consumer app ${EXECUTION_ROLE}: AccessDenied on iam:GetRole`,
    ]);
    expect(c?.detail).to.match(
      /is not authorized to perform: iam:GetRole .* Grant iam:GetRole to the role arn:aws:iam::222222222222:role\/deployer \(rds-secret-share:consumers\[0\]\.assumeRoleArn\)/,
    );
    expect([r.verdict, exitCodeOf(r)]).to.deep.equal(["blocked", 1]);
  });

  it("GIVEN the consumer's credentials are of another account THEN nothing else is asked there", async () => {
    m.nestedSts.on(AssumeRoleCommand, { RoleArn: "arn:aws:iam::222222222222:role/deployer" }).resolves({
      Credentials: {
        AccessKeyId: "ASIA333333333333",
        SecretAccessKey: "s",
        SessionToken: "rds-secret-share-dev-preflight",
        Expiration: new Date(Date.now() + 3600_000),
      },
    });
    const r = await preflight("dev");
    expect(lines(r, "consumer")).to.deep.equal([
      "fail identity: the credentials are for account 333333333333 (arn:aws:sts::333333333333:assumed-role/deployer/rds-secret-share-dev-preflight), not 222222222222; nothing else was checked here",
    ]);
    expect(lines(r, "owner").every((l) => l.startsWith("ok"))).to.equal(true);
  });

  it("GIVEN every Access Analyzer and IAM call denied in the consumer account THEN the owner is still reported in full", async () => {
    m.analyzer.on(ValidatePolicyCommand).callsFake(async (_i, getClient) => {
      if ((await accountOf(getClient)) === "222222222222") {
        throw denied("AccessDeniedException", "access-analyzer:ValidatePolicy");
      }
      return { findings: [] };
    });
    m.iam.on(GetRoleCommand, { RoleName: "app-task-execution" }).rejects(denied("AccessDenied", "iam:GetRole"));
    const r = await preflight("dev");
    expect(lines(r, "owner").every((l) => l.startsWith("ok"))).to.equal(true);
    expect(r.accounts[0].checks).to.have.length(18);
    expect(lines(r, "consumer", "policy-valid")[0]).to.equal(
      "error policy-valid: could not check the trust policy of role rds-dev-app_user-app-redeploy with IAM Access Analyzer: AccessDenied on access-analyzer:ValidatePolicy",
    );
    expect([r.verdict, exitCodeOf(r)]).to.deep.equal(["blocked", 1]);
  });

  it("GIVEN AssumeRole refused in the consumer account THEN the run stops after who-is-calling, naming that account, exit code 2", async () => {
    m.nestedSts
      .on(AssumeRoleCommand, { RoleArn: "arn:aws:iam::222222222222:role/deployer" })
      .rejects(
        awsError(
          "AccessDenied",
          "User: arn:aws:iam::999999999999:user/ci is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/deployer",
        ),
      );
    const r = await preflight("dev");
    expect([r.verdict, exitCodeOf(r)]).to.deep.equal(["no-credentials", 2]);
    expect(lines(r, "owner")).to.deep.equal([
      "ok identity: calling as arn:aws:sts::111111111111:assumed-role/deployer/rds-secret-share-dev-preflight",
    ]);
    expect(r.accounts[1].checks).to.deep.equal([
      {
        id: "credentials",
        status: "error",
        title:
          "no usable AWS credentials for the consumer account 222222222222: AccessDenied: User: arn:aws:iam::999999999999:user/ci is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/deployer",
        detail:
          "Tried the role arn:aws:iam::222222222222:role/deployer (rds-secret-share:consumers[0].assumeRoleArn), assumed as session rds-secret-share-dev-preflight with the ambient AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, an SSO login or an instance role). The source credentials need sts:AssumeRole on arn:aws:iam::222222222222:role/deployer, and the role's trust policy must trust them; or correct rds-secret-share:consumers[0].assumeRoleArn.",
        configKey: "rds-secret-share:consumers[0].assumeRoleArn",
      },
    ]);
  });

  describe("rotation's preconditions warn, or block with --strict", () => {
    const twoVpcs = () =>
      m.ec2.on(DescribeSubnetsCommand).resolves({
        Subnets: [
          { SubnetId: "subnet-0123456789abcdef0", VpcId: VPC, CidrBlock: "10.0.1.0/24" },
          { SubnetId: "subnet-0123456789abcdef1", VpcId: "vpc-0ffffffffffffffff", CidrBlock: "10.9.2.0/24" },
        ],
      });
    const TWO_VPCS = `the rotation subnets are in 2 VPCs (subnet-0123456789abcdef0 in ${VPC}, subnet-0123456789abcdef1 in vpc-0ffffffffffffffff); a Lambda function runs in one`;

    it("GIVEN subnets in two VPCs THEN a warning, exit 0", async () => {
      twoVpcs();
      const r = await preflight("dev");
      expect(lines(r, "owner", "rotation-subnets")).to.deep.equal([`warn rotation-subnets: ${TWO_VPCS}`]);
      expect([r.verdict, exitCodeOf(r)]).to.deep.equal(["warnings", 0]);
    });

    it("GIVEN subnets in two VPCs AND --strict THEN it blocks", async () => {
      twoVpcs();
      const r = await preflight("dev", { strict: true });
      expect(lines(r, "owner", "rotation-subnets")).to.deep.equal([`fail rotation-subnets: ${TWO_VPCS}`]);
      expect([r.verdict, r.strict]).to.deep.equal(["blocked", true]);
    });

    it("GIVEN the pinned rotation application available THEN it says so, naming the version and the region", async () => {
      const r = await preflight("dev");
      expect(lines(r, "owner", "rotation-application")).to.deep.equal([
        "ok rotation-application: AWS's rotation application SecretsManagerRDSPostgreSQLRotationSingleUser 1.1.671 is available in ap-northeast-1",
      ]);
      expect(m.sar.commandCalls(GetApplicationCommand as never).map((c) => c.args[0].input)).to.deep.equal([
        {
          ApplicationId:
            "arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser",
          SemanticVersion: "1.1.671",
        },
      ]);
    });

    it("GIVEN the pinned version gone from the owner region THEN a warning naming it (a block with --strict)", async () => {
      getApplication(m).rejects(awsError("NotFoundException", "The resource you requested does not exist."));
      const gone =
        "AWS's rotation application SecretsManagerRDSPostgreSQLRotationSingleUser 1.1.671 is not available in ap-northeast-1: The resource you requested does not exist.";
      const r = await preflight("dev");
      expect(lines(r, "owner", "rotation-application")).to.deep.equal([`warn rotation-application: ${gone}`]);
      const strict = await preflight("dev", { strict: true });
      expect(lines(strict, "owner", "rotation-application")).to.deep.equal([`fail rotation-application: ${gone}`]);
      expect(strict.verdict).to.equal("blocked");
    });

    it("GIVEN no Secrets Manager endpoint and no NAT route THEN the most common rotation failure is named", async () => {
      m.ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
      m.ec2.on(DescribeRouteTablesCommand).resolves({
        RouteTables: [
          {
            RouteTableId: "rtb-main",
            VpcId: VPC,
            Associations: [{ Main: true, RouteTableId: "rtb-main" }],
            Routes: [{ DestinationCidrBlock: "10.0.0.0/16", GatewayId: "local", State: "active" }],
          },
          {
            RouteTableId: "rtb-nat",
            VpcId: VPC,
            Associations: [{ Main: false, SubnetId: "subnet-0123456789abcdef1", RouteTableId: "rtb-nat" }],
            Routes: [{ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: "nat-0123456789abcdef0", State: "active" }],
          },
        ],
      });
      const r = await preflight("dev");
      expect(lines(r, "owner", "rotation-reaches-secrets-manager")).to.deep.equal([
        "warn rotation-reaches-secrets-manager: subnet-0123456789abcdef0 reach neither an interface endpoint for com.amazonaws.ap-northeast-1.secretsmanager with private DNS nor a NAT gateway: the rotation function cannot reach Secrets Manager and every rotation will time out",
      ]);
    });

    it("GIVEN no endpoint but every subnet routed to a NAT gateway THEN it passes", async () => {
      m.ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
      m.ec2.on(DescribeRouteTablesCommand).resolves({
        RouteTables: [
          {
            RouteTableId: "rtb-main",
            VpcId: VPC,
            Associations: [{ Main: true }],
            Routes: [{ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: "nat-0123456789abcdef0", State: "active" }],
          },
        ],
      });
      const r = await preflight("dev");
      expect(lines(r, "owner", "rotation-reaches-secrets-manager")).to.deep.equal([
        "ok rotation-reaches-secrets-manager: every rotation subnet routes 0.0.0.0/0 to a NAT gateway (nat-0123456789abcdef0)",
      ]);
    });

    it("GIVEN the database's security group admits only another group, and the instance answers elsewhere THEN both are named", async () => {
      m.ec2.on(DescribeSecurityGroupsCommand).resolves({
        SecurityGroups: [
          {
            GroupId: "sg-0fedcba9876543210",
            IpPermissions: [
              {
                IpProtocol: "tcp",
                FromPort: 5432,
                ToPort: 5432,
                UserIdGroupPairs: [{ GroupId: "sg-0aaaaaaaaaaaaaaaa" }],
                IpRanges: [{ CidrIp: "10.0.1.0/24" }],
              },
            ],
          },
        ],
      });
      m.rds.on(DescribeDBInstancesCommand).resolves({
        DBInstances: [
          {
            DBInstanceIdentifier: "app-db",
            Endpoint: { Address: HOST, Port: 5433 },
            DBSubnetGroup: { VpcId: VPC },
            VpcSecurityGroups: [{ VpcSecurityGroupId: "sg-0fedcba9876543210" }],
          },
        ],
      });
      const r = await preflight("dev");
      expect(lines(r, "owner", "rotation-database")).to.deep.equal([
        `warn rotation-database: the RDS instance app-db answers at ${HOST}:5433, but the secret will say ${HOST}:5432`,
        "warn rotation-database: the database's security groups (sg-0fedcba9876543210) admit neither sg-0123456789abcdef0 nor the rotation subnets on port 5433: rotation cannot reach the database",
      ]);
    });

    it("GIVEN an instance that lists no VPC security groups THEN it is not judged by every group in the region", async () => {
      m.rds.on(DescribeDBInstancesCommand).resolves({
        DBInstances: [
          { DBInstanceIdentifier: "app-db", Endpoint: { Address: HOST, Port: 5432 }, VpcSecurityGroups: [] },
        ],
      });
      const r = await preflight("dev");
      expect(lines(r, "owner", "rotation-database")).to.deep.equal([
        `ok rotation-database: the RDS instance app-db answers at ${HOST}:5432, as configured`,
        "warn rotation-database: the RDS instance app-db lists no VPC security groups: nothing admits the rotation function",
      ]);
      expect(m.ec2.commandCalls(DescribeSecurityGroupsCommand)).to.have.length(0);
    });

    it("GIVEN a rule admitting a CIDR that holds every rotation subnet THEN it passes", async () => {
      m.ec2.on(DescribeSecurityGroupsCommand).resolves({
        SecurityGroups: [
          {
            GroupId: "sg-0fedcba9876543210",
            IpPermissions: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "10.0.0.0/16" }] }],
          },
        ],
      });
      const r = await preflight("dev");
      expect(lines(r, "owner", "rotation-database")[1]).to.equal(
        "ok rotation-database: sg-0fedcba9876543210 admits 10.0.0.0/16 (every rotation subnet) on port 5432",
      );
    });
  });
});
