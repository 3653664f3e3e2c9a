// doctor, consumer account: the restart state machine's recent executions, the failed ones named.

import { ListExecutionsCommand, SFNClient } from "@aws-sdk/client-sfn";
import { restartRoute } from "../../infra/access/restartRoute";
import { ConsumerSettings, Settings } from "../../infra/config/types";
import { AccountRun, call, check, failedWith, Outcome } from "./session";

export async function restartExecutions(run: AccountRun, settings: Settings, c: ConsumerSettings): Promise<void> {
  const route = settings.rotation ? restartRoute(settings.secret.name, settings.owner, c) : undefined;
  if (!route) {
    return;
  }
  await check(run, "restart-executions", `the executions of ${route.stateMachineName}`, async (): Promise<Outcome> => {
    let list;
    try {
      list = await call(run, "states:ListExecutions", () =>
        run
          .client(SFNClient)
          .send(new ListExecutionsCommand({ stateMachineArn: route.stateMachineArn, maxResults: 10 })),
      );
    } catch (err) {
      if (failedWith(err, "StateMachineDoesNotExist")) {
        return {
          status: "fail",
          title: `the restart state machine ${route.stateMachineArn} does not exist: deploy again`,
        };
      }
      throw err;
    }
    const executions = list.executions ?? [];
    const failed = executions.filter(
      (e) => e.status === "FAILED" || e.status === "TIMED_OUT" || e.status === "ABORTED",
    );
    if (executions.length === 0) {
      return { status: "ok", title: `${route.stateMachineName} has not run yet` };
    }
    if (failed.length === 0) {
      return {
        status: "ok",
        title: `${route.stateMachineName}: the last ${executions.length} execution(s) succeeded or are running`,
      };
    }
    const names = failed.map((e) => `${e.name} (${e.status}, ${e.startDate?.toISOString() ?? "?"})`).join(", ");
    return {
      status: failed.includes(executions[0]) ? "fail" : "warn",
      title: `${route.stateMachineName}: ${failed.length} of the last ${executions.length} execution(s) did not succeed: ${names}`,
      detail: `See each execution in the Step Functions console; restart by hand with aws stepfunctions start-execution --state-machine-arn ${route.stateMachineArn}`,
    };
  });
}
