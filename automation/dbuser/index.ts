// `db-user` (step ③): create or update the database user from the secret. Delivered by its issue.

export interface DbUserOptions {
  readonly root?: string;
}

export interface DbUserResult {
  readonly created: boolean;
  readonly passwordChanged: boolean;
  readonly grantsApplied: readonly string[];
}

export function dbUser(env: string, options: DbUserOptions = {}): Promise<DbUserResult> {
  void options;
  return Promise.reject(new Error(`db-user ${env}: not implemented yet; create the user by hand (README, step ③).`));
}

/** `cli.ts db-user <env>`: the text to print, and the value printed with --json. */
export async function dbUserCommand(
  env: string,
  flags: Readonly<Record<string, string | boolean>>,
): Promise<{ text: string; json: unknown }> {
  const result = await dbUser(env, {});
  void flags;
  return { text: JSON.stringify(result), json: result };
}
