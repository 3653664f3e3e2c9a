// The fake CLI's up / preview / destroy: what the program would export for the stack's config,
// and the text and events the real CLI produces around it.
"use strict";

const path = require("node:path");
const { Fail, plainConfig } = require("./state");

const NS = "rds-secret-share";
const KEY_ID = "0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0";

const objectOf = (v) => (typeof v === "string" ? JSON.parse(v) : (v ?? {}));

/** Outputs the program would export for this config, and how many resources it registers. */
function programResult(proc, stack) {
  const config = plainConfig(proc, stack);
  const part = config[`${NS}:part`] ?? "all";
  const outputs = {};
  let resources = 1;
  if (part !== "consumer") {
    const owner = objectOf(config[`${NS}:owner`]);
    const database = objectOf(config[`${NS}:database`]);
    const secret = objectOf(config[`${NS}:secret`]);
    const env = stack.replace(/-(owner|consumer)$/, "");
    const name = secret.name ?? `rds/${env}/${database.username}`;
    const arn = `arn:aws:secretsmanager:${owner.region}:${owner.accountId}:secret:${name}-AbCdEf`;
    Object.assign(outputs, {
      secretArn: arn,
      secretName: name,
      kmsKeyArn: `arn:aws:kms:${owner.region}:${owner.accountId}:key/${KEY_ID}`,
      kmsKeyAliasName: secret.kmsAliasName ?? `alias/${name}`,
      passwordValueFrom: `${arn}:password::`,
      usernameValueFrom: `${arn}:username::`,
    });
    if (config[`${NS}:rotation`] !== undefined) {
      outputs.rotationLambdaArn = `arn:aws:lambda:${owner.region}:${owner.accountId}:function:${name.replace(/\//g, "-")}-rotation`;
    }
    resources += 8;
  }
  if (part !== "owner") {
    if (part === "consumer" && (!config[`${NS}:secretArn`] || !config[`${NS}:kmsKeyArn`])) {
      throw diagnostic(stack, "update", `fake program: ${NS}:secretArn and ${NS}:kmsKeyArn are not set`);
    }
    const consumers = objectOf(config[`${NS}:consumers`]);
    outputs.consumers = Object.fromEntries(
      consumers.map((c) => [
        c.name,
        {
          taskDefinitionArn: `arn:aws:ecs:${c.region}:${c.accountId}:task-definition/${c.taskDefinition.family}:1`,
          family: c.taskDefinition.family,
          executionRoleArn: c.executionRoleArn,
        },
      ]),
    );
    resources += 3 * consumers.length;
  }
  // Test knobs: outputs to report as secrets, and outputs to replace (null removes one).
  const secretOutputs = (proc.env.FAKE_PULUMI_SECRET_OUTPUTS ?? "").split(",").filter(Boolean);
  for (const [k, v] of Object.entries(JSON.parse(proc.env.FAKE_PULUMI_OUTPUTS ?? "{}")[stack] ?? {})) {
    if (v === null) {
      delete outputs[k];
    } else {
      outputs[k] = v;
    }
  }
  // As in the program, `protect` covers the owner's key and secret only.
  const protect = part !== "consumer" && [true, "true"].includes(config[`${NS}:protect`]);
  return { outputs, resources, secretOutputs, protect };
}

const verbs = { update: "Updating", preview: "Previewing update", destroy: "Destroying" };

/** A failure reported the way the engine reports one: on stdout, under Diagnostics. */
function diagnostic(stack, kind, message) {
  const lines = message.split("\n").map((l, i) => `    ${i === 0 ? "error: " : ""}${l}`);
  return new Fail(
    "",
    `${verbs[kind]} (${stack}):\n\nDiagnostics:\n  pulumi:pulumi:Stack (${NS}-${stack}):\n${lines.join("\n")}\n\nResources:\n\nDuration: 1s\n`,
  );
}

function report(stack, kind, result, summary) {
  const outs = Object.entries(result.outputs).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`);
  return `${verbs[kind]} (${stack}):\n\n${outs.length ? `Outputs:\n${outs.join("\n")}\n\n` : ""}Resources:\n    ${summary}\n\nDuration: 1s\n`;
}

function protectedError(stack) {
  const urn = `urn:pulumi:${stack}::${NS}::${NS}:index:SecretShare$${NS}:owner:Owner$aws:kms/key:Key::share-key`;
  return diagnostic(
    stack,
    "destroy",
    `unable to delete resource "${urn}"\nas it is currently marked for protection. To unprotect the resource, remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\` or use the command:\n\`pulumi state unprotect '${urn}'\``,
  );
}

/** Sends the summary event to the Automation API's event server, as CLIs newer than 3.205 do. */
function sendSummary(target, resourceChanges) {
  const grpc = require("@grpc/grpc-js");
  const proto = path.dirname(require.resolve("@pulumi/pulumi/proto/events_grpc_pb"));
  const services = require(path.join(proto, "events_grpc_pb"));
  const messages = require(path.join(proto, "events_pb"));
  const client = new services.EventsClient(target.replace("tcp://", ""), grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => {
    const call = client.streamEvents((err) => (err ? reject(err) : resolve()));
    const event = {
      sequence: 1,
      timestamp: 1,
      summaryEvent: { maybeCorrupt: false, durationSeconds: 1, resourceChanges },
    };
    const request = new messages.EventRequest();
    request.setEvent(JSON.stringify(event));
    call.write(request);
    call.end();
  }).finally(() => client.close());
}

module.exports = { programResult, diagnostic, report, protectedError, sendSummary };
