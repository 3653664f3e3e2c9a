// doctor, consumer account: the latest task definition takes the password from the shared secret,
// and running tasks started before the last rotation (on a password it replaced).

import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
} from "@aws-sdk/client-ecs";
import { valueFrom } from "../../infra/consumer/container";
import { PASSWORD_LIKE_ENV_NAME } from "../../infra/config/rules";
import { ConsumerSettings, RestartServiceSettings, Settings } from "../../infra/config/types";
import { DeployedShare } from "./deployed";
import { AccountRun, call, check, failedWith, Outcome } from "./session";

export async function taskDefinition(run: AccountRun, d: DeployedShare, c: ConsumerSettings): Promise<void> {
  const t = c.taskDefinition;
  await check(run, "task-definition", `the task definition ${t.family}`, async (): Promise<Outcome[]> => {
    const r = await call(run, "ecs:DescribeTaskDefinition", () =>
      run.client(ECSClient).send(new DescribeTaskDefinitionCommand({ taskDefinition: t.family })),
    );
    const def = r.taskDefinition;
    const name = `${t.family}:${def?.revision ?? "?"}`;
    const out: Outcome[] = [];
    const deployed = d.consumers[c.name]?.taskDefinitionArn;
    if (deployed && def?.taskDefinitionArn !== deployed) {
      out.push({
        status: "warn",
        title: `the latest ACTIVE revision is ${name}, not the stack's ${deployed.split("/").pop()}: registered outside this stack; checked below`,
      });
    }
    const container = def?.containerDefinitions?.find((x) => x.name === t.containerName);
    if (!container) {
      return [...out, { status: "fail", title: `${name} has no container ${t.containerName}` }];
    }
    for (const [env, key] of [
      [t.passwordEnvName, "password"],
      [t.usernameEnvName, "username"],
    ] as const) {
      const want = valueFrom(d.secretArn, key);
      const got = container.secrets?.find((s) => s.name === env)?.valueFrom;
      out.push(
        got === want
          ? { status: "ok", title: `${name} takes ${env} from ${want}` }
          : {
              status: "fail",
              title: got
                ? `${name} takes ${env} from ${got}, not the shared secret (${want})`
                : `${name} does not take ${env} from the secret (${want})`,
            },
      );
    }
    const plain = (container.environment ?? []).filter(
      (e) => e.name === t.passwordEnvName || PASSWORD_LIKE_ENV_NAME.test(e.name ?? ""),
    );
    if (plain.length > 0) {
      // Names only: the values may be the password itself.
      out.push({
        status: "fail",
        title: `${name} carries ${plain.map((e) => e.name).join(", ")} in plain environment, readable by anyone who may describe the task definition`,
      });
    }
    return out;
  });
}

/** Every service in the account running the family, for --all-services. */
async function servicesRunning(run: AccountRun, family: string): Promise<RestartServiceSettings[]> {
  const ecs = run.client(ECSClient);
  const found: RestartServiceSettings[] = [];
  let clusterToken: string | undefined;
  do {
    const clusters = await call(run, "ecs:ListClusters", () =>
      ecs.send(new ListClustersCommand({ nextToken: clusterToken })),
    );
    for (const cluster of clusters.clusterArns ?? []) {
      let serviceToken: string | undefined;
      do {
        const page = await call(run, "ecs:ListServices", () =>
          ecs.send(new ListServicesCommand({ cluster, nextToken: serviceToken })),
        );
        const arns = page.serviceArns ?? [];
        for (let i = 0; i < arns.length; i += 10) {
          const described = await call(run, "ecs:DescribeServices", () =>
            ecs.send(new DescribeServicesCommand({ cluster, services: arns.slice(i, i + 10) })),
          );
          for (const s of described.services ?? []) {
            if (s.taskDefinition?.split("/").pop()?.split(":")[0] === family && s.serviceName) {
              found.push({ cluster: cluster.split("/").pop() ?? cluster, service: s.serviceName });
            }
          }
        }
        serviceToken = page.nextToken;
      } while (serviceToken);
    }
    clusterToken = clusters.nextToken;
  } while (clusterToken);
  return found;
}

async function startedBefore(
  run: AccountRun,
  s: RestartServiceSettings,
  rotated: Date,
): Promise<{ running: number; stale: number }> {
  const ecs = run.client(ECSClient);
  const arns: string[] = [];
  let token: string | undefined;
  do {
    const page = await call(run, "ecs:ListTasks", () =>
      ecs.send(
        new ListTasksCommand({
          cluster: s.cluster,
          serviceName: s.service,
          desiredStatus: "RUNNING",
          nextToken: token,
        }),
      ),
    );
    arns.push(...(page.taskArns ?? []));
    token = page.nextToken;
  } while (token);
  let stale = 0;
  for (let i = 0; i < arns.length; i += 100) {
    const r = await call(run, "ecs:DescribeTasks", () =>
      ecs.send(new DescribeTasksCommand({ cluster: s.cluster, tasks: arns.slice(i, i + 100) })),
    );
    stale += (r.tasks ?? []).filter(
      (t) => (t.startedAt ?? t.createdAt ?? rotated).getTime() < rotated.getTime(),
    ).length;
  }
  return { running: arns.length, stale };
}

export async function replacedPasswords(
  run: AccountRun,
  settings: Settings,
  c: ConsumerSettings,
  lastRotated: () => Promise<Date | undefined | "unknown">,
  allServices: boolean,
): Promise<void> {
  const listed = [...c.restartServices];
  await check(run, "replaced-password", `tasks of ${c.name} on a replaced password`, async (): Promise<Outcome[]> => {
    const extra = allServices ? await servicesRunning(run, c.taskDefinition.family) : [];
    const services = [
      ...listed,
      ...extra.filter((e) => !listed.some((l) => l.cluster === e.cluster && l.service === e.service)),
    ];
    if (services.length === 0) {
      return [];
    }
    const rotated = await lastRotated();
    if (rotated === "unknown") {
      return [
        {
          status: "error",
          title: `could not check tasks of ${c.name} on a replaced password: the secret's last rotation date was not read (see the owner account)`,
        },
      ];
    }
    if (rotated === undefined) {
      return [
        {
          status: "ok",
          title: `the secret has never rotated: every task of ${services.map((s) => `${s.cluster}/${s.service}`).join(", ")} has the current password`,
        },
      ];
    }
    const single = settings.rotation?.strategy !== "alternating-users";
    const out: Outcome[] = [];
    for (const s of services) {
      let counted;
      try {
        counted = await startedBefore(run, s, rotated);
      } catch (err) {
        if (failedWith(err, "ServiceNotFoundException", "ClusterNotFoundException")) {
          out.push({
            status: "fail",
            title: `the service ${s.cluster}/${s.service} does not exist in ${run.account.accountId} (${run.account.region})`,
          });
          continue;
        }
        throw err;
      }
      const where = `${s.cluster}/${s.service}`;
      if (counted.stale === 0) {
        out.push({
          status: "ok",
          title: `${where}: all ${counted.running} running task(s) started after the last rotation (${rotated.toISOString()})`,
        });
        continue;
      }
      const fix = `aws ecs update-service --cluster ${s.cluster} --service ${s.service} --force-new-deployment --region ${run.account.region}`;
      out.push({
        status: single ? "fail" : "warn",
        title: `${where}: ${counted.stale} of ${counted.running} running task(s) started before the last rotation (${rotated.toISOString()}): ${single ? "their password no longer works (single-user)" : "their password stops working at the next rotation (alternating-users)"}`,
        detail: `Redeploy them: ${fix}`,
      });
    }
    return out;
  });
}
