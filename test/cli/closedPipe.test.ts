// stdout closed by its reader (`plan dev | head -1`): the command line stops quietly.

import { expect } from "chai";
import { spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { quietOnClosedPipe } from "../../automation/cli/closedPipe";
import { PROJECT_ROOT } from "../../automation/environment";
import { thrown } from "../support/errors";

function streamError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`write ${code}`), { code, syscall: "write" });
}

describe("the command line when its reader closes stdout early", () => {
  it("GIVEN EPIPE on the stream THEN nothing is thrown; any other error still is", () => {
    const stream = new EventEmitter();
    quietOnClosedPipe(stream);
    expect(stream.emit("error", streamError("EPIPE"))).to.equal(true);
    expect(thrown(() => stream.emit("error", streamError("EIO"))).message).to.equal("write EIO");
  });

  it("GIVEN plan dev as a process whose stdout is closed before it writes THEN it exits 0 with nothing on stderr", async () => {
    const child = spawn(process.execPath, [path.join("dist", "automation", "cli", "bin.js"), "plan", "dev"], {
      cwd: PROJECT_ROOT,
      env: { PATH: path.dirname(process.execPath), HOME: tmpdir() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // The reader goes away at once, as `| true` does: the plan's one write meets a closed pipe.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect({ code, stderr }).to.deep.equal({ code: 0, stderr: "" });
  });
});
