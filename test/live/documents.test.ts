import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { readEnvironment, PROJECT_ROOT } from "../../automation/environment";
import { deployDocuments, documentsOf } from "../../automation/live/documents";
import { Registration } from "../../automation/offline/runtime";
import { thrown } from "../support/errors";
import { BILLING_CONSUMER, configWith } from "../support/program";

describe("preflight's documents", () => {
  it("GIVEN a policy document in a resource kind not mapped THEN it is an error, never skipped", () => {
    const r = {
      type: "aws:sns/topicPolicy:TopicPolicy",
      name: "share-topic-policy",
      inputs: {
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "sns:Publish", Resource: "*" }],
        }),
      },
      secretInputs: [],
      place: { account: "111111111111", region: "ap-northeast-1" },
    } as unknown as Registration;
    expect(thrown(() => documentsOf(r, "owner")).message).to.equal(
      "preflight: no IAM Access Analyzer policy type for the policy document in aws:sns/topicPolicy:TopicPolicy.policy (share-topic-policy); map it in automation/live/documents.ts",
    );
  });

  it("GIVEN alternating users with a customer-managed master key and two consumers THEN every document maps, in its account", async () => {
    const config = configWith((c) => {
      c["rds-secret-share:rotation"].strategy = "alternating-users";
      c["rds-secret-share:database"].masterSecretKmsKeyArn =
        "arn:aws:kms:ap-northeast-1:111111111111:key/11111111-2222-3333-4444-555555555555";
      c["rds-secret-share:consumers"].push(BILLING_CONSUMER);
    });
    const docs = await deployDocuments({ ...readEnvironment("dev"), config });
    expect(docs.documents.map((d) => `${d.side} ${d.accountId} ${d.label}`)).to.include.members([
      "owner 111111111111 key policy",
      "owner 111111111111 secret policy",
      "consumer 333333333333 inline policy rds-secret-share-rds-dev-app_user-billing of role billing-task-execution",
    ]);
    expect(docs.documents).to.have.length(14);
  });

  it("GIVEN the driver and preflight modules are loaded THEN no AWS SDK client is, until a command runs", () => {
    // The compiled modules, in a new process (this one has loaded everything), as the command line loads them.
    const script =
      "require('./dist/automation/lazySdk').deferSdkClosures();" +
      "require('./dist/automation/driver'); require('./dist/automation/live'); require('./dist/automation/cli/parse');" +
      "const loaded = Object.keys(require.cache).filter((k) => /@aws-sdk[\\\\/](client-|credential-providers)/.test(k));" +
      "process.stdout.write(JSON.stringify(loaded.length));";
    const child = spawnSync(process.execPath, ["-e", script], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
    });
    expect([child.status, child.stdout]).to.deep.equal([0, "0"]);
  });
});
