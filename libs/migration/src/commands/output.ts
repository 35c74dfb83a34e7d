/**
 * Where a command's text goes. Commands return data; what they report while they run
 * (`Running upgrade a -> b`) and the `--sql` script are handed to this sink, so the CLI
 * decides the streams and the `Migrate` service can collect or drop them.
 */
export interface Output {
  /** Progress lines, one per step. */
  info(line: string): void;
  /** `--sql` script text, already terminated. */
  sql(text: string): void;
  /** Non-fatal problems (an ignored file). */
  warn(line: string): void;
  /** A step begins (`Running upgrade a -> b, message`); without this method the line goes to `info`. */
  stepStarted?(line: string): void;
  /** The step begun last ended after `elapsedMs`, or failed (undefined). */
  stepEnded?(elapsedMs: number | undefined): void;
  /** Online, each statement as it runs (`--echo-sql`); catalog reads included. */
  statement?(sql: string): void;
}

/** An output that keeps nothing: for callers that only want the returned data. */
export const SILENT_OUTPUT: Output = { info: () => undefined, sql: () => undefined, warn: () => undefined };
