// A command line that cannot run: exit 2, with the problem and where the help is.

import { CommandSpec } from "./commands";

export class UsageError extends Error {
  constructor(problem: string, spec?: CommandSpec) {
    const hint = spec
      ? `Run "npx rds-secret-share ${spec.name} --help" for its flags.`
      : 'Run "npx rds-secret-share --help" for the commands.';
    super(`${problem}\n${hint}`);
    this.name = "UsageError";
  }
}
