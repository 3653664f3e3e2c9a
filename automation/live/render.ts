// preflight's and doctor's results as people read them (one line per check, ✓ ✗ !, grouped by
// account) and as scripts read them (the result itself, as JSON).

import type { Rendered } from "../rendered";
import { accountLabel, AccountReport, Check, DoctorResult, PreflightResult, Verdict } from "./model";

const MARK: Readonly<Record<Check["status"], string>> = { ok: "✓", fail: "✗", warn: "!", error: "!" };

function checkLines(c: Check): string[] {
  const lines = [`  ${MARK[c.status]} ${c.title}`];
  if (c.detail !== undefined && c.status !== "ok") {
    lines.push(`      ${c.detail}`);
  }
  if (c.configKey !== undefined && c.status !== "ok") {
    lines.push(`      config: ${c.configKey}`);
  }
  return lines;
}

function accountBlock(a: AccountReport): string {
  return [`${accountLabel(a)}, with ${a.credentials}`, ...a.checks.flatMap(checkLines)].join("\n");
}

function count(accounts: readonly AccountReport[], status: Check["status"]): number {
  return accounts.flatMap((a) => a.checks).filter((c) => c.status === status).length;
}

function tally(accounts: readonly AccountReport[]): string {
  const parts = [
    `${count(accounts, "ok")} ok`,
    `${count(accounts, "fail")} failed`,
    `${count(accounts, "warn")} warnings`,
    `${count(accounts, "error")} not checked`,
  ];
  return parts.join(", ");
}

const PREFLIGHT_SUMMARY: Readonly<Record<Verdict, string>> = {
  ok: "nothing stands in the way of a deploy",
  warnings: "a deploy may go ahead; the warnings above break rotation, not the deploy",
  blocked: "a deploy would fail or be unsafe: fix what is marked ✗ or ! first",
  "no-credentials": "no usable AWS credentials for an account above; nothing was checked there",
};

const DOCTOR_SUMMARY: Readonly<Record<Verdict, string>> = {
  ok: "the share works",
  warnings: "the share works; look at the warnings above",
  blocked: "the share is broken or could not be fully checked: see what is marked ✗ or !",
  "no-credentials": "no usable AWS credentials for an account above; nothing was checked there",
};

function render(r: PreflightResult | DoctorResult, summary: string): Rendered {
  const head = `${r.command} ${r.env}${r.command === "preflight" && r.strict ? " (strict)" : ""}`;
  const text = [
    head,
    "",
    ...r.accounts.map(accountBlock).flatMap((b) => [b, ""]),
    `${r.command} ${r.env}: ${summary} (${tally(r.accounts)}; ${r.calls} AWS calls).`,
  ];
  return { text: text.join("\n"), json: r };
}

export function renderPreflight(r: PreflightResult): Rendered {
  return render(r, PREFLIGHT_SUMMARY[r.verdict]);
}

export function renderDoctor(r: DoctorResult): Rendered {
  return render(r, DOCTOR_SUMMARY[r.verdict]);
}
