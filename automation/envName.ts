// What an environment's name may be: it names Pulumi.<env>.yaml and the stacks <env>-owner and
// <env>-consumer, so a stack name's characters and nothing that leaves the project root. Loads
// nothing, so that the command line can check it before anything runs.

/** Letters, digits, `.`, `_` and `-`, starting with a letter or digit (so never `..`). */
const ENV_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** What an environment name may be, in words. */
export const ENV_NAME_ALLOWED = "letters, digits, . _ - (starting with a letter or digit)";

export function isEnvName(env: string): boolean {
  return ENV_NAME.test(env);
}

/** The problem with a name that is not allowed: the value, and what is. */
export function envNameProblem(env: string): string {
  return `environment name ${JSON.stringify(env)} is not allowed; expected ${ENV_NAME_ALLOWED}, as the <env> of Pulumi.<env>.yaml and of the stacks <env>-owner and <env>-consumer.`;
}
