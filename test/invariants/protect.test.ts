import { expect } from "chai";
import { OfflineRun } from "../../automation/offline/runtime";
import { configWith, runProgram } from "../support/program";

const KEY = "aws:kms/key:Key";
const SECRET = "aws:secretsmanager/secret:Secret";

const withProtect = (protect: boolean, part = "all") =>
  configWith((c) => {
    c["rds-secret-share:protect"] = protect;
    c["rds-secret-share:part"] = part;
  });

/** `<type> protect=<bool> retainOnDelete=<bool>` of each registration of the given types. */
function options(run: OfflineRun, types: readonly string[]): string[] {
  return run.registrations
    .filter((r) => types.includes(r.type))
    .map((r) => `${r.type} protect=${r.protect} retainOnDelete=${r.retainOnDelete}`);
}

describe("invariant: protect reaches the key and the secret", () => {
  for (const part of ["all", "owner"]) {
    it(`GIVEN protect: true and part ${part} THEN the key and the secret are protected and kept on destroy`, async () => {
      const run = await runProgram(withProtect(true, part), { stack: part === "all" ? "dev" : "dev-owner" });
      expect(options(run, [KEY, SECRET])).to.deep.equal([
        `${KEY} protect=true retainOnDelete=true`,
        `${SECRET} protect=true retainOnDelete=true`,
      ]);
    });
  }

  it("GIVEN protect: false THEN nothing is protected or retained", async () => {
    const run = await runProgram(withProtect(false));
    expect(options(run, [KEY, SECRET])).to.deep.equal([
      `${KEY} protect=false retainOnDelete=false`,
      `${SECRET} protect=false retainOnDelete=false`,
    ]);
    expect(run.registrations.filter((r) => r.protect || r.retainOnDelete).map((r) => r.name)).to.deep.equal([]);
  });
});
