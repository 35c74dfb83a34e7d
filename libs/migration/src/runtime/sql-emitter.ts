import type { QueryRunner } from 'typeorm';
import { MigrationError } from '../errors';
import { dialectFor } from '../dialects/registry';
import { isWordChar, SqlSyntax } from '../dialects/sql-syntax';
import { structuredQuery } from '../dialects/structured-query';
import type { Dialect } from '../operations/migration-ops';

/** What one statement did: the rows it returned and, online, how many rows it changed. */
export interface ExecResult {
  /** Rows changed as the driver reports them; always undefined offline. */
  affected: number | undefined;
  /** Rows a SELECT returned; always empty offline. */
  rows: unknown[];
}

/**
 * The one place that decides online vs `--sql` (ARCHITECTURE.md, "One point decides online vs --sql"). Every statement, the
 * version table's included, goes through `execute`: online it runs, offline it is written
 * to the script with its terminator. Nothing else checks which mode it is in to decide
 * what to do with SQL.
 */
export interface SqlEmitter {
  readonly dialect: Dialect;
  readonly isOffline: boolean;
  execute(sql: string, params?: readonly unknown[]): Promise<ExecResult>;
  /**
   * Statements without parameters that belong together (a step's bookkeeping): online they run
   * in as few round trips as the driver allows (`DatabaseDialect.runStatements`), offline each is
   * written as `execute` writes it. Answers how many rows each one changed (undefined offline).
   */
  executeBatch(statements: readonly string[]): Promise<(number | undefined)[]>;
  /** A note for the reader of a `--sql` script (`-- Running upgrade a -> b`); online it goes nowhere. */
  comment(text: string): void;
}

/** Runs each statement on the migration's connection. */
export class OnlineSqlEmitter implements SqlEmitter {
  readonly isOffline = false;

  /** @param echo told each statement before it runs (`--echo-sql`), with its parameters inlined */
  constructor(
    private readonly queryRunner: QueryRunner,
    readonly dialect: Dialect,
    private readonly echo?: (sql: string) => void,
  ) {}

  async execute(sql: string, params: readonly unknown[] = []): Promise<ExecResult> {
    this.echo?.(echoed(this.dialect, sql, params));
    // mysql2 counts rows *changed*, not matched; a version-table UPDATE always changes the
    // value, so the two agree.
    const result = await structuredQuery(this.queryRunner, sql, params);
    return { affected: result.affected, rows: result.records ?? [] };
  }

  async executeBatch(statements: readonly string[]): Promise<(number | undefined)[]> {
    for (const sql of statements) this.echo?.(echoed(this.dialect, sql, []));
    return dialectFor(this.dialect).runStatements(this.queryRunner, statements);
  }

  comment(): void {
    // Online the step is reported through the command's log instead.
  }
}

/** `executeBatch` as one `execute` after another: how many rows each statement changed, in order. */
export async function executeEach(emitter: Pick<SqlEmitter, 'execute'>, statements: readonly string[]): Promise<(number | undefined)[]> {
  const affected: (number | undefined)[] = [];
  for (const sql of statements) affected.push((await emitter.execute(sql)).affected);
  return affected;
}

/** A statement as `--echo-sql` shows it: as a script would hold it, or as given when its parameters cannot be inlined. */
function echoed(dialect: Dialect, sql: string, params: readonly unknown[]): string {
  try {
    return `${renderStatement(dialect, sql, params)};`;
  } catch {
    // Never fails the run it only reports on: the values as plain text.
    return `${sql.trim()} -- parameters: ${params.map((p) => String(p)).join(', ')}`;
  }
}

/**
 * Writes each statement to the `--sql` script, parameters inlined as literals, in Alembic's
 * offline shape: the statement, `;`, a newline and a blank line. Never touches a database.
 */
export class OfflineSqlEmitter implements SqlEmitter {
  readonly isOffline = true;

  constructor(
    readonly dialect: Dialect,
    private readonly write: (text: string) => void,
  ) {}

  async execute(sql: string, params: readonly unknown[] = []): Promise<ExecResult> {
    this.write(`${renderStatement(this.dialect, sql, params)};\n\n`);
    return { affected: undefined, rows: [] };
  }

  async executeBatch(statements: readonly string[]): Promise<(number | undefined)[]> {
    return executeEach(this, statements);
  }

  comment(text: string): void {
    this.write(`-- ${text}\n\n`);
  }
}

/**
 * The statement with its placeholders (`$1`... on postgres, `?` on sqlite and mysql, as
 * TypeORM's raw `query()` takes them) replaced by literals, trailing whitespace and one
 * trailing `;` removed so the emitter adds exactly one terminator.
 */
export function renderStatement(dialect: Dialect, sql: string, params: readonly unknown[] = []): string {
  const syntax = dialectFor(dialect).sql;
  let text = sql.trimEnd();
  if (text.endsWith(';')) text = text.slice(0, -1).trimEnd();
  // No placeholder character anywhere (the tool's own statements, most DDL): nothing to scan for.
  if (params.length === 0 && !text.includes(syntax.placeholders === 'numbered' ? '$' : '?')) return text;
  const used = new Set<number>();
  const literal = (index: number): string => {
    if (index >= params.length) {
      throw new MigrationError(
        `Cannot render the statement for --sql: it has a placeholder for parameter ${index + 1} but ${params.length} parameter(s) were given`,
      );
    }
    used.add(index);
    return renderLiteral(dialect, params[index], index);
  };
  // Text between placeholders is copied in slices (from `copied` on), not a character at a time:
  // most statements have none, and come back as they are.
  let out = '';
  let copied = 0;
  let sequential = 0;
  let i = 0;
  const replace = (end: number, value: string) => {
    out += text.slice(copied, i) + value;
    copied = end;
    i = end;
  };
  while (i < text.length) {
    const ch = text[i];
    const skipTo = skipQuotedOrComment(syntax, text, i);
    if (skipTo > i) {
      i = skipTo;
    } else if (syntax.placeholders === 'numbered' && ch === '$' && isDigit(text[i + 1]) && !isWordChar(text[i - 1])) {
      let end = i + 1;
      while (end < text.length && isDigit(text[end])) end++;
      replace(end, literal(Number(text.slice(i + 1, end)) - 1));
    } else if (syntax.placeholders === 'question-mark' && ch === '?') {
      replace(i + 1, literal(sequential++));
    } else {
      i++;
    }
  }
  out += text.slice(copied);
  if (used.size !== params.length) {
    throw new MigrationError(`Cannot render the statement for --sql: ${params.length} parameter(s) were given but it uses ${used.size}`);
  }
  return out;
}

/** Index just past the string literal, quoted identifier or comment starting at `i`, or `i` if none starts there. */
function skipQuotedOrComment(syntax: SqlSyntax, text: string, i: number): number {
  const ch = text[i];
  const next = text[i + 1];
  if (ch === '-' && next === '-') {
    const end = text.indexOf('\n', i);
    return end === -1 ? text.length : end;
  }
  if (ch === '/' && next === '*') {
    const end = text.indexOf('*/', i + 2);
    return end === -1 ? text.length : end + 2;
  }
  if (ch === "'") return skipQuoted(text, i, "'", syntax.backslashEscapesAt(text, i));
  const span = syntax.quotedSpans[ch];
  if (span !== undefined) return skipQuoted(text, i, ch, span);
  if (syntax.dollarQuoting && ch === '$') {
    const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i));
    if (tag && !isWordChar(text[i - 1])) {
      const end = text.indexOf(tag[0], i + tag[0].length);
      return end === -1 ? text.length : end + tag[0].length;
    }
  }
  return i;
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function skipQuoted(text: string, start: number, quote: string, backslash: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    if (backslash && text[i] === '\\') {
      i += 2;
    } else if (text[i] === quote) {
      if (text[i + 1] !== quote) return i + 1;
      i += 2;
    } else {
      i++;
    }
  }
  return text.length;
}

/**
 * A value as a SQL literal for `dialect`: strings quoted (and, on mysql, backslashes escaped,
 * since its default sql_mode reads them as escapes), numbers, NULL, booleans, Dates in UTC,
 * and binary as hex.
 */
export function renderLiteral(dialect: Dialect, value: unknown, index = 0): string {
  const syntax = dialectFor(dialect).sql;
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return `'${syntax.escapeString(value)}'`;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw unrenderable(index, String(value));
    return String(value);
  }
  if (typeof value === 'boolean') return syntax.booleanLiteral(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw unrenderable(index, 'an invalid Date');
    // UTC, so the script is the same wherever it was generated.
    return syntax.timestampLiteral(value.toISOString().replace('T', ' ').replace('Z', ''));
  }
  if (value instanceof Uint8Array) {
    return syntax.binaryLiteral(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex'));
  }
  throw unrenderable(index, Array.isArray(value) ? 'an array' : `a ${typeof value}`);
}

function unrenderable(index: number, what: string): MigrationError {
  return new MigrationError(
    `Cannot render parameter ${index + 1} (${what}) as a SQL literal for --sql; pass a string, number, boolean, null, Date or Buffer`,
  );
}

/** An identifier quoted for `dialect`: double quotes on sqlite and postgres, backticks on mysql. */
export function quoteIdentifier(dialect: Dialect, name: string): string {
  const quote = dialectFor(dialect).sql.identifierQuote;
  return `${quote}${name.replaceAll(quote, quote + quote)}${quote}`;
}
