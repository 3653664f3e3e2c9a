/** One bad value: the key, what was received and what is allowed. */
export interface Problem {
  /** Fully qualified, e.g. `rds-secret-share:consumers[0].executionRoleArn`. */
  readonly key: string;
  /** The value as the user wrote it, or a description such as `nothing`. */
  readonly received: string;
  /** What the key accepts. */
  readonly allowed: string;
}

export function formatProblem(p: Problem): string {
  return `${p.key}: got ${p.received}; expected ${p.allowed}.`;
}

/** Config that deploys but is probably not what was meant: shown, never a reason to stop. */
export interface ConfigWarning {
  /** Fully qualified, e.g. `rds-secret-share:owner.region`, or a key of another namespace such as `aws:region`. */
  readonly key: string;
  /** What happens with the value and what to do instead; never the value of a secret. */
  readonly message: string;
}

/** One line per warning, as `pulumi up` prints its own: `warning: <key>: <message>`. */
export function formatWarning(w: ConfigWarning): string {
  return `warning: ${w.key}: ${w.message}`;
}

/** Each warning once, in order: several validations of one file repeat them. */
export function uniqueWarnings(warnings: readonly ConfigWarning[]): ConfigWarning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const id = `${w.key}\n${w.message}`;
    return seen.has(id) ? false : (seen.add(id), true);
  });
}

/** The line above a config error that names where the settings came from, as the driver and plan print it. */
export function settingsSource(file: string, stack: string): string {
  return `${file}, for the stack ${stack}:`;
}

/**
 * Invalid configuration. A RunError, so that `pulumi up` prints only the message, without a
 * stack trace; it is raised before any resource is registered. A RunError by the mark the SDK
 * recognises (`RunError.isInstance`) rather than by inheritance, so that validating loads no SDK:
 * the command line validates a settings file before it looks for the Pulumi CLI.
 */
export class ConfigError extends Error {
  /** What `pulumi.RunError.isInstance` looks for. */
  readonly __pulumiRunError = true;
  readonly problems: readonly Problem[];

  /** `source`: a line naming the settings file and stack (settingsSource), put above the problems. */
  constructor(problems: readonly Problem[], source?: string) {
    const message = ConfigError.messageOf(problems);
    super(source === undefined ? message : `${source}\n${message}`);
    this.name = "ConfigError";
    this.problems = problems;
  }

  static messageOf(problems: readonly Problem[]): string {
    if (problems.length === 1) {
      return formatProblem(problems[0]);
    }
    const lines = problems.map((p) => `  - ${formatProblem(p)}`);
    return [`${problems.length} configuration problems:`, ...lines].join("\n");
  }
}

const MAX_SHOWN = 120;

/** Whether a value is never shown: it sits under a name that says password, or is still encrypted. */
export function unshowable(name: string, value: unknown): boolean {
  return /pass|pwd/i.test(name) || (typeof value === "object" && value !== null && "secure" in value);
}

/** Inside a value shown, what sits under a password-like name or is still encrypted. */
function withoutSecrets(name: string, value: unknown): unknown {
  return name !== "" && unshowable(name, value) ? "(not shown)" : value;
}

/** How a received value is shown in a message. Never call it with a secret. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) {
    return "nothing";
  }
  const text = JSON.stringify(value, withoutSecrets) ?? typeof value;
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** Collects problems and warnings while validation walks the config; throws the problems together at the end. */
export class Problems {
  private readonly list: Problem[] = [];
  private readonly warningList: ConfigWarning[] = [];

  add(key: string, received: unknown, allowed: string): undefined {
    this.list.push({ key, received: describeValue(received), allowed });
    return undefined;
  }

  /** A problem with the value under `name`: shown, unless the name says password or it is encrypted. */
  addNamed(key: string, name: string, received: unknown, allowed: string): undefined {
    return unshowable(name, received) ? this.addSecret(key, allowed) : this.add(key, received, allowed);
  }

  /** For values that must never be shown, such as a password; `received` says what it was instead. */
  addSecret(key: string, allowed: string, received = "a secret value (not shown)"): undefined {
    this.list.push({ key, received, allowed });
    return undefined;
  }

  warn(key: string, message: string): void {
    this.warningList.push({ key, message });
  }

  get warnings(): readonly ConfigWarning[] {
    return [...this.warningList];
  }

  get count(): number {
    return this.list.length;
  }

  throwIfAny(): void {
    if (this.list.length > 0) {
      throw new ConfigError([...this.list]);
    }
  }
}
