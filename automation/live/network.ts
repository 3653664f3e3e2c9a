// Whether the rotation function can work where it will run: the subnets exist and share one VPC,
// and that VPC reaches Secrets Manager from them (an interface endpoint with private DNS, or a
// route to a NAT gateway) — without it every rotation times out.

import {
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  RouteTable,
  Subnet,
} from "@aws-sdk/client-ec2";
import { RotationSettings } from "../../infra/config/types";
import { AccountRun, call, check, failedWith, keyOf, Outcome } from "./session";

export interface RotationNetwork {
  readonly vpcId: string;
  readonly subnets: readonly Subnet[];
}

const SUBNETS_KEY = keyOf("rotation.subnetIds");

/** The subnets, when they all exist and share one VPC; records the check either way. */
export async function rotationSubnets(
  run: AccountRun,
  rotation: RotationSettings,
): Promise<RotationNetwork | undefined> {
  let found: RotationNetwork | undefined;
  await check(
    run,
    "rotation-subnets",
    `the rotation subnets ${rotation.subnetIds.join(", ")}`,
    async (): Promise<Outcome> => {
      let subnets: Subnet[];
      try {
        const r = await call(run, "ec2:DescribeSubnets", () =>
          run.client(EC2Client).send(new DescribeSubnetsCommand({ SubnetIds: [...rotation.subnetIds] })),
        );
        subnets = r.Subnets ?? [];
      } catch (err) {
        if (failedWith(err, "InvalidSubnetID.NotFound", "InvalidSubnetID.Malformed")) {
          return { status: "fail", title: `rotation subnets: ${err.awsMessage}`, configKey: SUBNETS_KEY };
        }
        throw err;
      }
      const vpcs = [...new Set(subnets.map((s) => s.VpcId ?? "?"))];
      if (vpcs.length !== 1) {
        const where = subnets.map((s) => `${s.SubnetId} in ${s.VpcId}`).join(", ");
        return {
          status: "fail",
          title: `the rotation subnets are in ${vpcs.length} VPCs (${where}); a Lambda function runs in one`,
          configKey: SUBNETS_KEY,
        };
      }
      found = { vpcId: vpcs[0], subnets };
      return { status: "ok", title: `the rotation subnets exist, all in ${vpcs[0]}` };
    },
    SUBNETS_KEY,
  );
  return found;
}

/** The route table that governs a subnet: its own association, else the VPC's main table. */
function tableOf(subnetId: string, tables: readonly RouteTable[]): RouteTable | undefined {
  const own = tables.find((t) => t.Associations?.some((a) => a.SubnetId === subnetId));
  return own ?? tables.find((t) => t.Associations?.some((a) => a.Main === true));
}

function natRoute(table: RouteTable | undefined): string | undefined {
  const route = table?.Routes?.find(
    (r) => r.DestinationCidrBlock === "0.0.0.0/0" && r.NatGatewayId !== undefined && r.State !== "blackhole",
  );
  return route?.NatGatewayId;
}

/** Secrets Manager reachable from every rotation subnet. */
export async function secretsManagerReachable(run: AccountRun, network: RotationNetwork): Promise<void> {
  const service = `com.amazonaws.${run.account.region}.secretsmanager`;
  const ec2 = run.client(EC2Client);
  await check(
    run,
    "rotation-reaches-secrets-manager",
    `whether the rotation subnets reach Secrets Manager`,
    async (): Promise<Outcome> => {
      const endpoints = await call(run, "ec2:DescribeVpcEndpoints", () =>
        ec2.send(
          new DescribeVpcEndpointsCommand({
            Filters: [
              { Name: "vpc-id", Values: [network.vpcId] },
              { Name: "service-name", Values: [service] },
            ],
          }),
        ),
      );
      const endpoint = (endpoints.VpcEndpoints ?? []).find(
        (e) => e.VpcEndpointType === "Interface" && e.State?.toLowerCase() === "available" && e.PrivateDnsEnabled,
      );
      if (endpoint) {
        return {
          status: "ok",
          title: `the interface endpoint ${endpoint.VpcEndpointId} for ${service} serves ${network.vpcId} with private DNS`,
        };
      }
      const tables = await call(run, "ec2:DescribeRouteTables", () =>
        ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: "vpc-id", Values: [network.vpcId] }] })),
      );
      const cut = network.subnets.filter(
        (s) => natRoute(tableOf(s.SubnetId ?? "", tables.RouteTables ?? [])) === undefined,
      );
      if (cut.length === 0) {
        const nats = network.subnets.map((s) => natRoute(tableOf(s.SubnetId ?? "", tables.RouteTables ?? [])));
        return {
          status: "ok",
          title: `every rotation subnet routes 0.0.0.0/0 to a NAT gateway (${[...new Set(nats)].join(", ")})`,
        };
      }
      return {
        status: "fail",
        title: `${cut.map((s) => s.SubnetId).join(", ")} reach neither an interface endpoint for ${service} with private DNS nor a NAT gateway: the rotation function cannot reach Secrets Manager and every rotation will time out`,
        detail: `Create an interface VPC endpoint for ${service} in ${network.vpcId} with private DNS enabled (its security group admitting HTTPS from the rotation security groups), or route those subnets' 0.0.0.0/0 to a NAT gateway.`,
        configKey: SUBNETS_KEY,
      };
    },
    SUBNETS_KEY,
  );
}
