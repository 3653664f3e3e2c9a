// Config warnings through the driver: shown through `progress` before any stack is touched, each
// once though both stacks validate the file, and returned in the results.

import { expect } from "chai";
import { deploy, preview, renderDeploy, renderPreview } from "../../automation/driver";
import { prepare } from "../../automation/driver/validation";
import { isolateEnvironment, newProject } from "./support";

const AWS_REGION = {
  key: "aws:region",
  message:
    "ignored: every resource is created through an explicit provider per account, which aws:* settings do not reach; set rds-secret-share:owner.region and each consumer's region instead.",
};
const RESTART = {
  key: "rds-secret-share:consumers[0].restartServices",
  message:
    "ignored without rds-secret-share:rotation: nothing rotates the secret, so no restart of app-cluster/app is deployed; add rotation (once db-user has created the user) and deploy again to wire it.",
};
const LINES = [`warning: ${AWS_REGION.key}: ${AWS_REGION.message}`, `warning: ${RESTART.key}: ${RESTART.message}`];

describe("driver: config warnings", () => {
  isolateEnvironment();
  // GIVEN Pulumi.dev.yaml with aws:region and, as before the first db-user, no rotation
  const p = newProject();
  before(() =>
    p.editEnvironment((c) => {
      c["aws:region"] = "us-east-1";
      delete c["rds-secret-share:rotation"];
    }),
  );
  beforeEach(() => p.clearLog());

  it("WHEN the file is prepared THEN each warning once, though both stacks validate it", () => {
    expect(prepare("dev", p.root).warnings).to.deep.equal([AWS_REGION, RESTART]);
  });

  it("WHEN deploy runs THEN progress shows them first, and the result and its JSON hold them", async () => {
    const result = await deploy("dev", await p.options());

    expect(p.progress[0]).to.equal(`${LINES.join("\n")}\n`);
    expect(result.warnings).to.deep.equal([AWS_REGION, RESTART]);
    const rendered = renderDeploy(result);
    expect((rendered.json as { warnings: unknown }).warnings).to.deep.equal([AWS_REGION, RESTART]);
    expect(rendered.warnings).to.deep.equal(LINES);
  });

  it("WHEN preview runs THEN the same", async () => {
    const result = await preview("dev", await p.options());

    expect(p.progress[0]).to.equal(`${LINES.join("\n")}\n`);
    expect(result.warnings).to.deep.equal([AWS_REGION, RESTART]);
    expect(renderPreview(result).warnings).to.deep.equal(LINES);
  });

  it("WHEN the file misspells the namespace THEN deploy stops before any stack, naming the key meant", async () => {
    p.editEnvironment((c) => (c["rds-secret-shar:protect"] = true));
    try {
      let message = "";
      await deploy("dev", await p.options()).catch((err: Error) => (message = err.message));

      expect(message).to.equal(
        `${p.root}/Pulumi.dev.yaml, for the stack dev-owner:\n` +
          'rds-secret-shar:protect: got true; expected rds-secret-share:protect: "rds-secret-shar" misspells the namespace rds-secret-share, so nothing reads this key.',
      );
      expect(p.calls()).to.deep.equal([]);
    } finally {
      p.editEnvironment((c) => delete c["rds-secret-shar:protect"]);
    }
  });
});
