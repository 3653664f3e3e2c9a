// The policy documents a deploy writes, taken from the program itself: run offline as the driver
// configures <env>-owner, then <env>-consumer with the owner's (example) ARNs, with realistic ARNs
// in the configured accounts so that IAM Access Analyzer can read them. Each document gets the
// policy type Access Analyzer validates it as; a document of a kind not mapped here is an error.

import { Settings } from "../../infra/config/types";
import { PASSWORD_KEY } from "../../infra/config/keys";
import { Environment, PROJECT_NAME, toRuntimeConfig } from "../environment";
import { ConfigValues, ownerStack, stackConfig, stackNames } from "../environmentStacks";
import { OfflineRun, Registration, runOffline } from "../offline/runtime";
import { exampleValues, offlinePassword } from "../offline/values";
import { PolicyDocumentJson, policiesOf } from "../plan/registrationInputs";

export type AnalyzerPolicyType = "IDENTITY_POLICY" | "RESOURCE_POLICY";
/** CheckNoPublicAccess's resource types for the documents that have one. */
export type PublicResourceType = "AWS::KMS::Key" | "AWS::SecretsManager::Secret" | "AWS::SQS::Queue";

interface Kind {
  readonly policyType: AnalyzerPolicyType;
  /** ValidatePolicy's resource type; it has one for trust policies, none for keys, secrets or queues. */
  readonly validateAs?: "AWS::IAM::AssumeRolePolicyDocument";
  readonly publicAs?: PublicResourceType;
  readonly label: (inputs: Readonly<Record<string, unknown>>) => string;
}

const text = (v: unknown): string => (typeof v === "string" ? v : "?");

/** Resource type and input → how Access Analyzer sees the document there. */
export const DOCUMENT_KINDS: Readonly<Record<string, Kind>> = {
  "aws:kms/keyPolicy:KeyPolicy.policy": {
    policyType: "RESOURCE_POLICY",
    publicAs: "AWS::KMS::Key",
    label: () => "key policy",
  },
  "aws:secretsmanager/secretPolicy:SecretPolicy.policy": {
    policyType: "RESOURCE_POLICY",
    publicAs: "AWS::SecretsManager::Secret",
    label: () => "secret policy",
  },
  "aws:iam/rolePolicy:RolePolicy.policy": {
    policyType: "IDENTITY_POLICY",
    label: (i) => `inline policy ${text(i.name)} of role ${text(i.role)}`,
  },
  "aws:iam/role:Role.assumeRolePolicy": {
    policyType: "RESOURCE_POLICY",
    validateAs: "AWS::IAM::AssumeRolePolicyDocument",
    label: (i) => `trust policy of role ${text(i.name)}`,
  },
  "aws:sqs/queue:Queue.policy": {
    policyType: "RESOURCE_POLICY",
    publicAs: "AWS::SQS::Queue",
    label: (i) => `queue policy of ${text(i.name)}`,
  },
  "aws:cloudwatch/eventBusPolicy:EventBusPolicy.policy": {
    policyType: "RESOURCE_POLICY",
    label: (i) => `event bus policy of ${text(i.eventBusName)}`,
  },
};

export interface LiveDocument {
  /** The stack that writes it. */
  readonly side: "owner" | "consumer";
  /** The resource's own `name` input, when it has one (a role policy's name, say). */
  readonly name?: string;
  /** The account and region the document is written in. */
  readonly accountId: string;
  readonly region: string;
  /** `key policy`, `inline policy rds-secret-share-key-use of role …`. */
  readonly label: string;
  /** `<type>.<input>`, a key of DOCUMENT_KINDS. */
  readonly kind: string;
  readonly policyType: AnalyzerPolicyType;
  readonly validateAs?: Kind["validateAs"];
  readonly publicAs?: PublicResourceType;
  readonly document: PolicyDocumentJson;
  /** The JSON text AWS receives. */
  readonly text: string;
}

export interface DeployDocuments {
  readonly documents: readonly LiveDocument[];
  /** The owner's outputs in the offline run: example ARNs in the owner account. */
  readonly secretArn: string;
  readonly kmsKeyArn: string;
}

/** Every policy document of one registration, typed; throws on a document kind not mapped. */
export function documentsOf(r: Registration, side: LiveDocument["side"]): LiveDocument[] {
  return policiesOf(r).map(({ input, document }) => {
    const kind = `${r.type}.${input}`;
    const k = DOCUMENT_KINDS[kind];
    if (k === undefined) {
      throw new Error(
        `preflight: no IAM Access Analyzer policy type for the policy document in ${kind} (${r.name}); map it in automation/live/documents.ts`,
      );
    }
    return {
      side,
      ...(typeof r.inputs.name === "string" ? { name: r.inputs.name } : {}),
      accountId: r.place.account ?? "unknown",
      region: r.place.region ?? "unknown",
      label: k.label(r.inputs),
      kind,
      policyType: k.policyType,
      ...(k.validateAs ? { validateAs: k.validateAs } : {}),
      ...(k.publicAs ? { publicAs: k.publicAs } : {}),
      document,
      text: r.inputs[input] as string,
    };
  });
}

function run(stack: string, config: ConfigValues, secretKeys: readonly string[]) {
  return runOffline({
    project: PROJECT_NAME,
    stack,
    config: toRuntimeConfig(config),
    secretKeys,
    values: exampleValues,
  });
}

/** The documents of both stacks, as the driver would deploy them. */
export async function deployDocuments(environment: Environment): Promise<DeployDocuments & { owner: Settings }> {
  const names = stackNames(environment.name);
  // The driver's own recipe for <env>-owner, with a secret stand-in for the password it keeps there.
  const ownerConfig = ownerStack(environment, offlinePassword(PASSWORD_KEY));
  const owner: OfflineRun = await run(ownerConfig.stack, ownerConfig.config, ownerConfig.secretKeys);
  const secretArn = String(owner.outputs.secretArn);
  const kmsKeyArn = String(owner.outputs.kmsKeyArn);
  const consumer = await run(names.consumer, stackConfig(environment, "consumer", { secretArn, kmsKeyArn }), []);
  const documents = [
    ...owner.registrations.flatMap((r) => documentsOf(r, "owner")),
    ...consumer.registrations.flatMap((r) => documentsOf(r, "consumer")),
  ];
  return { documents, secretArn, kmsKeyArn, owner: owner.settings };
}
