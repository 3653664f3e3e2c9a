// `rotation`: the schedule, the strategy and the network of AWS's rotation function.

import { USERNAME_MAX } from "./database";
import { NAMESPACE } from "./keys";
import { Problems } from "./problems";
import { ObjectReader } from "./reader";
import * as rules from "./rules";
import { maxRotationWindowHours, SCHEDULE_ALLOWED, scheduleAllowed } from "./schedule";
import { ConsumerSettings, DatabaseSettings, RotationSettings, ROTATION_STRATEGIES, SecretSettings } from "./types";

/** The keys of `rotation`; anything else is a typo. */
export const ROTATION_KEYS = [
  "scheduleExpression",
  "strategy",
  "subnetIds",
  "securityGroupIds",
  "duration",
  "functionName",
];

/** Alternating-users rotation clones the user as <username>_clone. */
export const CLONE_SUFFIX = "_clone";

export function readRotation(
  r: ObjectReader,
  database: DatabaseSettings | undefined,
  secret: SecretSettings | undefined,
): RotationSettings | undefined {
  const schedule = r.raw("scheduleExpression");
  // The rule's words depend on the fault, so the value is checked here rather than by a Rule.
  const faulty = typeof schedule === "string" ? scheduleAllowed(schedule) : SCHEDULE_ALLOWED;
  const scheduleExpression =
    faulty === undefined ? (schedule as string) : r.problems.add(r.keyOf("scheduleExpression"), schedule, faulty);
  const strategy = (r.optionalString("strategy", rules.oneOf(ROTATION_STRATEGIES)) ??
    "single-user") as RotationSettings["strategy"];
  const subnetIds = r.stringList("subnetIds", rules.subnetId, 1, 16);
  const securityGroupIds = r.stringList("securityGroupIds", rules.securityGroupId, 1, 5);
  const duration = r.optionalString("duration", rules.rotationDuration);
  if (duration && scheduleExpression && Number(duration.slice(0, -1)) > maxRotationWindowHours(scheduleExpression)) {
    r.problems.add(
      r.keyOf("duration"),
      duration,
      `at most ${maxRotationWindowHours(scheduleExpression)}h with scheduleExpression ${scheduleExpression}: a rotation window may not run into the next UTC day or the next scheduled rotation`,
    );
  }
  const functionName =
    r.optionalString("functionName", rules.functionName) ??
    (secret && `${secret.name.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 55)}-rotation`);
  if (strategy === "alternating-users" && database) {
    if (!database.masterSecretArn) {
      r.problems.add(
        `${NAMESPACE}:database.masterSecretArn`,
        undefined,
        "the administrator's secret ARN, which rotation.strategy alternating-users requires",
      );
    }
    const max = USERNAME_MAX[database.engine] - CLONE_SUFFIX.length;
    if (database.username.length > max) {
      r.problems.add(
        `${NAMESPACE}:database.username`,
        database.username,
        `at most ${max} characters with alternating-users rotation, which adds ${CLONE_SUFFIX}`,
      );
    }
  }
  if (!scheduleExpression || !subnetIds || !securityGroupIds || !functionName) {
    return undefined;
  }
  return { scheduleExpression, strategy, subnetIds, securityGroupIds, duration, functionName };
}

/**
 * restartServices without rotation: nothing emits RotationSucceeded, so the program wires no
 * restart. A warning, not an error: the README's first deploy leaves rotation out until db-user
 * has created the user, then adds it.
 */
export function warnRestartsWithoutRotation(problems: Problems, consumers: readonly ConsumerSettings[]): void {
  consumers.forEach((c, i) => {
    if (c.restartServices.length > 0) {
      const services = c.restartServices.map((s) => `${s.cluster}/${s.service}`).join(", ");
      problems.warn(
        `${NAMESPACE}:consumers[${i}].restartServices`,
        `ignored without ${NAMESPACE}:rotation: nothing rotates the secret, so no restart of ${services} is deployed; add rotation (once db-user has created the user) and deploy again to wire it.`,
      );
    }
  });
}
