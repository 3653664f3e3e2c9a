// `db-user` (step ③): create or update the database user from the shared secret, then grant.

export type { DbUserOptions, DbUserResult, GrantOutcome, UserAction } from "./dbuser";
export { dbUser } from "./dbuser";
export { dbUserCommand, dbUserOptions, renderDbUser } from "./command";
export { DbUserError } from "./errors";
export { ADMIN_PASSWORD_ENV, ADMIN_USER_ENV } from "./secrets";
