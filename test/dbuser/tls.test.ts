// TLS as db-user sets it up: the local servers have none, so two tiny fake servers speak just
// enough PostgreSQL and MySQL protocol to start TLS with a test CA's certificate, then refuse
// the login. Reaching that refusal proves the handshake passed; a certificate problem stops first.

import { expect } from "chai";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { AddressInfo, createServer, Server, Socket } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Duplex } from "node:stream";
import { TLSSocket } from "node:tls";
import { dbUser } from "../../automation/dbuser";
import { PROJECT_ROOT } from "../../automation/environment";
import { ENV, localDatabase, mockSecrets, writeEnvironment } from "./support";
import { failure } from "../support/errors";

// Read from the source tree: the tests run compiled from dist/.
const FIXTURES = path.join(PROJECT_ROOT, "test", "dbuser", "fixtures");
const CA = path.join(FIXTURES, "ca.pem");
const certificate = (name: string) => ({
  key: readFileSync(path.join(FIXTURES, `server-${name}.key`), "utf8"),
  cert: readFileSync(path.join(FIXTURES, `server-${name}.pem`), "utf8"),
});
const REFUSAL = "fake server: TLS handshake completed";

/** PostgreSQL: answers the SSLRequest with S, starts TLS, then refuses the startup message. */
function fakePostgres(name: string): Promise<Server> {
  const tls = certificate(name);
  return listen((socket) => {
    socket.once("data", () => {
      socket.write("S");
      const secure = new TLSSocket(socket, { isServer: true, ...tls });
      secure.on("error", () => undefined);
      secure.once("data", () => secure.end(pgError("28000", REFUSAL)));
    });
  });
}

function pgError(code: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`);
  const length = Buffer.alloc(4);
  length.writeInt32BE(fields.length + 4);
  return Buffer.concat([Buffer.from("E"), length, fields]);
}

// Capabilities: LONG_PASSWORD, PROTOCOL_41, SSL, SECURE_CONNECTION, PLUGIN_AUTH.
const MYSQL_CAPABILITIES = 0x1 | 0x200 | 0x800 | 0x8000 | 0x80000;

/** MySQL: sends a handshake offering SSL, reads the client's SSL request, starts TLS, refuses the login. */
function fakeMysql(name: string): Promise<Server> {
  const tls = certificate(name);
  return listen((socket) => {
    socket.write(mysqlPacket(0, mysqlHandshake()));
    socket.once("readable", function read() {
      // The SSL request is 36 bytes; the TLS ClientHello may already follow it in the buffer.
      if (socket.read(36) === null) {
        socket.once("readable", read);
        return;
      }
      const secure = new TLSSocket(Duplex.from({ readable: socket, writable: socket }), { isServer: true, ...tls });
      secure.on("error", () => undefined);
      secure.once("data", (response: Buffer) => {
        const payload = Buffer.concat([Buffer.from([0xff, 0x15, 0x04]), Buffer.from(`#28000${REFUSAL}`)]);
        secure.end(mysqlPacket(response[3] + 1, payload));
      });
    });
  });
}

function mysqlHandshake(): Buffer {
  const caps = Buffer.alloc(4);
  caps.writeUInt32LE(MYSQL_CAPABILITIES);
  const id = Buffer.alloc(4);
  id.writeUInt32LE(1);
  return Buffer.concat([
    Buffer.from([10]),
    Buffer.from("5.7.99-fake\0"),
    id,
    Buffer.alloc(8, 0x61),
    Buffer.from([0]),
    caps.subarray(0, 2),
    Buffer.from([33, 2, 0]),
    caps.subarray(2, 4),
    Buffer.from([21]),
    Buffer.alloc(10),
    Buffer.alloc(12, 0x62),
    Buffer.from([0]),
    Buffer.from("mysql_native_password\0"),
  ]);
}

function mysqlPacket(sequence: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUIntLE(payload.length, 0, 3);
  header[3] = sequence;
  return Buffer.concat([header, payload]);
}

function listen(onConnection: (socket: Socket) => void): Promise<Server> {
  const server = createServer((socket) => {
    socket.on("error", () => undefined);
    onConnection(socket);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("db-user: TLS with certificate and host name verification", () => {
  const servers: Server[] = [];
  let mock: ReturnType<typeof mockSecrets> | undefined;

  afterEach(async () => {
    mock?.restore();
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  async function connectTo(engine: "postgres" | "mariadb", name: string, caBundle?: string): Promise<string> {
    const server = await (engine === "postgres" ? fakePostgres(name) : fakeMysql(name));
    servers.push(server);
    const port = (server.address() as AddressInfo).port;
    const root = writeEnvironment((c) => {
      c["rds-secret-share:database"] = { ...localDatabase(engine, "app", "app_user"), port };
    });
    const password = "Fake-server-password-1";
    mock = mockSecrets({ username: "app_user", password, engine, host: "127.0.0.1", port, dbname: "app" });
    const environment = { RDS_SECRET_SHARE_ADMIN_USER: "admin", RDS_SECRET_SHARE_ADMIN_PASSWORD: "admin-pw-1" };
    const err = await failure(() => dbUser(ENV, { root, environment, ...(caBundle ? { caBundle } : {}) }));
    expect(err.message).not.to.include(password);
    return err.message.replace(`:${port}`, ":<port>");
  }

  for (const engine of ["postgres", "mariadb"] as const) {
    const at =
      engine === "postgres"
        ? `${engine} at 127.0.0.1:<port> (database "app") as "admin"`
        : `${engine} at 127.0.0.1:<port> as "admin"`;
    const who = `the administrator (from environment variables RDS_SECRET_SHARE_ADMIN_USER, RDS_SECRET_SHARE_ADMIN_PASSWORD), with TLS`;
    // mysql2 reports TLS failures as HANDSHAKE_SSL_ERROR, and checks a host given as an IP address
    // against the name "localhost" (RDS endpoints are names, checked as such).
    const unverified = engine === "postgres" ? "UNABLE_TO_VERIFY_LEAF_SIGNATURE" : "HANDSHAKE_SSL_ERROR";
    const mismatch =
      engine === "postgres"
        ? "ERR_TLS_CERT_ALTNAME_INVALID: Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: "
        : "HANDSHAKE_SSL_ERROR: Hostname/IP does not match certificate's altnames: Host: localhost. is not in the cert's altnames: DNS:db.example.invalid";

    it(`${engine}: GIVEN the default trust store THEN a certificate from an unknown CA is refused`, async () => {
      expect(await connectTo(engine, "localhost")).to.equal(
        `db-user: connecting to ${at}, ${who} failed: ${unverified}: unable to verify the first certificate. The server's certificate was not verified: pass --ca-bundle <file> with the CA that signed it (for RDS: https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem), and connect to the name the certificate carries.`,
      );
    });

    it(`${engine}: GIVEN --ca-bundle with that CA THEN the handshake passes and the server's refusal comes through`, async () => {
      const refused = engine === "postgres" ? "28000" : "ER_ACCESS_DENIED_ERROR (1045)";
      expect(await connectTo(engine, "localhost", CA)).to.equal(
        `db-user: connecting to ${at}, ${who} failed: ${refused}: ${REFUSAL}. Check the credentials.`,
      );
    });

    it(`${engine}: GIVEN --ca-bundle but a certificate for another host name THEN it is refused`, async () => {
      expect(await connectTo(engine, "other", CA)).to.equal(
        `db-user: connecting to ${at}, ${who} failed: ${mismatch}. The server's certificate was not verified: pass --ca-bundle <file> with the CA that signed it (for RDS: https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem), and connect to the name the certificate carries.`,
      );
    });
  }

  it("GIVEN --ca-bundle naming a missing file THEN it stops before reading any secret", async () => {
    const root = writeEnvironment(() => undefined);
    mock = mockSecrets({ username: "app_user", password: "x", engine: "postgres", host: "h", port: 1, dbname: "app" });

    const err = await failure(() => dbUser(ENV, { root, caBundle: "/nonexistent/ca.pem" }));

    expect(err.message).to.equal(
      "db-user: --ca-bundle /nonexistent/ca.pem: cannot read the file (ENOENT: no such file or directory, open '/nonexistent/ca.pem').",
    );
    expect(mock.calls()).to.have.length(0);
  });

  it("GIVEN --ca-bundle naming a file without a certificate THEN the error says what it expected", async () => {
    const file = path.join(tmpdir(), `not-a-ca-${process.pid}.pem`);
    writeFileSync(file, "hello");
    const root = writeEnvironment(() => undefined);

    const err = await failure(() => dbUser(ENV, { root, caBundle: file }));
    rmSync(file);

    expect(err.message).to.equal(
      `db-user: --ca-bundle ${file}: no PEM certificate in the file; expected CA certificates such as https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem.`,
    );
  });
});
