// A small SQL tokenizer, shared by the SQLite DDL parser and the check-condition comparison.

export interface Token {
  readonly kind: 'word' | 'identifier' | 'string' | 'number' | 'punct';
  /** The identifier without its quotes; the text itself, quotes included, for every other kind. */
  readonly value: string;
  /** For a string: its content, escapes resolved. */
  readonly literal?: string;
  readonly start: number;
  readonly end: number;
}

/** How a dialect quotes; the defaults read SQLite. */
export interface TokenizeOptions {
  /** `"..."` is a string, as in MySQL's default sql_mode, not a quoted name. */
  readonly doubleQuotedStrings?: boolean;
  /** `[...]` is a quoted name (SQLite); when false `[` and `]` are punctuation (PostgreSQL arrays). Default true. */
  readonly bracketNames?: boolean;
  /** A backslash in a string escapes the next character (MySQL). */
  readonly backslashEscapes?: boolean;
}

const CLOSING_QUOTE: Record<string, string> = { '"': '"', '`': '`', '[': ']' };

/** Splits SQL into tokens, skipping whitespace and comments; quoted names lose their quotes. */
export function tokenize(sql: string, options: TokenizeOptions = {}): Token[] {
  const bracketNames = options.bracketNames ?? true;
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol === -1 ? sql.length : eol + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? sql.length : close + 2;
    } else if (c === "'" || (c in CLOSING_QUOTE && (c !== '[' || bracketNames))) {
      const isString = c === "'" || (c === '"' && options.doubleQuotedStrings === true);
      const close = c === "'" ? "'" : CLOSING_QUOTE[c];
      let j = i + 1;
      let value = '';
      for (; j < sql.length; j++) {
        if (isString && options.backslashEscapes && sql[j] === '\\' && j + 1 < sql.length) {
          value += sql[++j];
          continue;
        }
        if (sql[j] === close) {
          // A doubled quote is an escaped quote, except in [brackets].
          if (close !== ']' && sql[j + 1] === close) {
            value += close;
            j++;
            continue;
          }
          break;
        }
        value += sql[j];
      }
      tokens.push(
        isString
          ? { kind: 'string', value: sql.slice(i, j + 1), literal: value, start: i, end: j + 1 }
          : { kind: 'identifier', value, start: i, end: j + 1 },
      );
      i = j + 1;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[j])) j++;
      tokens.push({ kind: 'word', value: sql.slice(i, j), start: i, end: j });
      i = j;
    } else if (/[0-9.]/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /[0-9.eExX]/.test(sql[j])) j++;
      tokens.push({ kind: 'number', value: sql.slice(i, j), start: i, end: j });
      i = j;
    } else {
      tokens.push({ kind: 'punct', value: c, start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}
