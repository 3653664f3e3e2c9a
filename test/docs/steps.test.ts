// The step titles of the procedure come from one table (automation/plan/steps.ts): every step
// table in README.md and docs/ says them exactly as `plan` prints them.

import { expect } from "chai";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../automation/environment";
import { renderText, STEPS } from "../../automation/plan";
import { planDev } from "../plan/support";
import { documents } from "./support";

/** `file:line: mark | title` of every table row whose first cell is a step's mark. */
function stepRows(file: string): { where: string; mark: string; title: string }[] {
  const lines = readFileSync(path.join(PROJECT_ROOT, file), "utf8").split("\n");
  return lines.flatMap((line, i) => {
    const cells = line.startsWith("| ") ? line.split("|").map((c) => c.trim()) : [];
    const step = STEPS.find((s) => s.mark === cells[1]);
    return step ? [{ where: `${file}:${i + 1}`, mark: step.mark, title: cells[2] }] : [];
  });
}

describe("docs: the procedure's step titles", () => {
  it("every step row in README.md and docs/ has the step's title from automation/plan/steps.ts", () => {
    const rows = documents().flatMap(stepRows);
    const wrong = rows
      .filter((r) => r.title !== STEPS.find((s) => s.mark === r.mark)?.title)
      .map((r) => `${r.where}: ${r.mark} "${r.title}"`);
    expect(wrong).to.deep.equal([]);
  });

  it("the README's table has a row for every step, in order", () => {
    expect(stepRows("README.md").map((r) => `${r.mark} ${r.title}`)).to.deep.equal(
      STEPS.map((s) => `${s.mark} ${s.title}`),
    );
  });

  it("plan prints the same titles, beside the same marks", async () => {
    const text = renderText(await planDev());
    for (const s of STEPS) {
      expect(text).to.include(`  ${s.mark} ${s.title} — ${s.summary}`);
    }
  });
});
