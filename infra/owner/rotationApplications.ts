// AWS's rotation functions, as applications of the Serverless Application Repository: which one
// an engine and strategy get, at the version this project pins. Plain data, so preflight can ask
// whether the version exists without loading the Pulumi program.

import { Engine, RotationStrategy } from "../config/types";

/** AWS's rotation applications in the Serverless Application Repository, commercial partition. */
const SAR_ACCOUNT_ARN = "arn:aws:serverlessrepo:us-east-1:297356227824:applications";

export interface RotationApplication {
  readonly name: string;
  /** Pinned so a deploy never picks up a new rotation function unreviewed. */
  readonly semanticVersion: string;
}

const APPLICATIONS: Readonly<Record<Engine, Readonly<Record<RotationStrategy, RotationApplication>>>> = {
  postgres: {
    "single-user": { name: "SecretsManagerRDSPostgreSQLRotationSingleUser", semanticVersion: "1.1.671" },
    "alternating-users": { name: "SecretsManagerRDSPostgreSQLRotationMultiUser", semanticVersion: "1.1.671" },
  },
  mysql: {
    "single-user": { name: "SecretsManagerRDSMySQLRotationSingleUser", semanticVersion: "1.1.671" },
    "alternating-users": { name: "SecretsManagerRDSMySQLRotationMultiUser", semanticVersion: "1.1.671" },
  },
  mariadb: {
    "single-user": { name: "SecretsManagerRDSMariaDBRotationSingleUser", semanticVersion: "1.1.670" },
    "alternating-users": { name: "SecretsManagerRDSMariaDBRotationMultiUser", semanticVersion: "1.1.670" },
  },
};

/** The application and version for an engine and strategy. */
export function rotationApplication(
  engine: Engine,
  strategy: RotationStrategy,
): { applicationId: string; semanticVersion: string } {
  const app = APPLICATIONS[engine][strategy];
  return { applicationId: `${SAR_ACCOUNT_ARN}/${app.name}`, semanticVersion: app.semanticVersion };
}
