import { expect } from "chai";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { deploy } from "../../automation/driver";
import { PROJECT_NAME, toRuntimeConfig } from "../../automation/environment";
import { runOffline } from "../../automation/offline/runtime";
import { exampleValues } from "../../automation/offline/values";
import { fakePulumi, isolateEnvironment, newProject, PASSPHRASE, Project } from "./support";

const PASSWORD_KEY = "rds-secret-share:dbPassword";

/** A stack's config as the CLI hands it to the program: read through the Automation API, secrets decrypted. */
async function programConfig(
  p: Project,
  stack: string,
): Promise<{ config: Record<string, unknown>; secrets: string[] }> {
  const ws = await LocalWorkspace.create({
    workDir: p.root,
    pulumiCommand: await fakePulumi(),
    envVars: { PULUMI_BACKEND_URL: `file://${p.root}/.pulumi-state`, PULUMI_CONFIG_PASSPHRASE: PASSPHRASE },
  });
  const all = await ws.getAllConfig(stack);
  const config = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.value]));
  return { config, secrets: Object.keys(all).filter((k) => all[k].secret) };
}

function run(stack: string, c: { config: Record<string, unknown>; secrets: string[] }) {
  return runOffline({
    project: PROJECT_NAME,
    stack,
    config: toRuntimeConfig(c.config),
    secretKeys: c.secrets,
    values: exampleValues,
  });
}

describe("the stacks' config, as the driver writes it, run through the program", () => {
  isolateEnvironment();
  const p = newProject();
  let deployed: Awaited<ReturnType<typeof deploy>>;

  before(async () => {
    deployed = await deploy("dev", await p.options());
  });

  it("GIVEN dev-owner's config THEN the program creates the owner side with the stored password, generating none", async () => {
    const owner = await programConfig(p, "dev-owner");
    expect(owner.secrets).to.deep.equal([PASSWORD_KEY]);
    const result = await run("dev-owner", owner);
    expect(result.settings.part).to.equal("owner");
    const types = result.registrations.map((r) => r.type);
    expect(types).to.include("aws:secretsmanager/secretVersion:SecretVersion");
    expect(types).not.to.include("random:index/randomPassword:RandomPassword");
    expect(types).not.to.include("aws:ecs/taskDefinition:TaskDefinition");
    const version = result.registrations.find((r) => r.type === "aws:secretsmanager/secretVersion:SecretVersion");
    expect(version?.secretInputs).to.include("secretString");
    expect(JSON.parse(String(version?.inputs.secretString)).password).to.equal(owner.config[PASSWORD_KEY]);
  });

  it("GIVEN dev-consumer's config THEN the program creates the consumer side for the owner's secret, reading no stack", async () => {
    const consumer = await programConfig(p, "dev-consumer");
    const result = await run("dev-consumer", consumer);
    expect(result.settings.ownerReference).to.deep.equal({
      kind: "config",
      secretArn: deployed.owner.outputs.secretArn.value,
      kmsKeyArn: deployed.owner.outputs.kmsKeyArn.value,
    });
    const types = result.registrations.map((r) => r.type);
    expect(types).to.include("aws:ecs/taskDefinition:TaskDefinition");
    expect(types).not.to.include("aws:secretsmanager/secret:Secret");
    expect(result.registrations.some((r) => r.read)).to.equal(false);
  });
});
