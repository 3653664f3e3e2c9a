// A reader that stops early (`npx rds-secret-share plan dev | head -1`) closes the pipe, and the
// next write to stdout fails with EPIPE. Unix tools stop quietly then, and so does this command
// line: no stack trace, nothing more written there, and the run ends with its own exit code. A
// deploy or destroy whose progress went to that pipe is not cut short: it finishes its stacks.

/** Makes EPIPE on `stream` quiet; any other error of the stream still fails loudly. */
export function quietOnClosedPipe(stream: NodeJS.EventEmitter): void {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") {
      throw err;
    }
  });
}
