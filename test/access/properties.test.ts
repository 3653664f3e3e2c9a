import { expect } from "chai";
import fc from "fast-check";
import { STACK, validConfig } from "../support/arbitraries";
import { runProgram } from "../support/program";
import { sharePolicies } from "../support/simulate";
import { duplicateClaims } from "../invariants/claims";
import { accessMatrix, evaluateMatrix } from "./matrix";
import { writeReport } from "../support/reports";

/** Kept modest: each run deploys offline and simulates 40 to 80 requests. */
const RUNS = 15;

describe("access matrix, property-based", () => {
  it(`holds for every generated valid config (${RUNS} runs: accounts, regions, 1-3 consumers, role paths, engines, rotation or not)`, async () => {
    let cells = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(validConfig, async (config) => {
        const run = await runProgram(config, { stack: STACK });
        expect(duplicateClaims(run)).to.deep.equal([]);
        const policies = sharePolicies(run);
        const rows = await evaluateMatrix(accessMatrix(policies));
        cells += rows.length;
        const wrong = rows
          .filter((r) => r.simulated !== r.expected)
          .map(
            (r) => `${r.request.caller.label} ${r.request.action} ${r.resourceLabel} ${r.contextLabel}: ${r.simulated}`,
          );
        expect(wrong).to.deep.equal([]);
      }),
      { numRuns: RUNS },
    );
    writeReport("properties", `${RUNS} configs, ${cells} simulated requests, ${Date.now() - started} ms`);
  });
});
