import { expect } from "chai";
import { devConfig, runProgram } from "./support/program";

describe("the dev example", () => {
  it("runs offline and exports the owner and consumer outputs", async () => {
    const run = await runProgram(devConfig());
    expect(Object.keys(run.outputs).sort()).to.deep.equal([
      "consumers",
      "kmsKeyAliasName",
      "kmsKeyArn",
      "passwordValueFrom",
      "rotationLambdaArn",
      "secretArn",
      "secretName",
      "usernameValueFrom",
    ]);
  });
});
