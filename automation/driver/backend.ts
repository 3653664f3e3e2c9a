// Where the stacks live and how their secrets are encrypted: the project's own file backend
// unless PULUMI_BACKEND_URL says otherwise; a passphrase for the backends that need one.

import { accessSync, constants, mkdirSync } from "node:fs";
import * as path from "node:path";
import { DriverError } from "./errors";

/** Git-ignored; holds the state of every stack the driver deploys with the default backend. */
export const STATE_DIR = ".pulumi-state";

/** Self-managed backends: secrets are encrypted with a passphrase unless a stack names a KMS. */
const DIY_SCHEMES = ["file:", "s3:", "azblob:", "gs:", "postgres:"];

export type Env = Readonly<Record<string, string | undefined>>;

export interface Backend {
  readonly url: string;
  /** True when the URL is the project's default rather than PULUMI_BACKEND_URL. */
  readonly isDefault: boolean;
}

export function resolveBackend(root: string, env: Env): Backend {
  const given = env.PULUMI_BACKEND_URL;
  if (given) {
    return { url: given, isDefault: false };
  }
  return { url: `file://${path.join(root, STATE_DIR)}`, isDefault: true };
}

/** The file backend needs its directory to exist. */
export function prepareBackend(backend: Backend): void {
  if (backend.isDefault) {
    mkdirSync(backend.url.slice("file://".length), { recursive: true });
  }
}

/** What every CLI run gets besides this process's environment. */
export function workspaceEnv(
  backend: Backend,
  env: Env,
  extra: Readonly<Record<string, string>>,
): Record<string, string> {
  return {
    ...extra,
    PULUMI_BACKEND_URL: backend.url,
    // The CLI would otherwise ask the network for a newer version on every run.
    PULUMI_SKIP_UPDATE_CHECK: env.PULUMI_SKIP_UPDATE_CHECK ?? "true",
    // Type-checking @pulumi/aws on every run is slow; `npm run typecheck` (CI) does it once.
    PULUMI_NODEJS_TRANSPILE_ONLY: env.PULUMI_NODEJS_TRANSPILE_ONLY ?? "true",
  };
}

function usesPassphrase(backend: Backend, secretsProviders: readonly (string | undefined)[]): boolean {
  const diy = DIY_SCHEMES.some((scheme) => backend.url.startsWith(scheme));
  // A stack initialised with --secrets-provider awskms://… (say) needs no passphrase.
  return diy && secretsProviders.some((p) => p === undefined || p === "passphrase");
}

/** Throws before any stack is touched when the backend needs a passphrase that is not set. */
export function requirePassphrase(backend: Backend, env: Env, secretsProviders: readonly (string | undefined)[]): void {
  if (!usesPassphrase(backend, secretsProviders) || env.PULUMI_CONFIG_PASSPHRASE !== undefined) {
    return;
  }
  const file = env.PULUMI_CONFIG_PASSPHRASE_FILE;
  if (file !== undefined) {
    try {
      accessSync(file, constants.R_OK);
      return;
    } catch {
      throw new DriverError(`PULUMI_CONFIG_PASSPHRASE_FILE names ${file}, which cannot be read.`);
    }
  }
  throw new DriverError(
    [
      `The backend ${backend.url} encrypts stack secrets (such as the database password) with a passphrase,`,
      "and neither PULUMI_CONFIG_PASSPHRASE nor PULUMI_CONFIG_PASSPHRASE_FILE is set.",
      "Set one, with the same passphrase on every run, e.g.",
      "  export PULUMI_CONFIG_PASSPHRASE_FILE=$HOME/.config/rds-secret-share/passphrase",
    ].join("\n"),
  );
}
