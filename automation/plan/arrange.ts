// Arranges a run's registrations: one group per account (its explicit provider), the owner
// first, each resource with its step, properties and policies; then the graph of grants.

import { CONSUMER_ACCESS_TYPE, CONSUMER_CHILD, OWNER_ACCOUNT_TYPE } from "../../infra/componentTypes";
import { InvokeRecord, OfflineRun, Registration } from "../offline/runtime";
import { policiesOf, propertiesOf } from "./registrationInputs";
import { buildGraph, GraphResource } from "./graph";
import { Plan, PlanAccount, PlanDataSource, PlanResource } from "./model";
import { resourceStep, stepOrder } from "./resourceSteps";

const AWS_PROVIDER = "pulumi:providers:aws";
const STACK_REFERENCE = "pulumi:pulumi:StackReference";

/** Groups the run's registrations by account and step; `driverConfig` is left for the caller. */
export function arrange(run: OfflineRun, env: string, stack: string): Plan {
  const { settings } = run;
  const byUrn = new Map(run.registrations.map((r) => [r.urn, r]));
  const ancestors = (r: Registration): Registration[] => {
    const out: Registration[] = [];
    for (
      let p = r.parentUrn ? byUrn.get(r.parentUrn) : undefined;
      p;
      p = p.parentUrn ? byUrn.get(p.parentUrn) : undefined
    ) {
      out.push(p);
    }
    return out;
  };
  const consumerOf = (r: Registration): string | undefined => {
    const access = ancestors(r).find((a) => a.type === CONSUMER_ACCESS_TYPE);
    return access && settings.consumers.find((c) => access.name.endsWith(`${CONSUMER_CHILD}${c.name}`))?.name;
  };

  const providers = run.registrations.filter((r) => r.type === AWS_PROVIDER);
  const managed = run.registrations.filter((r) => r.custom && !r.read && !r.type.startsWith("pulumi:providers:"));
  // A resource of another provider (random) belongs where its component's AWS resources are.
  const providerOf = (r: Registration): string | undefined => {
    if (r.provider && providers.some((p) => p.name === r.provider)) {
      return r.provider;
    }
    const sibling = managed.find((m) => m.parentUrn === r.parentUrn && m.provider && m !== r);
    return sibling?.provider;
  };
  const nameOfUrn = (urn: string): string => byUrn.get(urn)?.name ?? urn.split("::").pop() ?? urn;

  const groups = providers.map((p) => {
    const members = managed.filter((r) => providerOf(r) === p.name);
    const isOwner = members.some((r) => ancestors(r).some((a) => a.type === OWNER_ACCOUNT_TYPE));
    const assumeRoles = parseList(p.inputs.assumeRoles) as { roleArn?: string }[];
    const [allowed] = parseList(p.inputs.allowedAccountIds);
    const accountId = typeof allowed === "string" ? allowed : "";
    const region = typeof p.inputs.region === "string" ? p.inputs.region : "";
    const resources = members
      .map((r) => {
        const entry = resourceStep(
          r.type,
          r.name,
          ancestors(r).map((a) => a.type),
        );
        const policies = policiesOf(r);
        const resource: PlanResource = {
          type: r.type,
          name: r.name,
          step: entry?.step,
          role: entry?.role,
          consumer: consumerOf(r),
          properties: propertiesOf(r, policies),
          policies,
          secretInputs: r.secretInputs,
          options: {
            protect: r.protect,
            retainOnDelete: r.retainOnDelete,
            ignoreChanges: r.ignoreChanges,
            // The provider SDK adds its own secret outputs besides the program's: listed once.
            additionalSecretOutputs: [...new Set(r.additionalSecretOutputs)],
            dependsOn: r.dependsOn.map(nameOfUrn),
          },
        };
        return { resource, registration: r, order: stepOrder(entry) };
      })
      .sort((a, b) => {
        const ca = consumerIndex(settings.consumers, a.resource.consumer);
        const cb = consumerIndex(settings.consumers, b.resource.consumer);
        return ca - cb || a.order - b.order || a.resource.name.localeCompare(b.resource.name);
      });
    const account: PlanAccount = {
      role: isOwner ? "owner" : "consumer",
      accountId,
      region,
      provider: p.name,
      ...(assumeRoles[0]?.roleArn ? { assumeRoleArn: assumeRoles[0].roleArn } : {}),
      ...(typeof p.inputs.profile === "string" ? { profile: p.inputs.profile } : {}),
      consumers: isOwner
        ? []
        : settings.consumers.filter((c) => c.accountId === accountId && c.region === region).map((c) => c.name),
      resources: resources.map((x) => x.resource),
      dataSources: run.invokes.filter((i) => i.provider === p.name).map(dataSource),
    };
    return { account, resources };
  });
  groups.sort((a, b) => rank(a.account, settings.consumers) - rank(b.account, settings.consumers));

  const stackReferences = run.registrations
    .filter((r) => r.type === STACK_REFERENCE)
    .map((r) => ({ name: r.name, stack: String(r.inputs.name), outputs: outputsOf(r) }));
  // Values read from the owner stack are the owner account's.
  const stackValues = new Map<string, string>();
  for (const ref of stackReferences) {
    for (const value of Object.values(ref.outputs)) {
      if (typeof value === "string") {
        stackValues.set(value, settings.owner.accountId);
      }
    }
  }

  const graphResources: GraphResource[] = groups.flatMap((g) =>
    g.resources.map((x) => ({
      registration: x.registration,
      group: g.account.provider,
      account: g.account.accountId,
      step: x.resource.step,
    })),
  );
  return {
    env,
    stack,
    part: settings.part,
    accounts: groups.map((g) => g.account),
    stackReferences,
    driverConfig: [],
    outputs: run.outputs,
    graph: buildGraph({ resources: graphResources, invokes: run.invokes, stackValues }),
    warnings: settings.warnings,
  };
}

function consumerIndex(consumers: readonly { name: string }[], name: string | undefined): number {
  return name === undefined ? -1 : consumers.findIndex((c) => c.name === name);
}

/** Owner first, then consumer accounts in the order their first consumer is configured. */
function rank(a: PlanAccount, consumers: readonly { name: string }[]): number {
  if (a.role === "owner") {
    return -1;
  }
  const indexes = a.consumers.map((n) => consumerIndex(consumers, n)).filter((i) => i >= 0);
  return indexes.length > 0 ? Math.min(...indexes) : consumers.length;
}

function parseList(value: unknown): unknown[] {
  if (Array.isArray(value)) {
    return value;
  }
  if (typeof value === "string") {
    try {
      const parsed = JSON.parse(value) as unknown;
      return Array.isArray(parsed) ? parsed : [];
    } catch {
      return [];
    }
  }
  return [];
}

function outputsOf(r: Registration): Record<string, unknown> {
  const outputs = r.state.outputs;
  return typeof outputs === "object" && outputs !== null ? { ...(outputs as Record<string, unknown>) } : {};
}

function dataSource(i: InvokeRecord): PlanDataSource {
  return { token: i.token, inputs: i.inputs, result: i.result };
}
