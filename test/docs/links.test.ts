// Every relative link in README.md and docs/ resolves: the file exists and, for a link to a
// heading, the heading does (anchors as GitHub makes them).

import { expect } from "chai";
import GithubSlugger from "github-slugger";
import { marked, Token } from "marked";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../automation/environment";
import { documents } from "./support";

function walk(tokens: readonly Token[], visit: (t: Token) => void): void {
  for (const t of tokens) {
    visit(t);
    const children = (t as { tokens?: Token[] }).tokens;
    if (children) {
      walk(children, visit);
    }
    for (const item of (t as { items?: Token[] }).items ?? []) {
      walk([item], visit);
    }
    const table = t as { header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
    for (const cell of [...(table.header ?? []), ...(table.rows ?? []).flat()]) {
      walk(cell.tokens, visit);
    }
  }
}

function links(file: string): string[] {
  const out: string[] = [];
  walk(marked.lexer(readFileSync(path.join(PROJECT_ROOT, file), "utf8")), (t) => {
    if (t.type === "link" || t.type === "image") {
      out.push((t as { href: string }).href);
    }
  });
  return out;
}

function anchors(file: string): Set<string> {
  const slugger = new GithubSlugger();
  const out = new Set<string>();
  walk(marked.lexer(readFileSync(path.join(PROJECT_ROOT, file), "utf8")), (t) => {
    if (t.type === "heading") {
      out.add(slugger.slug((t as { text: string }).text.replace(/`/g, "")));
    }
  });
  return out;
}

/** What is wrong with a relative link from `file`, or undefined when it resolves. */
function problem(file: string, href: string): string | undefined {
  if (/^[a-z]+:/i.test(href)) {
    return undefined;
  }
  const [target, anchor] = href.split("#", 2);
  const resolved = target === "" ? file : path.normalize(path.join(path.dirname(file), decodeURIComponent(target)));
  if (!existsSync(path.join(PROJECT_ROOT, resolved))) {
    return `${file}: ${href}: no such file ${resolved}`;
  }
  if (anchor !== undefined && resolved.endsWith(".md") && !anchors(resolved).has(anchor)) {
    return `${file}: ${href}: no heading #${anchor} in ${resolved}`;
  }
  return undefined;
}

describe("docs: links", () => {
  it("every relative link in README.md, docs/ and examples/ resolves, anchors included", () => {
    const files = documents();
    expect(files).to.include.members(["README.md", path.join("docs", "configuration.md")]);
    const broken = files.flatMap((f) => links(f).flatMap((href) => problem(f, href) ?? []));
    expect(broken).to.deep.equal([]);
  });

  it("GIVEN a link to a missing file or heading THEN the check names it", () => {
    expect(problem("README.md", "docs/nothing.md")).to.equal(
      "README.md: docs/nothing.md: no such file docs/nothing.md",
    );
    expect(problem("README.md", "docs/configuration.md#no-such-heading")).to.equal(
      "README.md: docs/configuration.md#no-such-heading: no heading #no-such-heading in docs/configuration.md",
    );
    expect(problem("README.md", "https://www.pulumi.com/docs/")).to.equal(undefined);
  });
});
