// The real SDK clients, pointed by AWS_ENDPOINT_URL at a local server: the override works (no
// client is given an endpoint), a throttled call is retried by the SDK, and credentials that
// never come (an instance-metadata endpoint that does not answer) are reported within a bound.

import { expect } from "chai";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { preflight } from "../../automation/live";
import { writeEnvironment } from "./environment";
import { isolateAws } from "./aws";

interface Seen {
  readonly path: string;
  readonly body: string;
  readonly host: string;
}

function serve(
  answer: (seen: Seen, count: number) => [number, string],
): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      const s = { path: req.url ?? "", body, host: req.headers.host ?? "" };
      seen.push(s);
      const [status, payload] = answer(s, seen.length);
      res.writeHead(status, { "content-type": payload.startsWith("<") ? "text/xml" : "application/json" }).end(payload);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }),
    ),
  );
}

const identity = (account: string) =>
  `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${account}:user/ci</Arn><UserId>AIDAEXAMPLE</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
const THROTTLED = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ErrorResponse>`;

describe("preflight against a local endpoint (AWS_ENDPOINT_URL)", () => {
  isolateAws();
  // No roles to assume: the ambient test keys sign every request.
  const root = writeEnvironment((c) => {
    delete c["rds-secret-share:owner"].assumeRoleArn;
    delete c["rds-secret-share:consumers"][0].assumeRoleArn;
    delete c["rds-secret-share:rotation"];
    c["rds-secret-share:consumers"][0].accountId = "111111111111";
    c["rds-secret-share:consumers"][0].executionRoleArn = "arn:aws:iam::111111111111:role/app-task-execution";
    c["rds-secret-share:consumers"][0].restartServices = [];
  });
  afterEach(() => delete process.env.AWS_ENDPOINT_URL);

  it("GIVEN AWS_ENDPOINT_URL THEN the requests arrive there, and a throttled GetCallerIdentity is retried by the SDK", async () => {
    const { server, url, seen } = await serve((s, n) =>
      s.body.includes("Action=GetCallerIdentity")
        ? n === 1
          ? [400, THROTTLED]
          : [200, identity("111111111111")]
        : [400, '{"__type":"ValidationException","message":"not served here"}'],
    );
    process.env.AWS_ENDPOINT_URL = url;
    try {
      const r = await preflight("dev", { root });
      const sts = seen.filter((s) => s.body.includes("Action=GetCallerIdentity"));
      expect(sts.length).to.be.at.least(3); // two accounts, one of them throttled once
      expect(seen.every((s) => s.host === url.slice("http://".length))).to.equal(true);
      expect(r.accounts.map((a) => a.checks[0].title)).to.deep.equal([
        "calling as arn:aws:iam::111111111111:user/ci",
        "calling as arn:aws:iam::111111111111:user/ci",
      ]);
      expect(seen.some((s) => s.path === "/policy/validation")).to.equal(true);
      expect(r.accounts[0].checks[1].title).to.equal(
        "could not check the key policy with IAM Access Analyzer: ValidationException on access-analyzer:ValidatePolicy",
      );
    } finally {
      server.close();
    }
  });

  it("GIVEN no credentials and an instance-metadata endpoint that never answers THEN each account is reported within the bound, exit 2", async () => {
    const hang = createServer(() => undefined);
    await new Promise<void>((resolve) => hang.listen(0, "127.0.0.1", () => resolve()));
    const saved = [process.env.AWS_ACCESS_KEY_ID, process.env.AWS_SECRET_ACCESS_KEY];
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    delete process.env.AWS_EC2_METADATA_DISABLED;
    process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = `http://127.0.0.1:${(hang.address() as AddressInfo).port}`;
    try {
      const r = await preflight("dev", { root, credentialsBoundMs: 300, metadataTimeoutMs: 5000 });
      expect(r.verdict).to.equal("no-credentials");
      expect(
        r.accounts.map((a) => `${a.checks[0].status} ${a.checks[0].title} [${a.checks[0].configKey}]`),
      ).to.deep.equal([
        "error no usable AWS credentials for the owner account 111111111111: CredentialsTimeout: no credentials within 0.3 s [rds-secret-share:owner.profile]",
        "error no usable AWS credentials for the consumer account 111111111111: CredentialsTimeout: no credentials within 0.3 s [rds-secret-share:consumers[0].profile]",
      ]);
    } finally {
      [process.env.AWS_ACCESS_KEY_ID, process.env.AWS_SECRET_ACCESS_KEY] = saved;
      process.env.AWS_EC2_METADATA_DISABLED = "true";
      delete process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
      hang.closeAllConnections();
      hang.close();
    }
  });
});
