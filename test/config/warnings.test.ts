// Config that deploys but is probably not what was meant: validation returns it as warnings with
// the settings (never printing), and the program logs each with pulumi.log.warn.

import { expect } from "chai";
import { toRuntimeConfig } from "../../automation/environment";
import { Settings } from "../../infra/config/types";
import { validateConfig } from "../../infra/config/validate";
import { runProgramBare } from "../support/bare";
import { captureOutput } from "../support/capture";
import { BILLING_CONSUMER, configWith, devConfig, runProgram } from "../support/program";

const DEV = { project: "rds-secret-share", stack: "dev" };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SDK_VERSION = (require("@aws-sdk/core/package.json") as { version: string }).version;

function validate(config: Record<string, unknown>): Settings {
  return validateConfig(toRuntimeConfig(config), DEV);
}

const IGNORED =
  "ignored: every resource is created through an explicit provider per account, which aws:* settings do not reach; set rds-secret-share:";

const withoutRotation = (edit: (c: Record<string, any>) => void = () => undefined) =>
  configWith((c) => {
    delete c["rds-secret-share:rotation"];
    edit(c);
  });

/** The dev example with the owner in `region` (the administrator's secret, in ap-northeast-1, left out). */
const ownerIn = (region: string) =>
  configWith((c) => {
    c["rds-secret-share:owner"].region = region;
    delete c["rds-secret-share:database"].masterSecretArn;
  });

describe("config warnings", () => {
  it("GIVEN the dev example THEN there are none", () => {
    expect(validate(devConfig()).warnings).to.deep.equal([]);
  });

  describe("GIVEN keys of the aws namespace, which no resource reads", () => {
    it("THEN each is a warning naming the key and the setting to use instead, never its value", () => {
      const s = validate({
        ...devConfig(),
        "aws:region": "us-east-1",
        "aws:profile": "prod-admin",
        "aws:assumeRole": { roleArn: "arn:aws:iam::111111111111:role/x" },
        "aws:skipCredentialsValidation": true,
      });

      expect(s.warnings).to.deep.equal([
        { key: "aws:region", message: `${IGNORED}owner.region and each consumer's region instead.` },
        { key: "aws:profile", message: `${IGNORED}owner.profile and each consumer's profile instead.` },
        { key: "aws:assumeRole", message: `${IGNORED}owner.assumeRoleArn and each consumer's assumeRoleArn instead.` },
        {
          key: "aws:skipCredentialsValidation",
          message: `${IGNORED}the owner's and each consumer's accountId, region, assumeRoleArn and profile instead.`,
        },
      ]);
      expect(JSON.stringify(s.warnings)).not.to.include("prod-admin");
      expect(s.owner.region).to.equal("ap-northeast-1");
    });
  });

  describe("GIVEN restartServices without rotation (the README's first deploy, before db-user)", () => {
    it("THEN a warning names each consumer's restartServices, and it is not an error", () => {
      const s = validate(
        withoutRotation((c) =>
          c["rds-secret-share:consumers"].push({
            ...BILLING_CONSUMER,
            restartServices: [
              { cluster: "billing", service: "api" },
              { cluster: "billing", service: "worker" },
            ],
          }),
        ),
      );

      expect(s.rotation).to.equal(undefined);
      expect(s.warnings).to.deep.equal([
        {
          key: "rds-secret-share:consumers[0].restartServices",
          message:
            "ignored without rds-secret-share:rotation: nothing rotates the secret, so no restart of app-cluster/app is deployed; add rotation (once db-user has created the user) and deploy again to wire it.",
        },
        {
          key: "rds-secret-share:consumers[1].restartServices",
          message:
            "ignored without rds-secret-share:rotation: nothing rotates the secret, so no restart of billing/api, billing/worker is deployed; add rotation (once db-user has created the user) and deploy again to wire it.",
        },
      ]);
    });

    it("WHEN no consumer lists services THEN there is nothing to warn about", () => {
      const s = validate(withoutRotation((c) => delete c["rds-secret-share:consumers"][0].restartServices));
      expect(s.warnings).to.deep.equal([]);
    });
  });

  describe("GIVEN a region the AWS SDK's partition data does not list", () => {
    const unlisted = (region: string) =>
      `"${region}" is not a region of the commercial partition as the AWS SDK of this checkout lists them (@aws-sdk/core ${SDK_VERSION}); deploying goes ahead in case the region is newer than that list, so check the spelling, e.g. "ap-northeast-1".`;

    it("WHEN it is the owner's THEN a warning at owner.region, and the region is kept", () => {
      const s = validate(ownerIn("eu-central-9"));
      expect(s.warnings).to.deep.equal([{ key: "rds-secret-share:owner.region", message: unlisted("eu-central-9") }]);
      expect(s.owner.region).to.equal("eu-central-9");
    });

    it("WHEN it is a consumer's THEN a warning at that consumer's region", () => {
      const s = validate(configWith((c) => (c["rds-secret-share:consumers"][0].region = "ap-northeast-9")));
      expect(s.warnings).to.deep.equal([
        { key: "rds-secret-share:consumers[0].region", message: unlisted("ap-northeast-9") },
      ]);
    });

    it("WHEN the region is listed, however new THEN no warning", () => {
      for (const region of ["us-east-1", "eu-central-2", "mx-central-1", "ap-southeast-7", "ca-west-1"]) {
        const s = validate(ownerIn(region));
        expect(s.warnings, region).to.deep.equal([]);
      }
    });
  });

  describe("GIVEN the program itself", () => {
    const config = { ...withoutRotation(), "rds-secret-share:part": "owner", "aws:region": "us-east-1" };

    it("WHEN it runs as under `pulumi up` THEN it logs each warning with pulumi.log.warn, before registering", async () => {
      const { result, text } = await captureOutput(() => runProgramBare(config));

      expect(result?.error).to.equal(undefined);
      // Without an engine the SDK prints a log.warn as "warning: [runtime] …"; the engine shows it as a warning.
      expect(text).to.equal(
        [
          `warning: [runtime] aws:region: ${IGNORED}owner.region and each consumer's region instead.`,
          "warning: [runtime] rds-secret-share:consumers[0].restartServices: ignored without rds-secret-share:rotation: nothing rotates the secret, so no restart of app-cluster/app is deployed; add rotation (once db-user has created the user) and deploy again to wire it.",
          "",
        ].join("\n"),
      );
    });

    it("WHEN it runs offline (plan) THEN nothing is printed and the run holds the warnings", async () => {
      const { result, text } = await captureOutput(() => runProgram(config));

      expect(text).to.equal("");
      expect(result?.settings.warnings.map((w) => w.key)).to.deep.equal([
        "aws:region",
        "rds-secret-share:consumers[0].restartServices",
      ]);
    });
  });
});
