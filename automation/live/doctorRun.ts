// doctor's checks, per account, the accounts concurrently. The consumer accounts' checks that need
// the owner's answers (the last rotation, the live resource policies) wait for them.

import { Settings } from "../../infra/config/types";
import { Prepared } from "../driver/validation";
import { identityPolicy, resourceSide, simulate } from "./access";
import { DeployedShare } from "./deployed";
import { DoctorOptions } from "./options";
import { identify } from "./identity";
import { DoctorResult, verdictOf } from "./model";
import { rotationHealth } from "./rotationHealth";
import { OwnerState, secretHealth } from "./secretHealth";
import { AccountRun, accountRuns, report, tallied } from "./session";
import { restartExecutions } from "./executions";
import { replacedPasswords, taskDefinition } from "./tasks";

export async function runDoctor(
  prepared: Prepared,
  deployed: DeployedShare,
  options: DoctorOptions,
): Promise<DoctorResult> {
  const settings = prepared.owner;
  const now = options.now ?? new Date();
  const runs = accountRuns(settings, "doctor", options);
  const [ownerRun, ...consumerRuns] = runs;
  const owner = (async (): Promise<OwnerState | undefined> => {
    if (!(await identify(ownerRun, options.credentialsBoundMs))) {
      return undefined;
    }
    const state = await secretHealth(ownerRun, settings, deployed);
    await rotationHealth(ownerRun, settings, deployed, state.secret, now);
    return state;
  })();
  await Promise.all([
    owner,
    ...consumerRuns.map(async (run) => {
      if (await identify(run, options.credentialsBoundMs)) {
        await consumerChecks(run, settings, deployed, owner, options.allServices === true);
      }
    }),
  ]);
  const accounts = runs.map(report);
  return {
    command: "doctor",
    env: prepared.environment.name,
    verdict: verdictOf(accounts),
    accounts,
    ...tallied(runs),
  };
}

async function consumerChecks(
  run: AccountRun,
  settings: Settings,
  deployed: DeployedShare,
  owner: Promise<OwnerState | undefined>,
  allServices: boolean,
): Promise<void> {
  const lastRotated = async () => {
    const secret = (await owner)?.secret;
    return secret === undefined ? ("unknown" as const) : secret.LastRotatedDate;
  };
  for (const { consumer } of run.consumers) {
    await identityPolicy(run, settings, deployed, consumer);
    await simulate(run, settings, deployed, consumer);
    run.checks.push({
      id: "resource-side",
      ...resourceSide(settings, deployed, consumer, await owner, settings.owner.accountId),
    });
    await taskDefinition(run, deployed, consumer);
    await replacedPasswords(run, settings, consumer, lastRotated, allServices);
    await restartExecutions(run, settings, consumer);
  }
}
