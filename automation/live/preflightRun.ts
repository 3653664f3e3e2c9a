// preflight's checks, per account, the accounts concurrently.

import { Settings } from "../../infra/config/types";
import { Prepared } from "../driver/validation";
import { checkNotGranted, checkNotPublic, validateDocument } from "./analyzer";
import { databaseReachable } from "./database";
import { DeployDocuments, deployDocuments, LiveDocument } from "./documents";
import { identify } from "./identity";
import { CREDENTIALS_CHECK, PreflightResult, verdictOf } from "./model";
import { rotationSubnets, secretsManagerReachable } from "./network";
import { rotationApplicationAvailable } from "./rotationApplication";
import { PreflightOptions } from "./options";
import { executionRoles, ownerPrincipals } from "./principals";
import { AccountRun, accountRuns, report, tallied } from "./session";
import { identityPolicyName } from "../../infra/names";

export async function runPreflight(prepared: Prepared, options: PreflightOptions): Promise<PreflightResult> {
  const settings = prepared.owner;
  const runs = accountRuns(settings, "preflight", options);
  const strict = options.strict === true;
  const result = (): PreflightResult => {
    const accounts = runs.map(report);
    return {
      command: "preflight",
      env: prepared.environment.name,
      strict,
      verdict: verdictOf(accounts),
      accounts,
      ...tallied(runs),
    };
  };
  // Who is calling comes first, in every account at once: missing credentials are reported
  // before the program is even run offline.
  const identified = await Promise.all(runs.map((run) => identify(run, options.credentialsBoundMs)));
  if (runs.some((run) => run.checks.some((c) => c.id === CREDENTIALS_CHECK))) {
    return result();
  }
  const docs = await deployDocuments(prepared.environment);
  await Promise.all(
    runs.map(async (run, i) => {
      if (identified[i]) {
        await (run.role === "owner" ? ownerChecks(run, settings, docs, strict) : consumerChecks(run, settings, docs));
      }
    }),
  );
  return result();
}

async function analyse(run: AccountRun, documents: readonly LiveDocument[]): Promise<void> {
  for (const d of documents) {
    await validateDocument(run, d);
    await checkNotPublic(run, d, d.text);
  }
}

function only(docs: DeployDocuments, side: LiveDocument["side"], kind: string): LiveDocument[] {
  return docs.documents.filter((d) => d.side === side && d.kind === kind);
}

async function ownerChecks(run: AccountRun, settings: Settings, docs: DeployDocuments, strict: boolean): Promise<void> {
  await analyse(
    run,
    docs.documents.filter((d) => d.side === "owner"),
  );
  const [keyPolicy] = only(docs, "owner", "aws:kms/keyPolicy:KeyPolicy.policy");
  const [secretPolicy] = only(docs, "owner", "aws:secretsmanager/secretPolicy:SecretPolicy.policy");
  for (const consumer of settings.consumers) {
    const base = { policyType: "RESOURCE_POLICY", consumer } as const;
    await checkNotGranted(run, { ...base, ...keyPolicy, on: { what: "key", arn: docs.kmsKeyArn } });
    await checkNotGranted(run, { ...base, ...secretPolicy, on: { what: "secret", arn: docs.secretArn } });
  }
  await ownerPrincipals(run, settings);
  const rotation = settings.rotation;
  if (!rotation) {
    return;
  }
  const from = run.checks.length;
  await rotationApplicationAvailable(run, settings);
  const network = await rotationSubnets(run, rotation);
  if (network) {
    await secretsManagerReachable(run, network);
  }
  await databaseReachable(run, settings, network);
  // These break rotation, not the deploy: they block only with --strict.
  for (let i = from; i < run.checks.length; i++) {
    const c = run.checks[i];
    if (c.status === "fail" && !strict) {
      run.checks[i] = { ...c, status: "warn" };
    }
  }
}

async function consumerChecks(run: AccountRun, settings: Settings, docs: DeployDocuments): Promise<void> {
  const here = (d: LiveDocument) => d.accountId === run.account.accountId && d.region === run.account.region;
  await analyse(
    run,
    docs.documents.filter((d) => d.side === "consumer" && here(d)),
  );
  for (const { consumer } of run.consumers) {
    const name = identityPolicyName(settings.secret.name, consumer.name);
    const identity = only(docs, "consumer", "aws:iam/rolePolicy:RolePolicy.policy").find((d) => d.name === name);
    if (identity) {
      const base = { ...identity, policyType: "IDENTITY_POLICY", consumer } as const;
      await checkNotGranted(run, { ...base, on: { what: "secret", arn: docs.secretArn } });
      await checkNotGranted(run, { ...base, on: { what: "key", arn: docs.kmsKeyArn } });
    }
  }
  await executionRoles(run);
}
