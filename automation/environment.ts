// An environment's settings file, Pulumi.<env>.yaml at the project root.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { NAMESPACE } from "../infra/config/keys";
import { envNameProblem, isEnvName } from "./envName";

/** The project root: where Pulumi.yaml is, above automation/ (or dist/automation/, compiled). */
export const PROJECT_ROOT = projectRoot(path.resolve(__dirname, ".."));
export const PROJECT_NAME = "rds-secret-share";

function projectRoot(dir: string): string {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    if (existsSync(path.join(d, "Pulumi.yaml"))) {
      return d;
    }
  }
  return dir;
}

export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvironmentError";
  }
}

export interface Environment {
  readonly name: string;
  readonly file: string;
  /** Every `rds-secret-share:*` key as YAML gives it: parsed values, `{secure}` for secrets. */
  readonly config: Readonly<Record<string, unknown>>;
  /**
   * Every other key of `config:` (other namespaces, keys without one): never deployed, only
   * validated, so a misspelt namespace is an error rather than a setting left out.
   */
  readonly otherConfig: Readonly<Record<string, unknown>>;
}

export function environmentFile(env: string, root = PROJECT_ROOT): string {
  return path.join(root, `Pulumi.${env}.yaml`);
}

/** Reads Pulumi.<env>.yaml; a missing or malformed file is an EnvironmentError naming it. */
export function readEnvironment(env: string, root = PROJECT_ROOT): Environment {
  if (!isEnvName(env)) {
    throw new EnvironmentError(envNameProblem(env));
  }
  const file = environmentFile(env, root);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    const here = environmentsIn(root);
    throw new EnvironmentError(
      `no settings file ${path.basename(file)} in ${root}; environments here: ${here.length > 0 ? here.join(", ") : "none"}. Create it (see Pulumi.dev.yaml for a complete example) or name one of those.`,
    );
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new EnvironmentError(`${file}: not valid YAML: ${(err as Error).message}`);
  }
  const config = (doc as { config?: unknown } | null)?.config;
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new EnvironmentError(`${file}: expected a top-level "config:" map with ${NAMESPACE}:* keys.`);
  }
  return environmentOf(env, file, config as Record<string, unknown>);
}

/**
 * The environments in `root`: every Pulumi.<env>.yaml, but the stack files the driver writes
 * beside one (Pulumi.<env>-owner.yaml, Pulumi.<env>-consumer.yaml).
 */
export function environmentsIn(root: string): string[] {
  let files: string[];
  try {
    files = readdirSync(root);
  } catch {
    return [];
  }
  const names = files.flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []).filter(isEnvName);
  const driverStack = (n: string): boolean => /-(owner|consumer)$/.test(n) && names.includes(n.replace(/-\w+$/, ""));
  return names.filter((n) => !driverStack(n)).sort();
}

/** An environment from its `config:` map, split into this project's keys and the others. */
export function environmentOf(name: string, file: string, config: Readonly<Record<string, unknown>>): Environment {
  const entries = Object.entries(config);
  const ours = ([k]: [string, unknown]): boolean => k.startsWith(`${NAMESPACE}:`);
  return {
    name,
    file,
    config: Object.fromEntries(entries.filter(ours)),
    otherConfig: Object.fromEntries(entries.filter((e) => !ours(e))),
  };
}

/** Values as the Pulumi runtime holds them: strings, with objects and lists as JSON text. */
export function toRuntimeConfig(config: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || value === null || isSecure(value)) {
      continue;
    }
    out[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return out;
}

/** A value still encrypted by a stack's secrets provider. */
export function isSecure(value: unknown): value is { secure: string } {
  return typeof value === "object" && value !== null && "secure" in value;
}
