// Whether the rotation function can reach the database: the instance is the configured one
// (endpoint and port), and its security groups admit the rotation security groups on its port.

import { DescribeSecurityGroupsCommand, EC2Client, IpPermission } from "@aws-sdk/client-ec2";
import { DBInstance, DescribeDBInstancesCommand, RDSClient } from "@aws-sdk/client-rds";
import { Settings } from "../../infra/config/types";
import { RotationNetwork } from "./network";
import { AccountRun, call, check, failedWith, keyOf, Outcome } from "./session";

const INSTANCE_KEY = keyOf("database.instanceIdentifier");

function ipv4(text: string): number | undefined {
  const parts = text.split(".").map(Number);
  return parts.length === 4 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255)
    ? parts.reduce((n, p) => n * 256 + p, 0)
    : undefined;
}

/** True when the CIDR `outer` contains the CIDR `inner`. */
export function cidrContains(outer: string, inner: string): boolean {
  const [oa, ob] = outer.split("/");
  const [ia, ib] = inner.split("/");
  const [o, i, obits, ibits] = [ipv4(oa), ipv4(ia), Number(ob), Number(ib)];
  if (o === undefined || i === undefined || !(obits >= 0 && obits <= 32) || ibits < obits) {
    return false;
  }
  const size = 2 ** (32 - obits);
  return Math.floor(o / size) === Math.floor(i / size);
}

function coversPort(p: IpPermission, port: number): boolean {
  return p.IpProtocol === "-1" || (p.IpProtocol === "tcp" && (p.FromPort ?? 0) <= port && port <= (p.ToPort ?? -1));
}

async function instance(run: AccountRun, id: string): Promise<DBInstance | Outcome> {
  try {
    const r = await call(run, "rds:DescribeDBInstances", () =>
      run.client(RDSClient).send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id })),
    );
    return r.DBInstances?.[0] ?? { status: "fail", title: `no RDS instance ${id}`, configKey: INSTANCE_KEY };
  } catch (err) {
    if (failedWith(err, "DBInstanceNotFound", "DBInstanceNotFoundFault")) {
      return {
        status: "fail",
        title: `no RDS instance ${id} in region ${run.account.region} of account ${run.account.accountId}`,
        configKey: INSTANCE_KEY,
      };
    }
    throw err;
  }
}

/** The instance, its endpoint, and its security groups' ingress from the rotation function. */
export async function databaseReachable(run: AccountRun, settings: Settings, network?: RotationNetwork): Promise<void> {
  const db = settings.database;
  const rotation = settings.rotation;
  const id = db.instanceIdentifier;
  if (!rotation) {
    return;
  }
  if (!id) {
    run.checks.push({
      id: "rotation-database",
      status: "fail",
      title: `the database's security groups and endpoint were not checked: ${INSTANCE_KEY} is not set`,
      detail: "Set it to the RDS instance identifier to have preflight check that rotation can reach the database.",
      configKey: INSTANCE_KEY,
    });
    return;
  }
  await check(
    run,
    "rotation-database",
    `the RDS instance ${id}`,
    async (): Promise<readonly Outcome[]> => {
      const found = await instance(run, id);
      if (!("DBInstanceIdentifier" in found)) {
        return [found as Outcome];
      }
      const out: Outcome[] = [];
      const { Address: host, Port: port } = found.Endpoint ?? {};
      out.push(
        host === db.host && port === db.port
          ? { status: "ok", title: `the RDS instance ${id} answers at ${host}:${port}, as configured` }
          : {
              status: "fail",
              title: `the RDS instance ${id} answers at ${host ?? "?"}:${port ?? "?"}, but the secret will say ${db.host}:${db.port}`,
              configKey: keyOf(host === db.host ? "database.port" : "database.host"),
            },
      );
      const vpc = found.DBSubnetGroup?.VpcId;
      if (network && vpc && vpc !== network.vpcId) {
        out.push({
          status: "fail",
          title: `the RDS instance ${id} is in ${vpc}, the rotation subnets in ${network.vpcId}`,
          configKey: keyOf("rotation.subnetIds"),
        });
      }
      out.push(await ingress(run, found, settings, network));
      return out;
    },
    INSTANCE_KEY,
  );
}

async function ingress(
  run: AccountRun,
  found: DBInstance,
  settings: Settings,
  network?: RotationNetwork,
): Promise<Outcome> {
  const port = found.Endpoint?.Port ?? settings.database.port;
  const groupIds = (found.VpcSecurityGroups ?? []).flatMap((g) => (g.VpcSecurityGroupId ? [g.VpcSecurityGroupId] : []));
  const rotationGroups = settings.rotation?.securityGroupIds ?? [];
  if (groupIds.length === 0) {
    // DescribeSecurityGroups with no ids answers with every group in the region, which would
    // judge the database by rules that are not its own.
    return {
      status: "fail",
      title: `the RDS instance ${found.DBInstanceIdentifier ?? "?"} lists no VPC security groups: nothing admits the rotation function`,
      detail: `Give the instance a security group with an inbound rule on port ${port} from ${rotationGroups[0] ?? "the rotation security group"}.`,
      configKey: INSTANCE_KEY,
    };
  }
  const r = await call(run, "ec2:DescribeSecurityGroups", () =>
    run.client(EC2Client).send(new DescribeSecurityGroupsCommand({ GroupIds: groupIds })),
  );
  const cidrs = (network?.subnets ?? []).flatMap((s) => (s.CidrBlock ? [s.CidrBlock] : []));
  for (const group of r.SecurityGroups ?? []) {
    for (const p of (group.IpPermissions ?? []).filter((x) => coversPort(x, port))) {
      const pair = p.UserIdGroupPairs?.find((u) => u.GroupId && rotationGroups.includes(u.GroupId));
      if (pair) {
        return { status: "ok", title: `${group.GroupId} admits ${pair.GroupId} on port ${port}` };
      }
      const range = p.IpRanges?.find((x) => cidrs.length > 0 && cidrs.every((c) => cidrContains(x.CidrIp ?? "", c)));
      if (range) {
        return {
          status: "ok",
          title: `${group.GroupId} admits ${range.CidrIp} (every rotation subnet) on port ${port}`,
        };
      }
    }
  }
  return {
    status: "fail",
    title: `the database's security groups (${groupIds.join(", ")}) admit neither ${rotationGroups.join(", ")} nor the rotation subnets on port ${port}: rotation cannot reach the database`,
    detail: `Add an inbound rule on port ${port} from ${rotationGroups[0] ?? "the rotation security group"} to ${groupIds[0] ?? "the database's security group"}.`,
    configKey: keyOf("rotation.securityGroupIds"),
  };
}
