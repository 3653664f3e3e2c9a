// The config keys by name: the namespace, and the keys the driver sets itself.

/** The config namespace of every key this project reads. */
export const NAMESPACE = "rds-secret-share";

/** Which side a stack deploys: all, owner or consumer. */
export const PART_KEY = `${NAMESPACE}:part`;
/** The initial database password, a secret. */
export const PASSWORD_KEY = `${NAMESPACE}:dbPassword`;
/** The owner's outputs, in a consumer stack's config. */
export const SECRET_ARN_KEY = `${NAMESPACE}:secretArn`;
export const KMS_KEY_ARN_KEY = `${NAMESPACE}:kmsKeyArn`;
