// The components' type tokens and the parts of child names that `plan` reads back. A token is part
// of the URN of the component and of every resource under it: renaming one replaces them all.

export const SECRET_SHARE_TYPE = "rds-secret-share:share:SecretShare";
export const OWNER_ACCOUNT_TYPE = "rds-secret-share:owner:OwnerAccount";
export const SECRET_KEY_TYPE = "rds-secret-share:owner:SecretKey";
export const SHARED_SECRET_TYPE = "rds-secret-share:owner:SharedSecret";
export const ROTATION_TYPE = "rds-secret-share:owner:Rotation";
export const ROTATION_EVENTS_TYPE = "rds-secret-share:owner:RotationEvents";
export const CONSUMER_ACCESS_TYPE = "rds-secret-share:consumer:ConsumerAccess";
export const SERVICE_RESTART_TYPE = "rds-secret-share:consumer:ServiceRestart";

/** `<share>-consumer-<consumer name>`: each consumer's ConsumerAccess. */
export const CONSUMER_CHILD = "-consumer-";
/** `<restart>-start`: the role that starts the restart state machine (beside `-redeploy`, its own role). */
export const START_ROLE_CHILD = "-start";
/** `<role>-policy`: a service role's inline policy. */
export const ROLE_POLICY_CHILD = "-policy";
