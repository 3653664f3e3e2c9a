// doctor, owner account: rotation is on with the configured schedule, its last and next dates, no
// rotation stuck in AWSPENDING, and the rotation function exists and is active.

import { GetFunctionConfigurationCommand, LambdaClient } from "@aws-sdk/client-lambda";
import {
  ListSecretVersionIdsCommand,
  SecretListEntry,
  SecretsManagerClient,
  SecretVersionsListEntry,
} from "@aws-sdk/client-secrets-manager";
import { Settings } from "../../infra/config/types";
import { DeployedShare } from "./deployed";
import { AccountRun, call, check, failedWith, keyOf, Outcome } from "./session";

/** A pending version younger than this may be a rotation still running. */
const IN_PROGRESS_MS = 3600_000;

const RECOVERY = `README, "Rotation runbook" → "Recovering from a failed rotation"`;

const day = (d: Date | undefined): string => (d ? d.toISOString().replace(".000Z", "Z") : "never");

function functionName(arn: string): string {
  return arn.split(":").pop() ?? arn;
}

function schedule(settings: Settings, secret: SecretListEntry): Outcome[] {
  const rotation = settings.rotation;
  if (!rotation) {
    return secret.RotationEnabled
      ? [
          {
            status: "warn",
            title: `rotation is on (${secret.RotationRules?.ScheduleExpression ?? "?"}), but the config has no rotation: the next deploy turns it off`,
            configKey: keyOf("rotation"),
          },
        ]
      : [{ status: "ok", title: "rotation is off, as configured" }];
  }
  if (!secret.RotationEnabled) {
    return [
      {
        status: "fail",
        title: "rotation is off, but the config turns it on: deploy again",
        configKey: keyOf("rotation"),
      },
    ];
  }
  const actual = secret.RotationRules?.ScheduleExpression;
  return [
    actual === rotation.scheduleExpression
      ? {
          status: "ok",
          title: `rotation is on, ${actual}; last rotated ${day(secret.LastRotatedDate)}, next ${day(secret.NextRotationDate)}`,
        }
      : {
          status: "fail",
          title: `rotation runs on ${actual ?? "no schedule"}, not the configured ${rotation.scheduleExpression}`,
          configKey: keyOf("rotation.scheduleExpression"),
        },
  ];
}

function stuck(versions: readonly SecretVersionsListEntry[], secret: SecretListEntry, fn: string, now: Date): Outcome {
  const pending = versions.find(
    (v) => v.VersionStages?.includes("AWSPENDING") && !v.VersionStages.includes("AWSCURRENT"),
  );
  const last = secret.LastRotatedDate?.getTime() ?? 0;
  if (!pending || (pending.CreatedDate?.getTime() ?? 0) < last) {
    return { status: "ok", title: "no rotation is pending" };
  }
  const since = pending.CreatedDate ?? now;
  if (now.getTime() - since.getTime() < IN_PROGRESS_MS) {
    return {
      status: "warn",
      title: `a rotation is in progress: version ${pending.VersionId} is AWSPENDING since ${day(since)}`,
    };
  }
  return {
    status: "fail",
    title: `rotation is stuck: version ${pending.VersionId} is AWSPENDING since ${day(since)}, with no successful rotation after it; every later rotation fails until it is cleared`,
    detail: `Read the function's log (aws logs tail /aws/lambda/${fn} --since 2h), fix the cause, then clear or promote the pending version as ${RECOVERY} says.`,
  };
}

export async function rotationHealth(
  run: AccountRun,
  settings: Settings,
  d: DeployedShare,
  secret: SecretListEntry | undefined,
  now: Date,
): Promise<void> {
  if (secret === undefined) {
    return;
  }
  run.checks.push(...schedule(settings, secret).map((o) => ({ id: "rotation-schedule", ...o })));
  const next = secret.NextRotationDate;
  if (secret.RotationEnabled && next && next.getTime() < now.getTime() - IN_PROGRESS_MS) {
    run.checks.push({ id: "rotation-schedule", status: "warn", title: `the next rotation (${day(next)}) is overdue` });
  }
  const lambdaArn = d.rotationLambdaArn ?? secret.RotationLambdaARN;
  if (!settings.rotation || !lambdaArn) {
    return;
  }
  if (secret.RotationLambdaARN && secret.RotationLambdaARN !== lambdaArn) {
    run.checks.push({
      id: "rotation-function",
      status: "fail",
      title: `the secret rotates with ${secret.RotationLambdaARN}, not the stack's ${lambdaArn}`,
    });
  }
  await check(run, "rotation-pending", "pending rotations", async () => {
    const versions = await call(run, "secretsmanager:ListSecretVersionIds", () =>
      run.client(SecretsManagerClient).send(new ListSecretVersionIdsCommand({ SecretId: d.secretArn })),
    );
    return stuck(versions.Versions ?? [], secret, functionName(lambdaArn), now);
  });
  await check(run, "rotation-function", `the rotation function ${lambdaArn}`, async (): Promise<Outcome> => {
    try {
      const f = await call(run, "lambda:GetFunctionConfiguration", () =>
        run.client(LambdaClient).send(new GetFunctionConfigurationCommand({ FunctionName: lambdaArn })),
      );
      const healthy = (f.State ?? "Active") === "Active" && f.LastUpdateStatus !== "Failed";
      return healthy
        ? {
            status: "ok",
            title: `the rotation function ${functionName(lambdaArn)} is active (${f.Runtime ?? "runtime unknown"})`,
          }
        : {
            status: "fail",
            title:
              `the rotation function ${functionName(lambdaArn)} is ${f.State ?? "?"} (last update ${f.LastUpdateStatus ?? "?"}): ${f.StateReason ?? f.LastUpdateStatusReason ?? ""}`.trim(),
          };
    } catch (err) {
      if (failedWith(err, "ResourceNotFoundException")) {
        return {
          status: "fail",
          title: `the rotation function ${lambdaArn} does not exist: every rotation fails; deploy again`,
        };
      }
      throw err;
    }
  });
}
