/**
 * How a dialect writes SQL text: what `--sql` needs to inline parameters as literals, and
 * what DDL needs to quote names. The walk over a statement is shared (`runtime/sql-emitter.ts`);
 * these are the answers it asks of the dialect.
 */
export interface SqlSyntax {
  /** The character around a quoted identifier, doubled inside it. */
  readonly identifierQuote: string;
  /** How TypeORM's raw `query()` marks parameters: `$1`, `$2`... or `?` each. */
  readonly placeholders: 'numbered' | 'question-mark';
  /**
   * The quote characters, besides `'`, that open a span the walk skips, each with whether a
   * backslash escapes inside it.
   */
  readonly quotedSpans: Readonly<Record<string, boolean>>;
  /** Whether the `'` string starting at `text[i]` reads backslash as an escape. */
  backslashEscapesAt(text: string, i: number): boolean;
  /** Whether `$tag$ ... $tag$` is a quoted string (PostgreSQL). */
  readonly dollarQuoting: boolean;
  /** The text between the quotes of a string literal. */
  escapeString(value: string): string;
  booleanLiteral(value: boolean): string;
  /** A timestamp literal from its UTC text (`2024-01-02 03:04:05.678`). */
  timestampLiteral(utc: string): string;
  /** A binary literal from its bytes in hex. */
  binaryLiteral(hex: string): string;
}

/** Whether `ch` can be part of a word (so a `$` or an `E` before it belongs to that word). */
export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_$]/.test(ch);
}

/** Standard SQL strings: a quote is doubled, nothing else is escaped. */
export function standardEscape(value: string): string {
  return value.replace(/'/g, "''");
}
