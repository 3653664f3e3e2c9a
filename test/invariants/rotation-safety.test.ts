// The password written by a deployment is only the initial value: no later deploy or refresh may
// write it back over a rotated one. Checked on the resource options as the engine receives them
// (the offline runtime records each registration at the monitor, after any transformation).

import { expect } from "chai";
import { OfflineRun } from "../../automation/offline/runtime";
import { INITIAL_VERSION_STAGE } from "../../infra/owner/secret";
import * as pulumi from "@pulumi/pulumi";
import { runProgramBare } from "../support/bare";
import { configWith, devRun, runProgram } from "../support/program";

const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";

function versions(run: OfflineRun) {
  return run.registrations.filter((r) => r.type === VERSION);
}

describe("invariant: the initial secret version cannot revert a rotated password", () => {
  const cases: [string, () => Promise<OfflineRun>][] = [
    ["the dev example", () => devRun()],
    [
      "a configured dbPassword",
      () =>
        runProgram(
          configWith((c) => (c["rds-secret-share:dbPassword"] = "Configured-Pw-7f3a9c!x2Q")),
          {
            secretKeys: ["rds-secret-share:dbPassword"],
          },
        ),
    ],
    [
      "part owner",
      () =>
        runProgram(
          configWith((c) => (c["rds-secret-share:part"] = "owner")),
          { stack: "dev-owner" },
        ),
    ],
    ["no rotation", () => runProgram(configWith((c) => delete c["rds-secret-share:rotation"]))],
  ];
  for (const [title, run] of cases) {
    it(`GIVEN ${title} THEN every secret version ignores changes to its value and labels, and keeps its own label`, async () => {
      const found = versions(await run());
      expect(found).to.have.length(1);
      for (const v of found) {
        // A changed dbPassword or a refresh after rotation never rewrites the value or moves AWSCURRENT back.
        expect(v.ignoreChanges).to.include.members(["secretString", "versionStages"]);
        // A labelled version is never deleted by Secrets Manager, so it is never recreated with the old value.
        expect(v.inputs.versionStages).to.deep.equal(["AWSCURRENT", INITIAL_VERSION_STAGE]);
        expect(INITIAL_VERSION_STAGE).to.equal("RDS_SECRET_SHARE_INITIAL");
        expect(v.secretInputs).to.include("secretString");
      }
    });
  }

  it("GIVEN rotation THEN no deploy rotates: rotateImmediately is false", async () => {
    const run = await devRun();
    const schedules = run.registrations.filter((r) => r.type === "aws:secretsmanager/secretRotation:SecretRotation");
    expect(schedules.map((r) => r.inputs.rotateImmediately)).to.deep.equal([false]);
  });

  it("GIVEN a stack transformation WHEN the program constructs the version THEN the options it passes say the same", async () => {
    // Owner side without rotation: nothing the bare mocks would have to answer.
    const captured: pulumi.ResourceOptions[] = [];
    const run = await runProgramBare(
      configWith((c) => {
        c["rds-secret-share:part"] = "owner";
        delete c["rds-secret-share:rotation"];
        // Without rotation restartServices would only draw a warning on the console.
        delete c["rds-secret-share:consumers"][0].restartServices;
      }),
      {
        stack: "dev-owner",
        transformation: (args) => {
          if (args.type === VERSION) {
            captured.push(args.opts);
          }
          return undefined;
        },
      },
    );
    expect(run.error).to.equal(undefined);
    expect(captured.map((o) => o.ignoreChanges)).to.deep.equal([["secretString", "versionStages"]]);
    expect((captured[0] as pulumi.CustomResourceOptions).additionalSecretOutputs).to.include("secretString");
  });
});
