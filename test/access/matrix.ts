// The access matrix: every request that matters, with the decision it must get. The expectations
// are the product's promise (README, "Access, proven": the consumer's execution role can read
// exactly this secret and decrypt with exactly this key through Secrets Manager; nobody else
// gains anything), written here independently of the policies the program produces.

import { EvaluationResult } from "@cloud-copilot/iam-simulate";
import {
  AccessRequest,
  ALLOW_EVERYTHING,
  Caller,
  evaluate,
  PolicyJson,
  sessionOf,
  SharePolicies,
} from "../support/simulate";

export type Expected = Extract<EvaluationResult, "Allowed" | "ImplicitlyDenied">;

export interface Cell {
  readonly request: AccessRequest;
  /** Short words for the table. */
  readonly resourceLabel: string;
  readonly contextLabel: string;
  readonly expected: Expected;
}

export interface Row extends Cell {
  readonly simulated: EvaluationResult;
}

const ALLOWED: Expected = "Allowed";
const DENIED: Expected = "ImplicitlyDenied";

/** What the execution role must never do to the secret or the key. */
const SECRET_WRITES = [
  "secretsmanager:PutSecretValue",
  "secretsmanager:UpdateSecret",
  "secretsmanager:DeleteSecret",
  "secretsmanager:PutResourcePolicy",
  "secretsmanager:DeleteResourcePolicy",
];
const KEY_WRITES = ["kms:CreateGrant", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey"];
/** Using the key other than to decrypt, even through Secrets Manager for this secret. */
const KEY_USES_BEYOND_DECRYPT = ["kms:Encrypt", "kms:GenerateDataKey"];
/** Managing the key, which key administrators must be able to do with the key policy alone. */
const KEY_MANAGEMENT = [
  "kms:DescribeKey",
  "kms:PutKeyPolicy",
  "kms:EnableKeyRotation",
  "kms:DisableKey",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
];

/** A secret the share has nothing to do with, in the owner account. */
export function otherSecretArn(p: SharePolicies): string {
  return `arn:aws:secretsmanager:${p.ownerRegion}:${p.ownerAccount}:secret:rds/other/app_user-ZyXwVu`;
}

/** An account none of the share's settings names. */
export function thirdAccount(p: SharePolicies): string {
  const candidates = ["999999999999", "999999999998", "999999999997", "999999999996", "999999999995"];
  const free = candidates.find((a) => !p.accounts.includes(a));
  if (free === undefined) {
    throw new Error("no free third account");
  }
  return free;
}

function otherRegion(region: string): string {
  return region === "us-east-1" ? "eu-west-1" : "us-east-1";
}

/** Another secret whose owner trusts the caller's whole account: only the identity policy can stop the read. */
function trustingSecretPolicy(account: string): PolicyJson {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TrustTheAccount",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: "secretsmanager:GetSecretValue",
        Resource: "*",
      },
    ],
  };
}

/** The requests of the matrix, for one share. */
export function accessMatrix(p: SharePolicies): Cell[] {
  const viaSm = (caller: Caller, secretArn = p.secretArn, region = p.ownerRegion): Record<string, string> => ({
    "kms:ViaService": `secretsmanager.${region}.amazonaws.com`,
    "kms:EncryptionContext:SecretARN": secretArn,
    "kms:CallerAccount": caller.account,
  });
  const onSecret = (caller: Caller, action: string, expected: Expected): Cell => ({
    request: {
      caller,
      action,
      resource: p.secretArn,
      resourceAccount: p.ownerAccount,
      resourcePolicy: p.secretPolicy,
      context: {},
    },
    resourceLabel: "secret",
    contextLabel: "-",
    expected,
  });
  const onKey = (
    caller: Caller,
    action: string,
    context: Record<string, string>,
    contextLabel: string,
    expected: Expected,
  ): Cell => ({
    request: {
      caller,
      action,
      resource: p.kmsKeyArn,
      resourceAccount: p.ownerAccount,
      resourcePolicy: p.keyPolicy,
      context,
    },
    resourceLabel: "key",
    contextLabel,
    expected,
  });
  const viaLabel = `via SM ${p.ownerRegion}, this secret`;
  const decryptCells = (caller: Caller, expected: Expected): Cell[] => [
    onKey(caller, "kms:Decrypt", viaSm(caller), viaLabel, expected),
    onKey(
      caller,
      "kms:Decrypt",
      { "kms:EncryptionContext:SecretARN": p.secretArn, "kms:CallerAccount": caller.account },
      "no kms:ViaService",
      DENIED,
    ),
    onKey(caller, "kms:Decrypt", viaSm(caller, otherSecretArn(p)), "via SM, another secret", DENIED),
  ];

  const cells: Cell[] = [];
  for (const role of p.executionRoles) {
    cells.push(
      onSecret(role, "secretsmanager:GetSecretValue", ALLOWED),
      ...decryptCells(role, ALLOWED),
      onKey(
        role,
        "kms:Decrypt",
        viaSm(role, p.secretArn, otherRegion(p.ownerRegion)),
        `via SM ${otherRegion(p.ownerRegion)}, this secret`,
        DENIED,
      ),
      {
        request: {
          caller: role,
          action: "secretsmanager:GetSecretValue",
          resource: otherSecretArn(p),
          resourceAccount: p.ownerAccount,
          resourcePolicy: trustingSecretPolicy(role.account),
          context: {},
        },
        resourceLabel: "another secret (trusts the account)",
        contextLabel: "-",
        expected: DENIED,
      },
      ...SECRET_WRITES.map((action) => onSecret(role, action, DENIED)),
      ...KEY_USES_BEYOND_DECRYPT.map((action) => onKey(role, action, viaSm(role), viaLabel, DENIED)),
      ...KEY_WRITES.map((action) => onKey(role, action, {}, "-", DENIED)),
    );

    const intruder: Caller = {
      label: `${role.consumer}: another role in ${role.account} (allows *)`,
      account: role.account,
      principal: sessionOf(`arn:aws:iam::${role.account}:role/intruder`, "x"),
      identityPolicies: [ALLOW_EVERYTHING],
    };
    const third = thirdAccount(p);
    const stranger: Caller = {
      label: `${role.consumer}: same role name in ${third} (allows *)`,
      account: third,
      principal: sessionOf(`arn:aws:iam::${third}:role/${role.roleArn.split("/").pop() ?? ""}`, "ecs-task"),
      identityPolicies: [ALLOW_EVERYTHING],
    };
    for (const caller of [intruder, stranger]) {
      cells.push(
        onSecret(caller, "secretsmanager:GetSecretValue", DENIED),
        onKey(caller, "kms:Decrypt", viaSm(caller), viaLabel, DENIED),
      );
    }
  }

  if (p.rotationRole) {
    const rotation = p.rotationRole;
    cells.push(
      ...decryptCells(rotation, ALLOWED),
      onKey(rotation, "kms:GenerateDataKey", viaSm(rotation), viaLabel, ALLOWED),
      onKey(rotation, "kms:GenerateDataKey", viaSm(rotation, otherSecretArn(p)), "via SM, another secret", DENIED),
      onKey(rotation, "kms:PutKeyPolicy", {}, "-", DENIED),
    );
  }

  for (const admin of p.keyAdmins) {
    cells.push(
      ...KEY_MANAGEMENT.map((action) => onKey(admin, action, {}, "-", ALLOWED)),
      onKey(admin, "kms:Decrypt", viaSm(admin), viaLabel, DENIED),
      onKey(admin, "kms:CreateGrant", {}, "-", DENIED),
      onSecret(admin, "secretsmanager:GetSecretValue", DENIED),
    );
  }

  // Roles the program creates for other purposes gain nothing on the secret or the key.
  for (const role of p.createdRoles) {
    cells.push(
      onSecret(role, "secretsmanager:GetSecretValue", DENIED),
      onKey(role, "kms:Decrypt", viaSm(role), viaLabel, DENIED),
    );
  }

  // Same account: the key policy's root statement lets the owner's IAM grant use of the key.
  const ownerAdmin: Caller = {
    label: "owner-account admin (allows *)",
    account: p.ownerAccount,
    principal: sessionOf(`arn:aws:iam::${p.ownerAccount}:role/owner-admin`, "x"),
    identityPolicies: [ALLOW_EVERYTHING],
  };
  cells.push(onKey(ownerAdmin, "kms:Decrypt", viaSm(ownerAdmin), viaLabel, ALLOWED));
  return cells;
}

export async function evaluateMatrix(cells: readonly Cell[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const cell of cells) {
    rows.push({ ...cell, simulated: (await evaluate(cell.request)).decision });
  }
  return rows;
}

/** A plain-text table: one line per request, with the expected and the simulated decision. */
export function formatMatrix(title: string, rows: readonly Row[]): string {
  const word = (r: EvaluationResult): string => (r === "Allowed" ? "ALLOW" : r === "ImplicitlyDenied" ? "deny" : r);
  const table = [
    ["principal", "action", "resource", "context", "expected", "simulated", ""],
    ...rows.map((r) => [
      r.request.caller.label,
      r.request.action,
      r.resourceLabel,
      r.contextLabel,
      word(r.expected),
      word(r.simulated),
      r.simulated === r.expected ? "ok" : "MISMATCH",
    ]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((line) => line[i].length)));
  const lines = table.map((line) =>
    line
      .map((c, i) => c.padEnd(widths[i]))
      .join(" | ")
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("-+-"));
  return [title, ...lines].join("\n");
}
