// How the graph names things: types, ARNs and placeholders, and grants, in a few words each.

import { parseArn, resourceParts } from "../../infra/arn";
import { Registration } from "../offline/runtime";
import { listOf, StatementJson } from "./registrationInputs";

/** Names AWS services go by in labels. */
const SERVICE_NAMES: Readonly<Record<string, string>> = { secretsmanager: "Secrets Manager" };

/** A Mermaid-safe node id. */
export function nodeId(prefix: string, text: string): string {
  return `${prefix}_${text.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "")}`;
}

/** `aws:kms/key:Key` → `kms Key`. */
export function typeLabel(type: string): string {
  const [pkg, mod, name] = type.split(":");
  const module = mod?.split("/")[0];
  return pkg === "aws" && module ? `${module} ${name}` : `${pkg} ${name ?? ""}`.trim();
}

/** `EventBus` → `event bus`. */
export function words(typeName: string): string {
  return typeName.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** `aws:iam/getRole:getRole` → `aws:iam/role:Role`: the type a data source reads. */
export function typeReadBy(token: string): string | undefined {
  const m = /^([^:]+):([^/]+)\/get(\w+):get\w+$/.exec(token);
  return m ? `${m[1]}:${m[2]}/${m[3][0].toLowerCase()}${m[3].slice(1)}:${m[3]}` : undefined;
}

/** A readable name for something given by ARN or placeholder. */
export function identifierLabel(value: string): string[] {
  if (value === "*") {
    return ["*", "(anything)"];
  }
  if (value.startsWith("<") && value.endsWith(">")) {
    // `<arn of secret x (from stack y)>` names the secret.
    return [value.slice(1, -1).replace(/^(arn|id) of /, "")];
  }
  const arn = parseArn(value);
  if (arn === undefined) {
    return [value];
  }
  const [kind, path] = resourceParts(arn);
  const rest = path.split(/[/:]/);
  // IAM paths (…/aws-reserved/sso.amazonaws.com/…) say little; the last segment names the principal.
  const name = arn.service === "iam" ? rest[rest.length - 1] : rest.join("/");
  return [`${arn.service} ${kind}${name ? ` ${name}` : ""}`, `(existing, account ${arn.accountId})`];
}

/** The name a resource goes by in AWS, else its logical name. */
export function displayName(r: Registration): string {
  const named = [r.inputs.name, r.inputs.family, r.inputs.targetId].find((v): v is string => typeof v === "string");
  return named ?? r.name;
}

/** `kms:Decrypt via Secrets Manager`: actions, and the service they must come through. */
export function actionLabel(actions: readonly string[], condition: StatementJson["Condition"]): string {
  const services = [...new Set(actions.map((a) => a.split(":")[0]))];
  const what = actions.length <= 3 ? actions.join(", ") : `${actions.length} ${services.join("/")} actions`;
  const via = Object.values(condition ?? {})
    .flatMap((c) => listOf(c["kms:ViaService"]))
    .map((v) => v.split(".")[0]);
  return via.length > 0 ? `${what} via ${via.map((s) => SERVICE_NAMES[s] ?? s).join(", ")}` : what;
}

/** The resource a condition says the calling service acts for (aws:SourceArn), if any. */
export function sourceArnOf(condition: StatementJson["Condition"]): string | undefined {
  return Object.values(condition ?? {}).flatMap((c) => listOf(c["aws:SourceArn"]))[0];
}
