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
