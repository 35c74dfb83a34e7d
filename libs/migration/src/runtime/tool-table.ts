import { dialectFor } from '../dialects/registry';
import { quoteIdentifier, SqlEmitter } from './sql-emitter';

/** Where a table of the tool's own lives, and how wide its revision column is (the version table's width). */
export interface ToolTableOptions {
  tableName: string;
  schema?: string;
  columnWidth: number;
}

/**
 * A table the tool keeps beside the version table (the run journal, the applied log). It is
 * created on first use with `IF NOT EXISTS`, and every statement goes through the SqlEmitter,
 * so a `--sql` script creates and fills it as the online run does.
 */
export abstract class ToolTable {
  constructor(
    protected readonly emitter: SqlEmitter,
    protected readonly options: ToolTableOptions,
  ) {}

  /** The table's name, quoted, with its schema when it has one. */
  protected get qualifiedName(): string {
    const table = this.q(this.options.tableName);
    return this.options.schema === undefined ? table : `${this.q(this.options.schema)}.${table}`;
  }

  /** `name` quoted for this database. */
  protected q(name: string): string {
    return quoteIdentifier(this.emitter.dialect, name);
  }

  /**
   * Creates the table unless it exists.
   * @param columns each column's name and its type and nullability, in order
   * @param key the primary key's column
   */
  protected async create(columns: readonly (readonly [string, string])[], key: string): Promise<void> {
    const lines = [
      ...columns.map(([name, type]) => `    ${this.q(name)} ${type}`),
      `    CONSTRAINT ${this.q(`${this.options.tableName}_pkc`)} PRIMARY KEY (${this.q(key)})`,
    ];
    await this.emitter.execute(`CREATE TABLE IF NOT EXISTS ${this.qualifiedName} (\n${lines.join(',\n')}\n)`);
  }

  /** Every row, `columns` only, ordered by `key`; none when the table does not exist. Online only. */
  protected async rows(columns: readonly string[], key: string): Promise<Record<string, unknown>[]> {
    const { rows: found } = await this.emitter.execute(
      ...dialectFor(this.emitter.dialect).tableExistsQuery(this.options.tableName, this.options.schema),
    );
    if (found.length === 0) return [];
    const { rows } = await this.emitter.execute(
      `SELECT ${columns.map((c) => this.q(c)).join(', ')} FROM ${this.qualifiedName} ORDER BY ${this.q(key)}`,
    );
    return rows as Record<string, unknown>[];
  }
}
