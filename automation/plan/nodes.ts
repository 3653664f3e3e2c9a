// The graph's nodes, and how a value found in a policy or an input is matched to one: a managed
// resource by its ARN (as placeholder, and as AWS will assign it) or its name, else something
// this stack does not create, named by its ARN or placeholder.

import { InvokeRecord, Registration } from "../offline/runtime";
import { exampleValues, resourceState } from "../offline/values";
import { policiesOf, stringLeaves } from "./registrationInputs";
import { accountOf } from "../../infra/arn";
import { displayName, identifierLabel, nodeId, typeLabel, typeReadBy } from "./labels";
import { StepId } from "./steps";

export interface GraphNode {
  readonly id: string;
  /** Lines of the node's label. */
  readonly label: readonly string[];
  /**
   * `managed`: a resource of this plan. `existing`: named by a policy or an input but made
   * elsewhere (an existing role, another stack, AWS's rotation template). `service`: an AWS
   * service principal.
   */
  readonly kind: "managed" | "existing" | "service";
  /** The account it lives in, when known. */
  readonly account?: string;
  /** The plan's account group (the provider's name), for managed resources. */
  readonly group?: string;
  /** Managed: the resource's logical name and type. */
  readonly resource?: string;
  readonly type?: string;
  readonly step?: StepId;
  /** Existing: the ARN or placeholder it was named by. */
  readonly identifier?: string;
}

/** A managed resource as the graph needs it. */
export interface GraphResource {
  readonly registration: Registration;
  readonly group: string;
  readonly account: string;
  readonly step?: StepId;
}

/** Inputs that name a resource by its name rather than its ARN, and the type they name. */
export const NAME_INPUTS: Readonly<Record<string, string>> = {
  role: "aws:iam/role:Role",
  eventBusName: "aws:cloudwatch/eventBus:EventBus",
  rule: "aws:cloudwatch/eventRule:EventRule",
};

/**
 * Inputs by which a policy-carrying resource attaches its policy to another resource (a role
 * policy to its role, a key policy to its key…); a resource without one governs itself.
 */
export const SUBJECT_INPUTS = ["role", "keyId", "secretArn", "eventBusName"];

/** A resource that only attaches a policy to another is drawn as the arrows it grants, not as a node. */
export function isAttachment(r: Registration): boolean {
  return policiesOf(r).length > 0 && SUBJECT_INPUTS.some((k) => r.inputs[k] !== undefined);
}

export class NodeIndex {
  readonly nodes: GraphNode[] = [];
  private readonly byId = new Map<string, GraphNode>();
  private readonly byIdentifier = new Map<string, string>();
  private readonly byName = new Map<string, string>();
  private readonly nameCount = new Map<string, number>();
  /** Existing resources the program reads (e.g. the execution role): type and name → ARN. */
  private readonly readArns = new Map<string, string>();

  constructor(
    resources: readonly GraphResource[],
    invokes: readonly InvokeRecord[],
    /** Values read from other stacks, and the account they belong to. */
    private readonly stackValues: ReadonlyMap<string, string>,
  ) {
    for (const res of resources.filter((x) => !isAttachment(x.registration))) {
      this.addManaged(res);
    }
    for (const inv of invokes) {
      const type = typeReadBy(inv.token);
      const { name, arn } = inv.result;
      if (type && typeof name === "string" && typeof arn === "string") {
        this.readArns.set(`${type}|${name}`, arn);
      }
    }
  }

  get(id: string): GraphNode | undefined {
    return this.byId.get(id);
  }

  add(n: GraphNode): string {
    if (!this.byId.has(n.id)) {
      this.nodes.push(n);
      this.byId.set(n.id, n);
    }
    return n.id;
  }

  private addManaged(res: GraphResource): void {
    const r = res.registration;
    const id = this.add({
      id: nodeId("r", r.name),
      label: [typeLabel(r.type), displayName(r), ...(res.step ? [`step ${res.step}`] : [])],
      kind: "managed",
      account: res.account,
      group: res.group,
      resource: r.name,
      type: r.type,
      step: res.step,
    });
    // Every value AWS will know it by: its ARN as placeholder, and as AWS will assign it.
    const realistic = resourceState(r.type, r.name, r.inputs, r.place, exampleValues);
    const secretOutputs = new Set(r.additionalSecretOutputs);
    for (const state of [r.state, realistic]) {
      for (const [key, value] of Object.entries(state)) {
        if (!secretOutputs.has(key)) {
          stringLeaves(value).forEach((v) => this.byIdentifier.set(v, id));
        }
      }
    }
    if (typeof r.inputs.name === "string") {
      this.byName.set(`${r.type}|${r.inputs.name}`, id);
      this.byName.set(`*|${r.inputs.name}`, id);
      this.nameCount.set(r.inputs.name, (this.nameCount.get(r.inputs.name) ?? 0) + 1);
    }
  }

  /** The node `value` names; by name only for an input that names a `nameType`, or a name used once. */
  resolve(value: string, nameType?: string): string | undefined {
    if (nameType) {
      const read = this.readArns.get(`${nameType}|${value}`);
      return this.byName.get(`${nameType}|${value}`) ?? (read ? this.byIdentifier.get(read) : undefined);
    }
    return (
      this.byIdentifier.get(value) ?? (this.nameCount.get(value) === 1 ? this.byName.get(`*|${value}`) : undefined)
    );
  }

  /** A value such as `<secret ARN>:password::` names the node whose identifier it starts with. */
  resolvePrefix(value: string): string | undefined {
    let best: string | undefined;
    let length = 0;
    for (const [identifier, id] of this.byIdentifier) {
      if (identifier.length > length && value.startsWith(`${identifier}:`)) {
        best = id;
        length = identifier.length;
      }
    }
    return best;
  }

  /** The node `value` names, made as an existing one when nothing here has that identifier. */
  resolveOrExisting(value: string, account: string, nameType?: string): string {
    const found = this.resolve(value, nameType);
    if (found) {
      return found;
    }
    const read = nameType ? this.readArns.get(`${nameType}|${value}`) : undefined;
    return this.existing(read ?? value, account);
  }

  private existing(value: string, account: string): string {
    const known = this.byIdentifier.get(value);
    if (known) {
      return known;
    }
    const label = identifierLabel(value);
    const at = accountOf(value) ?? this.stackValues.get(value) ?? account;
    // Short ids from the label; the account keeps same-named roles of two accounts apart.
    const base = nodeId("e", `${at} ${label[0]}`);
    let id = base;
    for (let i = 2; this.byId.has(id); i++) {
      id = `${base}_${i}`;
    }
    this.add({ id, label, kind: "existing", account: at, identifier: value });
    this.byIdentifier.set(value, id);
    return id;
  }
}
