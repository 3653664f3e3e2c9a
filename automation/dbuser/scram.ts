// PostgreSQL password verifiers, computed and checked on the client. Sending a SCRAM verifier
// instead of the password keeps the password out of the server's statement log (what psql's
// \password does), and checking one tells whether a password changed without logging in.

import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";

/** PostgreSQL's default iteration count (scram_iterations). */
export const SCRAM_ITERATIONS = 4096;

const SCRAM_RE = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;

/**
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, as PostgreSQL stores it. Only for
 * printable ASCII passwords, where SASLprep changes nothing, so every client derives the same keys.
 */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = SCRAM_ITERATIONS): string {
  const { storedKey, serverKey } = scramKeys(password, salt, iterations);
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

/**
 * Whether `stored` (pg_authid.rolpassword) is a verifier of `password`: SCRAM-SHA-256 or the
 * older `md5` + md5(password + username). Undefined when the format is unknown.
 */
export function storedPasswordMatches(stored: string | null, username: string, password: string): boolean | undefined {
  if (stored === null || stored === "") {
    return false; // a role without a password
  }
  const scram = SCRAM_RE.exec(stored);
  if (scram) {
    const { storedKey, serverKey } = scramKeys(password, Buffer.from(scram[2], "base64"), Number(scram[1]));
    return same(storedKey, Buffer.from(scram[3], "base64")) && same(serverKey, Buffer.from(scram[4], "base64"));
  }
  if (/^md5[0-9a-f]{32}$/.test(stored)) {
    const md5 = createHash("md5")
      .update(password + username, "utf8")
      .digest("hex");
    return same(Buffer.from(`md5${md5}`), Buffer.from(stored));
  }
  return undefined;
}

function scramKeys(password: string, salt: Buffer, iterations: number): { storedKey: Buffer; serverKey: Buffer } {
  const salted = pbkdf2Sync(Buffer.from(password, "utf8"), salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  return {
    storedKey: createHash("sha256").update(clientKey).digest(),
    serverKey: createHmac("sha256", salted).update("Server Key").digest(),
  };
}

function same(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
