// What every command hands the command line to print: text for people, JSON for scripts.

export interface Rendered {
  readonly text: string;
  readonly json: unknown;
  /** The exit code, when the result itself decides it (findings exit 1). @default 0 */
  readonly code?: number;
  /** Config warnings as lines, for stderr: those the printed output does not already show. */
  readonly warnings?: readonly string[];
}
