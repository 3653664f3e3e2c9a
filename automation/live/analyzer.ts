// IAM Access Analyzer on the documents a deploy writes: ValidatePolicy for each, CheckNoPublicAccess
// for the key, secret and queue policies, and CheckAccessNotGranted proving that no consumer's
// execution role gets a write or administrative action on the secret or the key.

import {
  AccessAnalyzerClient,
  CheckAccessNotGrantedCommand,
  CheckNoPublicAccessCommand,
  ReasonSummary,
  ValidatePolicyCommand,
  ValidatePolicyFinding,
} from "@aws-sdk/client-accessanalyzer";
import { ConsumerSettings } from "../../infra/config/types";
import { listOf, PolicyDocumentJson, StatementJson } from "../plan/registrationInputs";
import { LiveDocument } from "./documents";
import { AccountRun, call, check, Outcome } from "./session";
import { KEY_WRITE_ACTIONS, SECRET_WRITE_ACTIONS } from "./actions";

const analyzer = (run: AccountRun) => run.client(AccessAnalyzerClient);

/** The statement a finding points at: `Statement[i]` in its first location. */
function statementOf(doc: PolicyDocumentJson, f: ValidatePolicyFinding): string {
  const path = f.locations?.[0]?.path ?? [];
  const at = path.findIndex((p) => p.value === "Statement");
  const index = at >= 0 ? path[at + 1]?.index : undefined;
  if (index === undefined) {
    return "the document";
  }
  const sid = doc.Statement[index]?.Sid;
  return sid ? `statement ${sid}` : `statement ${index}`;
}

async function findings(run: AccountRun, d: LiveDocument): Promise<ValidatePolicyFinding[]> {
  const all: ValidatePolicyFinding[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(run, "access-analyzer:ValidatePolicy", () =>
      analyzer(run).send(
        new ValidatePolicyCommand({
          policyDocument: d.text,
          policyType: d.policyType,
          ...(d.validateAs ? { validatePolicyResourceType: d.validateAs } : {}),
          ...(nextToken ? { nextToken } : {}),
        }),
      ),
    );
    all.push(...(page.findings ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}

/** ERROR and SECURITY_WARNING stop a deploy; WARNING and SUGGESTION are shown. */
export async function validateDocument(run: AccountRun, d: LiveDocument): Promise<void> {
  await check(run, "policy-valid", `the ${d.label} with IAM Access Analyzer`, async () => {
    const found = await findings(run, d);
    if (found.length === 0) {
      return { status: "ok", title: `${d.label}: IAM Access Analyzer finds nothing (${d.policyType})` };
    }
    return found.map((f): Outcome => {
      const blocks = f.findingType === "ERROR" || f.findingType === "SECURITY_WARNING";
      return {
        status: blocks ? "fail" : "warn",
        title: `${d.label}, ${statementOf(d.document, f)}: ${f.findingType} ${f.issueCode}: ${f.findingDetails}`,
        ...(f.learnMoreLink ? { detail: f.learnMoreLink } : {}),
      };
    });
  });
}

function reasons(list: readonly ReasonSummary[] | undefined): string {
  return (list ?? []).map((r) => `statement ${r.statementId ?? r.statementIndex ?? "?"}: ${r.description}`).join("; ");
}

export async function checkNotPublic(
  run: AccountRun,
  d: Pick<LiveDocument, "label" | "publicAs">,
  text: string,
): Promise<void> {
  const type = d.publicAs;
  if (type === undefined) {
    return;
  }
  await check(run, "no-public-access", `whether the ${d.label} is public`, async () => {
    const r = await call(run, "access-analyzer:CheckNoPublicAccess", () =>
      analyzer(run).send(new CheckNoPublicAccessCommand({ policyDocument: text, resourceType: type })),
    );
    return r.result === "PASS"
      ? { status: "ok", title: `${d.label} grants no public access (${type})` }
      : { status: "fail", title: `${d.label} grants public access (${type}): ${reasons(r.reasons) || r.message}` };
  });
}

/** True when the statement's principal includes the role: by ARN, by its account, or anyone. */
function names(s: StatementJson, role: ConsumerSettings): boolean {
  if (s.Principal === "*") {
    return true;
  }
  const principals = typeof s.Principal === "object" ? listOf(s.Principal.AWS) : [];
  const accountRoot = `arn:aws:iam::${role.accountId}:root`;
  return principals.some((p) => p === "*" || p === role.executionRoleArn || p === accountRoot || p === role.accountId);
}

export interface NotGranted {
  readonly document: PolicyDocumentJson;
  readonly label: string;
  readonly policyType: "IDENTITY_POLICY" | "RESOURCE_POLICY";
  readonly consumer: ConsumerSettings;
  readonly on: { readonly what: "secret" | "key"; readonly arn: string };
}

/**
 * The statements that apply to the consumer's role must grant it no write or administrative action.
 * In a resource policy that excludes the key administrators' statement, which legitimately holds
 * administrative actions.
 */
export async function checkNotGranted(run: AccountRun, g: NotGranted): Promise<void> {
  const role = g.consumer.executionRoleArn;
  const statements =
    g.policyType === "RESOURCE_POLICY"
      ? g.document.Statement.filter((s) => names(s, g.consumer))
      : g.document.Statement;
  const what = `${g.on.what} write and administrative actions for ${role} in the ${g.label}`;
  await check(run, "access-not-granted", what, async () => {
    if (statements.length === 0) {
      return { status: "ok", title: `${g.label}: no statement applies to ${role}` };
    }
    const actions = g.on.what === "secret" ? SECRET_WRITE_ACTIONS : KEY_WRITE_ACTIONS;
    const r = await call(run, "access-analyzer:CheckAccessNotGranted", () =>
      analyzer(run).send(
        new CheckAccessNotGrantedCommand({
          policyDocument: JSON.stringify({ ...g.document, Statement: statements }),
          policyType: g.policyType,
          access: [{ actions: [...actions], resources: [g.on.arn] }],
        }),
      ),
    );
    return r.result === "PASS"
      ? {
          status: "ok",
          title: `${g.label} grants ${role} none of ${actions.length} write or administrative actions on the ${g.on.what}`,
        }
      : {
          status: "fail",
          title: `${g.label} may grant ${role} a write or administrative action on the ${g.on.what}: ${reasons(r.reasons) || r.message}`,
          detail: `Checked: ${actions.join(", ")}`,
        };
  });
}
