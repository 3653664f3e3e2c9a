// What the SDK's mock monitor hands the offline runtime: the engine's protobuf requests, and
// values in Pulumi's wire format, where secrets are wrapped in a marked object.

/** The marker Pulumi's wire format puts on secret values. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

// The SDK's mock monitor; its request objects are the engine's protobuf requests.
export interface ProtoRequest {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getParent(): string;
  getProvider(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getIgnorechangesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getDependenciesList(): string[];
  getTok(): string;
}
/** A read of an existing resource, such as a StackReference. */
export interface ReadRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProvider(): string;
  getId(): string;
  getProperties(): { toJavaScript(): Record<string, unknown> } | undefined;
  getDependenciesList(): string[];
}
export type Callback = (err: unknown, response: unknown) => void;
export interface MockMonitorLike {
  registerResource(req: ProtoRequest, cb: Callback): Promise<void>;
  readResource(req: ReadRequest, cb: Callback): Promise<void>;
  newUrn(parent: string, type: string, name: string): string;
  resources: Map<string, unknown>;
}

export function containsSecret(value: unknown): boolean {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  if ((value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG) {
    return true;
  }
  return Object.values(value).some(containsSecret);
}

/** Resource name of a provider reference `<urn>::<id>`. */
export function providerName(ref: string): string | undefined {
  if (!ref) {
    return undefined;
  }
  const urn = ref.split("::").slice(0, -1).join("::");
  return urn.split("::").pop();
}

/** The value with every secret unwrapped. */
export function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(unwrapSecrets);
  }
  if (typeof value !== "object" || value === null) {
    return value;
  }
  const obj = value as Record<string, unknown>;
  if (obj[SECRET_SIG_KEY] === SECRET_SIG) {
    return unwrapSecrets(obj.value);
  }
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, unwrapSecrets(v)]));
}
