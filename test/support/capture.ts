// Captures everything written to stdout and stderr while `fn` runs (console, Pulumi's log, the
// SDK's warnings) instead of printing it; the tests assert on the text.

type Write = typeof process.stdout.write;

export interface Captured<T> {
  readonly result?: T;
  readonly error?: unknown;
  readonly text: string;
}

export async function captureOutput<T>(fn: () => Promise<T>): Promise<Captured<T>> {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr];
  const originals: Write[] = streams.map((s) => s.write.bind(s));
  for (const stream of streams) {
    stream.write = (chunk: string | Uint8Array): boolean => {
      chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    };
  }
  try {
    const result = await fn();
    return { result, text: chunks.join("") };
  } catch (error) {
    return { error, text: chunks.join("") };
  } finally {
    streams.forEach((stream, i) => {
      stream.write = originals[i];
    });
  }
}
