// Step ⑦: the container definition, built as plain data from settings and resolved ARNs.

import { DatabaseSettings, Engine, TaskDefinitionSettings } from "../config/types";

const JDBC_SCHEME: Readonly<Record<Engine, string>> = {
  postgres: "postgresql",
  mysql: "mysql",
  mariadb: "mariadb",
};

/** The JDBC URL of the database; not a secret. */
export function jdbcUrl(db: Pick<DatabaseSettings, "engine" | "host" | "port" | "dbname">): string {
  return `jdbc:${JDBC_SCHEME[db.engine]}://${db.host}:${db.port}/${db.dbname}`;
}

/** ECS's reference to one JSON key of the secret's current version. */
export function valueFrom(secretArn: string, jsonKey: "password" | "username"): string {
  return `${secretArn}:${jsonKey}::`;
}

export interface ContainerArgs {
  readonly task: TaskDefinitionSettings;
  readonly database: DatabaseSettings;
  readonly secretArn: string;
  readonly logGroupName: string;
  /** The consumer's region, where the log group is. */
  readonly region: string;
}

/**
 * The container: password and username injected by ECS from the secret when the task starts
 * (the username too, because alternating-users rotation changes it), the URL as plain text.
 */
export function containerDefinition(args: ContainerArgs): Record<string, unknown> {
  const { task } = args;
  const environment = [
    { name: task.urlEnvName, value: jdbcUrl(args.database) },
    ...Object.keys(task.environment)
      .sort()
      .map((name) => ({ name, value: task.environment[name] })),
  ];
  return {
    name: task.containerName,
    image: task.image,
    essential: true,
    ...(task.containerPort ? { portMappings: [{ containerPort: task.containerPort, protocol: "tcp" }] } : {}),
    environment,
    secrets: [
      { name: task.passwordEnvName, valueFrom: valueFrom(args.secretArn, "password") },
      { name: task.usernameEnvName, valueFrom: valueFrom(args.secretArn, "username") },
    ],
    logConfiguration: {
      logDriver: "awslogs",
      options: {
        "awslogs-group": args.logGroupName,
        "awslogs-region": args.region,
        "awslogs-stream-prefix": task.containerName,
      },
    },
  };
}
