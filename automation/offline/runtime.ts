// Runs the project's own program under the Pulumi SDK's mock runtime: no engine, no CLI, no
// credentials, no network. Records every registration (with its resource options, as the
// engine would receive them) and every invoke. `plan` prints the record; the tests assert on it.

import * as pulumi from "@pulumi/pulumi";
import { validateConfig } from "../../infra/config/validate";
import { Settings } from "../../infra/config/types";
import { containsSecret, MockMonitorLike, providerName, unwrapSecrets } from "./wire";
import { invokeResult, ownerStackOutputs, Place, resourceState, ValueStyle } from "./values";
import { skipPromiseTraces } from "./promiseTraces";
import { failOnUnhandledRejection } from "./unhandled";

/** One resource as the program registered it. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly custom: boolean;
  readonly parentUrn?: string;
  /** True for a read of an existing resource (e.g. a StackReference), false for one the program manages. */
  readonly read: boolean;
  /** Inputs with secrets unwrapped. */
  readonly inputs: Record<string, unknown>;
  /** Top-level input names whose value is (or contains) a secret. */
  readonly secretInputs: readonly string[];
  /** The explicit provider's resource name, e.g. `share-owner`; undefined = default provider. */
  readonly provider?: string;
  readonly place: Place;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly ignoreChanges: readonly string[];
  readonly additionalSecretOutputs: readonly string[];
  readonly dependsOn: readonly string[];
  /**
   * The attributes the offline runtime answered for the created resource (e.g. `arn`), without
   * the echoed inputs; `plan` uses them to see which resource a policy names.
   */
  readonly state: Record<string, unknown>;
}

export interface InvokeRecord {
  readonly token: string;
  readonly inputs: Record<string, unknown>;
  readonly provider?: string;
  /** What the offline runtime answered. */
  readonly result: Record<string, unknown>;
}

export interface OfflineRun {
  readonly settings: Settings;
  readonly registrations: readonly Registration[];
  readonly invokes: readonly InvokeRecord[];
  /** Stack outputs, resolved, secrets unwrapped. */
  readonly outputs: Record<string, unknown>;
}

export interface OfflineOptions {
  readonly project: string;
  readonly stack: string;
  /** Full keys to values as the Pulumi runtime holds them: strings, objects as JSON text. */
  readonly config: Readonly<Record<string, string>>;
  /** Full keys of secret values. */
  readonly secretKeys?: readonly string[];
  readonly values: ValueStyle;
}

function accountOf(inputs: Record<string, unknown>): Place {
  const ids = inputs.allowedAccountIds;
  const list = typeof ids === "string" ? (JSON.parse(ids) as string[]) : (ids as string[] | undefined);
  return { account: list?.[0], region: inputs.region as string | undefined };
}

// Runs are serialised: the SDK's runtime state is global to the process.
let queue: Promise<unknown> = Promise.resolve();

/** Validates the config (throwing its ConfigError as a deploy would), then runs the program. */
export function runOffline(options: OfflineOptions): Promise<OfflineRun> {
  skipPromiseTraces();
  const run = queue.then(() => runNow(options));
  queue = run.catch(() => undefined);
  return run;
}

async function runNow(options: OfflineOptions): Promise<OfflineRun> {
  const settings = validateConfig(options.config, {
    project: options.project,
    stack: options.stack,
    isSecret: (k) => (options.secretKeys ?? []).includes(k),
  });
  const registrations: Omit<Registration, "state">[] = [];
  const invokes: InvokeRecord[] = [];
  // Answers by type and name; registrations are recorded before the mock answers them.
  const states = new Map<string, Record<string, unknown>>();
  const stateKey = (type: string, name: string): string => `${type}::${name}`;
  const places = new Map<string, Place>();
  const placeOf = (ref: string): Place => places.get(providerName(ref) ?? "") ?? {};

  pulumi.runtime.setAllConfig({ ...options.config }, [...(options.secretKeys ?? [])]);
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = args.inputs as Record<string, unknown>;
        if (args.type === "pulumi:providers:aws") {
          places.set(args.name, accountOf(inputs));
          return { id: `${args.name}-id`, state: inputs };
        }
        if (args.type === "pulumi:pulumi:StackReference") {
          const stackName = String(inputs.name);
          const outputs = ownerStackOutputs(stackName, options.values, settings);
          states.set(stateKey(args.type, args.name), { outputs });
          return { id: stackName, state: { name: stackName, outputs, secretOutputNames: [] } };
        }
        if (!args.custom) {
          // Components too need an answer, or their outputs never resolve.
          return { id: "", state: {} };
        }
        const state = resourceState(args.type, args.name, inputs, placeOf(args.provider ?? ""), options.values);
        states.set(stateKey(args.type, args.name), state);
        return { id: `${args.name}-id`, state: { ...inputs, ...state } };
      },
      call(args) {
        const inputs = args.inputs as Record<string, unknown>;
        const result = invokeResult(args.token, inputs, placeOf(args.provider ?? ""), options.values, settings);
        invokes.push({ token: args.token, inputs, provider: providerName(args.provider ?? ""), result });
        return result;
      },
    },
    options.project,
    options.stack,
    false,
  );

  const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorLike;
  /** Records a registration or a read, with the same URN the mock monitor gives the resource. */
  const record = (
    req: {
      getType(): string;
      getName(): string;
      getParent(): string;
      getProvider(): string;
      getDependenciesList(): string[];
    },
    raw: Record<string, unknown>,
    rest: Pick<
      Registration,
      "custom" | "read" | "protect" | "retainOnDelete" | "ignoreChanges" | "additionalSecretOutputs"
    >,
  ): void => {
    registrations.push({
      type: req.getType(),
      name: req.getName(),
      urn: monitor.newUrn(req.getParent(), req.getType(), req.getName()),
      parentUrn: req.getParent() || undefined,
      inputs: unwrapSecrets(raw) as Record<string, unknown>,
      secretInputs: Object.keys(raw).filter((k) => containsSecret(raw[k])),
      provider: providerName(req.getProvider()),
      place: placeOf(req.getProvider()),
      dependsOn: req.getDependenciesList(),
      ...rest,
    });
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    record(req, req.getObject()?.toJavaScript() ?? {}, {
      custom: req.getCustom(),
      read: false,
      protect: req.getProtect(),
      retainOnDelete: req.getRetainondelete(),
      ignoreChanges: req.getIgnorechangesList(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    });
    return register(req, cb);
  };
  const read = monitor.readResource.bind(monitor);
  monitor.readResource = (req, cb) => {
    record(req, req.getProperties()?.toJavaScript() ?? {}, {
      custom: true,
      read: true,
      protect: false,
      retainOnDelete: false,
      ignoreChanges: [],
      additionalSecretOutputs: [],
    });
    return read(req, cb);
  };

  // Imported here, after the mocks are set, as the SDK requires.
  const { program } = await import("../../infra/program");
  // The warnings are the run's settings.warnings; without an engine the SDK would print them.
  const quiet = { warn: () => undefined };
  const outputs = await failOnUnhandledRejection(async () => {
    const exported = await pulumi.runtime.runInPulumiStack(() => Promise.resolve(program(quiet)));
    // Waits for every registration: where a failed one shows.
    await pulumi.runtime.disconnect();
    return exported ?? {};
  });
  return {
    settings,
    registrations: registrations.map((r) => ({ ...r, state: states.get(stateKey(r.type, r.name)) ?? {} })),
    invokes,
    outputs: unwrapSecrets(outputs) as Record<string, unknown>,
  };
}
