// Whether AWS still offers the rotation application at the version this project pins: the
// deploy's CloudFormation stack is made from it, in the owner region, and fails without it.

import {
  GetApplicationCommand,
  ServerlessApplicationRepositoryClient,
} from "@aws-sdk/client-serverlessapplicationrepository";
import { Settings } from "../../infra/config/types";
import { rotationApplication } from "../../infra/owner/rotationApplications";
import { AccountRun, call, check, failedWith, Outcome } from "./session";

export async function rotationApplicationAvailable(run: AccountRun, settings: Settings): Promise<void> {
  const { rotation, database } = settings;
  if (!rotation) {
    return;
  }
  const { applicationId, semanticVersion } = rotationApplication(database.engine, rotation.strategy);
  const name = `${applicationId.slice(applicationId.lastIndexOf("/") + 1)} ${semanticVersion}`;
  const region = run.account.region;
  await check(run, "rotation-application", `AWS's rotation application ${name}`, async (): Promise<Outcome> => {
    try {
      await call(run, "serverlessrepo:GetApplication", () =>
        run
          .client(ServerlessApplicationRepositoryClient)
          .send(new GetApplicationCommand({ ApplicationId: applicationId, SemanticVersion: semanticVersion })),
      );
    } catch (err) {
      if (failedWith(err, "NotFoundException")) {
        return {
          status: "fail",
          title: `AWS's rotation application ${name} is not available in ${region}: ${err.awsMessage}`,
          detail:
            "The deploy's rotation function is made from exactly this version (infra/owner/rotationApplications.ts pins it); " +
            "a newer version of this project pins one AWS offers.",
        };
      }
      throw err;
    }
    return { status: "ok", title: `AWS's rotation application ${name} is available in ${region}` };
  });
}
