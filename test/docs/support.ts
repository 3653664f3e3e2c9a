import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../automation/environment";

/** README.md and every Markdown file under docs/ and examples/, relative to the project root. */
export function documents(): string[] {
  const under = (dir: string): string[] =>
    readdirSync(path.join(PROJECT_ROOT, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() && e.name !== "node_modules"
        ? under(path.join(dir, e.name))
        : e.name.endsWith(".md")
          ? [path.join(dir, e.name)]
          : [],
    );
  return ["README.md", ...["docs", "examples"].filter((d) => existsSync(path.join(PROJECT_ROOT, d))).flatMap(under)];
}
