// grantRead on its own: every statement one reader needs, on both sides of the account boundary,
// asserted statement by statement without running the program.

import { expect } from "chai";
import { grantRead, keyAdministration, ownerAccountKeyAccess } from "../../infra/access/grants";
import { keyPolicy, readerIdentityPolicy, secretPolicy } from "../../infra/access/policies";

const SECRET = {
  secretArn: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:rds/prod/app-AbCdEf",
  kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  region: "eu-west-1",
};
const READER = { name: "billing-api", roleArn: "arn:aws:iam::333333333333:role/ecs/billing-exec" };
const VIA_SECRETS_MANAGER = {
  StringEquals: {
    "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com",
    "kms:EncryptionContext:SecretARN": SECRET.secretArn,
  },
};

describe("grantRead: one reader's access, decided in one place", () => {
  it("GIVEN a reader in another account THEN the secret policy lets exactly that role call GetSecretValue", () => {
    expect(grantRead(SECRET, READER).secretPolicy).to.deep.equal({
      Sid: "ReadBillingApi",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::333333333333:role/ecs/billing-exec" },
      Action: "secretsmanager:GetSecretValue",
      Resource: "*",
    });
  });

  it("GIVEN a reader THEN the key policy lets it decrypt only through Secrets Manager in the owner region, for this secret", () => {
    expect(grantRead(SECRET, READER).keyPolicy).to.deep.equal({
      Sid: "DecryptBillingApiViaSecretsManager",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::333333333333:role/ecs/billing-exec" },
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: VIA_SECRETS_MANAGER,
    });
  });

  it("GIVEN a reader THEN its identity policy names exactly this secret and this key, under the same conditions", () => {
    expect(grantRead(SECRET, READER).identityPolicy).to.deep.equal([
      {
        Sid: "ReadSharedSecret",
        Effect: "Allow",
        Action: "secretsmanager:GetSecretValue",
        Resource: SECRET.secretArn,
      },
      {
        Sid: "DecryptSharedSecretViaSecretsManager",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: SECRET.kmsKeyArn,
        Condition: VIA_SECRETS_MANAGER,
      },
    ]);
  });

  it("GIVEN two readers THEN each whole document holds one statement per reader, in order, from grantRead alone", () => {
    const other = { name: "app", roleArn: "arn:aws:iam::222222222222:role/app-exec" };
    expect(secretPolicy(SECRET, [READER, other]).Statement).to.deep.equal([
      grantRead(SECRET, READER).secretPolicy,
      grantRead(SECRET, other).secretPolicy,
    ]);
    expect(readerIdentityPolicy(SECRET, other).Statement).to.deep.equal(grantRead(SECRET, other).identityPolicy);
    const admins = ["arn:aws:iam::111111111111:role/admin"];
    expect(
      keyPolicy({ ownerAccountId: "111111111111", keyAdminArns: admins, secret: SECRET, readers: [READER, other] })
        .Statement,
    ).to.deep.equal([
      ownerAccountKeyAccess("111111111111"),
      keyAdministration(admins),
      grantRead(SECRET, READER).keyPolicy,
      grantRead(SECRET, other).keyPolicy,
    ]);
  });

  it("GIVEN two readers whose names differ only before a digit's hyphen THEN refused: AWS rejects duplicate Sids", () => {
    const one = { name: "app-1", roleArn: "arn:aws:iam::222222222222:role/a" };
    const twin = { name: "app1", roleArn: "arn:aws:iam::444444444444:role/b" };
    expect(() => secretPolicy(SECRET, [one, twin])).to.throw("duplicate policy statement id ReadApp1");
  });
});
