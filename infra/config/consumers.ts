// `consumers`: the accounts and applications the secret is shared with.

import { roleNameOf } from "../arn";
import { ObjectReader } from "./reader";
import { NAMESPACE } from "./keys";
import { Problems } from "./problems";
import { FARGATE_MEMORY, LOG_RETENTION_DAYS } from "./awsTables";
import { readAccount } from "./accounts";
import * as rules from "./rules";
import { sid } from "../names";
import { ConsumerSettings, RestartServiceSettings, TaskDefinitionSettings } from "./types";

/** The keys of a consumer and of its task definition; anything else is a typo. */
export const CONSUMER_KEYS = [
  "name",
  "accountId",
  "region",
  "assumeRoleArn",
  "profile",
  "executionRoleArn",
  "taskDefinition",
  "restartServices",
];
export const TASK_KEYS = [
  "family",
  "image",
  "cpu",
  "memory",
  "containerName",
  "containerPort",
  "passwordEnvName",
  "usernameEnvName",
  "urlEnvName",
  "environment",
  "taskRoleArn",
  "logGroupName",
  "logRetentionInDays",
];

export function readConsumers(problems: Problems, raw: unknown, env: string): ConsumerSettings[] {
  const key = `${NAMESPACE}:consumers`;
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 20) {
    problems.add(key, raw, "a list of 1 to 20 consumers, each an object with keys " + CONSUMER_KEYS.join(", "));
    return [];
  }
  const out: ConsumerSettings[] = [];
  raw.forEach((item, i) => {
    const c = ObjectReader.of(problems, `${key}[${i}]`, item, CONSUMER_KEYS);
    const consumer = c && readConsumer(c, env);
    if (consumer) {
      checkAgainstEarlier(problems, `${key}[${i}]`, consumer, out);
      out.push(consumer);
    }
  });
  return out;
}

function readConsumer(c: ObjectReader, env: string): ConsumerSettings | undefined {
  const name = c.string("name", rules.consumerName);
  const account = readAccount(c);
  const executionRoleArn = c.string("executionRoleArn", rules.roleArn(account.accountId));
  const task = c.object("taskDefinition", TASK_KEYS);
  const taskDefinition = task && readTaskDefinition(task, account.accountId, env);
  const restartServices = readRestartServices(c);
  if (!name || !account.accountId || !account.region || !executionRoleArn || !taskDefinition || !restartServices) {
    return undefined;
  }
  return {
    name,
    accountId: account.accountId,
    region: account.region,
    assumeRoleArn: account.assumeRoleArn,
    profile: account.profile,
    executionRoleArn,
    executionRoleName: roleNameOf(executionRoleArn),
    taskDefinition,
    restartServices,
  };
}

function readTaskDefinition(
  t: ObjectReader,
  accountId: string | undefined,
  env: string,
): TaskDefinitionSettings | undefined {
  const before = t.problems.count;
  const family = t.string("family", rules.family);
  const image = t.string("image", rules.image);
  const cpu = t.integer("cpu", 256, 16384, undefined, Object.keys(FARGATE_MEMORY).map(Number));
  const memory = t.integer("memory", 512, 122880);
  if (cpu !== undefined && memory !== undefined && !FARGATE_MEMORY[cpu].includes(memory)) {
    t.problems.add(
      t.keyOf("memory"),
      memory,
      `a Fargate memory size for cpu ${cpu}: one of ${FARGATE_MEMORY[cpu].join(", ")}`,
    );
  }
  const passwordEnvName = t.optionalString("passwordEnvName", rules.envName) ?? "SPRING_DATASOURCE_PASSWORD";
  const usernameEnvName = t.optionalString("usernameEnvName", rules.envName) ?? "SPRING_DATASOURCE_USERNAME";
  const urlEnvName = t.optionalString("urlEnvName", rules.envName) ?? "SPRING_DATASOURCE_URL";
  const reserved = [passwordEnvName, usernameEnvName, urlEnvName];
  checkDistinctEnvNames(t, { passwordEnvName, usernameEnvName, urlEnvName });
  const environment = t.stringMap("environment", rules.envName);
  for (const name of Object.keys(environment)) {
    if (reserved.includes(name)) {
      t.problems.add(
        `${t.keyOf("environment")}.${name}`,
        name,
        `a name other than ${reserved.join(", ")}, which the task definition sets itself`,
      );
    } else if (rules.PASSWORD_LIKE_ENV_NAME.test(name)) {
      t.problems.addSecret(
        `${t.keyOf("environment")}.${name}`,
        `no password or secret in plain environment: anyone who may describe the task definition reads it, ` +
          `and the state keeps it in plain text. The database password reaches the container from the secret as ` +
          `${passwordEnvName}; keep other secrets in Secrets Manager`,
      );
    }
  }
  const containerName = t.optionalString("containerName", rules.family) ?? family;
  const containerPort = t.has("containerPort") ? t.integer("containerPort", 1, 65535) : undefined;
  const taskRoleArn = t.optionalString("taskRoleArn", rules.roleArn(accountId));
  const logGroupName = t.optionalString("logGroupName", rules.logGroupName) ?? (family && `/ecs/${env}/${family}`);
  const logRetentionInDays = t.integer("logRetentionInDays", 1, 3653, 30, LOG_RETENTION_DAYS);
  if (
    !family ||
    !image ||
    !cpu ||
    !memory ||
    !containerName ||
    !logGroupName ||
    !logRetentionInDays ||
    t.problems.count > before
  ) {
    return undefined;
  }
  return {
    family,
    image,
    cpu,
    memory,
    containerName,
    containerPort,
    passwordEnvName,
    usernameEnvName,
    urlEnvName,
    environment,
    taskRoleArn,
    logGroupName,
    logRetentionInDays,
  };
}

/** The three variables the task definition sets must differ; a clash is reported at the later key. */
function checkDistinctEnvNames(t: ObjectReader, names: Readonly<Record<string, string>>): void {
  const entries = Object.entries(names);
  entries.forEach(([key, value], i) => {
    const earlier = entries.slice(0, i).find(([, v]) => v === value);
    if (earlier) {
      t.problems.add(t.keyOf(key), value, `a name other than ${earlier[0]}'s, since the two variables would clash`);
    }
  });
}

function readRestartServices(c: ObjectReader): RestartServiceSettings[] | undefined {
  if (!c.has("restartServices")) {
    return [];
  }
  const key = c.keyOf("restartServices");
  const raw = c.raw("restartServices");
  if (!Array.isArray(raw) || raw.length > 20) {
    return c.problems.add(key, raw, "a list of up to 20 services, each {cluster, service}");
  }
  const out: RestartServiceSettings[] = [];
  raw.forEach((item, i) => {
    const s = ObjectReader.of(c.problems, `${key}[${i}]`, item, ["cluster", "service"]);
    const cluster = s?.string("cluster", rules.ecsName);
    const service = s?.string("service", rules.ecsName);
    if (cluster && service) {
      if (out.some((o) => o.cluster === cluster && o.service === service)) {
        c.problems.add(`${key}[${i}]`, item, "each cluster and service listed once");
      }
      out.push({ cluster, service });
    }
  });
  return out.length === raw.length ? out : undefined;
}

/** Names are unique; consumers sharing an account and region share its provider, so its credentials too. */
function checkAgainstEarlier(
  problems: Problems,
  key: string,
  c: ConsumerSettings,
  earlier: readonly ConsumerSettings[],
): void {
  earlier.forEach((e, j) => {
    if (e.name === c.name) {
      problems.add(`${key}.name`, c.name, `a name not already used by ${NAMESPACE}:consumers[${j}]`);
    } else if (sid(e.name) === sid(c.name)) {
      // Policy statement ids are the name without hyphens; two equal ids make AWS reject the policy.
      problems.add(
        `${key}.name`,
        c.name,
        `a name that differs from ${NAMESPACE}:consumers[${j}] ("${e.name}") in more than hyphens, since both name the policy statement ${sid(c.name)}`,
      );
    }
    if (e.accountId === c.accountId && e.region === c.region) {
      if (e.assumeRoleArn !== c.assumeRoleArn || e.profile !== c.profile) {
        problems.add(
          `${key}.assumeRoleArn`,
          c.assumeRoleArn,
          `the same assumeRoleArn and profile as ${NAMESPACE}:consumers[${j}], which deploys to the same account and region`,
        );
      }
      if (e.taskDefinition.family === c.taskDefinition.family) {
        problems.add(
          `${key}.taskDefinition.family`,
          c.taskDefinition.family,
          `a family not already used in account ${c.accountId} by ${NAMESPACE}:consumers[${j}]`,
        );
      } else if (e.taskDefinition.logGroupName === c.taskDefinition.logGroupName) {
        problems.add(
          `${key}.taskDefinition.logGroupName`,
          c.taskDefinition.logGroupName,
          `a log group not already used in account ${c.accountId} and region ${c.region} by ${NAMESPACE}:consumers[${j}]`,
        );
      }
      c.restartServices.forEach((s, i) => {
        if (e.restartServices.some((o) => o.cluster === s.cluster && o.service === s.service)) {
          problems.add(
            `${key}.restartServices[${i}]`,
            s,
            `a service not already restarted by ${NAMESPACE}:consumers[${j}] (it would be redeployed twice per rotation)`,
          );
        }
      });
    }
  });
}
