// db-user connects only to the configured database: a secret pointing elsewhere (anyone allowed to
// PutSecretValue could write it) must not receive a connection carrying the administrator's password.

import { expect } from "chai";
import { AddressInfo, createServer, Server } from "node:net";
import { dbUser } from "../../automation/dbuser";
import { ENV, localDatabase, mockSecrets, writeEnvironment } from "./support";
import { failure } from "../support/errors";

const ADMIN_PASSWORD = "Admin-password-never-sent-4321";
const APP_PASSWORD = "App-password-never-shown-1234";

/** A server that only counts who connects: the address a hostile secret would name. */
async function listener(): Promise<{ server: Server; port: number; connections: () => number }> {
  let count = 0;
  const server = createServer((socket) => {
    count++;
    socket.on("error", () => undefined);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port, connections: () => count };
}

describe("db-user: the database it connects to", () => {
  let mock: ReturnType<typeof mockSecrets> | undefined;
  let server: Server | undefined;

  afterEach(async () => {
    mock?.restore();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  for (const engine of ["postgres", "mariadb"] as const) {
    it(`${engine}: GIVEN the secret names a port other than database.port THEN db-user refuses and nothing connects there`, async () => {
      const hostile = await listener();
      server = hostile.server;
      const configured = { ...localDatabase(engine, "app", "app_user"), host: "db.example.internal", port: 5432 };
      const root = writeEnvironment((c) => (c["rds-secret-share:database"] = configured));
      mock = mockSecrets({
        username: "app_user",
        password: APP_PASSWORD,
        engine,
        host: "127.0.0.1",
        port: hostile.port,
        dbname: "app",
      });
      const environment = { RDS_SECRET_SHARE_ADMIN_USER: "admin", RDS_SECRET_SHARE_ADMIN_PASSWORD: ADMIN_PASSWORD };

      const err = await failure(() => dbUser(ENV, { root, tls: false, environment }));

      expect(err.message).to.equal(
        `db-user: the secret "rds/dbutest/app" names the database 127.0.0.1:${hostile.port}, but rds-secret-share:database.host and .port are db.example.internal:5432; ` +
          `db-user connects only to the configured database, so it did not connect. If the configuration is right, write db.example.internal and 5432 back into the secret's host and port, ` +
          `keeping its password and other fields (aws secretsmanager get-secret-value piped through jq into put-secret-value, as "What a later deploy does not change" in docs/driver.md shows); ` +
          `if the database moved, correct rds-secret-share:database.host and .port as well.`,
      );
      expect(hostile.connections()).to.equal(0);
      expect(err.message).not.to.include(ADMIN_PASSWORD);
      expect(err.message).not.to.include(APP_PASSWORD);
    });
  }
});
