// The process behind `rds-secret-share` (bin/rds-secret-share.js runs this, compiled): the real
// streams and environment in, the exit code out.

import "./startup";
import { quietOnClosedPipe } from "./closedPipe";
import { main } from "./main";

quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
