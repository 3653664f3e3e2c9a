// The environment variables the AWS SDK reads: tests clear them so nothing of this machine's AWS
// setup (profiles, keys, endpoints) is read, then put them back.

const AWS_VARIABLES = [
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_PROFILE",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_ENDPOINT_URL",
  "AWS_EC2_METADATA_DISABLED",
  "AWS_EC2_METADATA_SERVICE_ENDPOINT",
  "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED",
];

/** Clears every AWS variable; returns the function that restores them as they were. */
export function clearAwsVariables(): () => void {
  const saved: Record<string, string | undefined> = {};
  for (const name of AWS_VARIABLES) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
  return () => {
    for (const name of AWS_VARIABLES) {
      if (saved[name] === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = saved[name];
      }
    }
  };
}
